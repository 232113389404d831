package fr.sarcoma.referral.integration.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TimeZone;
import java.util.UUID;
import org.hl7.fhir.r4.model.Annotation;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.ServiceRequest.ServiceRequestIntent;
import org.hl7.fhir.r4.model.ServiceRequest.ServiceRequestPriority;
import org.hl7.fhir.r4.model.ServiceRequest.ServiceRequestStatus;
import org.hl7.fhir.r4.model.StringType;
import org.springframework.stereotype.Component;

/**
 * Our orders as FHIR R4 ServiceRequests, valid against the base R4 profiles, for the performing
 * department's order system.
 *
 * <ul>
 *   <li>identifier: {@link #ORDER_IDENTIFIER_SYSTEM} | order id, typed PLAC (placer identifier). The
 *       receiver creates conditionally on it ({@link #conditionalCreateCriteria}) and results come
 *       back with it.</li>
 *   <li>code: SNOMED CT procedure, English display, French text; category SNOMED "Imaging" or, for a
 *       biopsy, "Surgical procedure" (the example codes of the R4 ServiceRequest category value set).
 *       A CodeableConcept's codings are alternative encodings of one concept, so XRAY_AND_CT is coded
 *       "Radiographic imaging procedure" (both are X-ray imaging) and names its two parts, plain X-ray
 *       and CT, each in an orderDetail.</li>
 *   <li>subject: a logical reference, the IPP ({@link #PATIENT_IDENTIFIER_SYSTEM}) and the patient's
 *       name, as we do not know the receiver's Patient id. A contained Patient would validate too, but
 *       a receiver can neither search nor merge a contained patient with its own, and the IPP is what
 *       French hospital systems match on; so birth date and sex are not sent.</li>
 *   <li>basedOn: the referral, a logical ServiceRequest reference by referral number
 *       ({@link #REFERRAL_IDENTIFIER_SYSTEM}).</li>
 *   <li>note: the guideline §3 protocol, in French; for a biopsy, also the MDT decision (technique,
 *       target zone, centre, date, attendees, rationale) and the approach agreed by the operating
 *       surgeon, who is the note's author. The technique, target zone and approach are also
 *       orderDetails, the centre is the performer.</li>
 * </ul>
 */
@Component
public class ServiceRequestMapper {

  /** Our order ids: the ServiceRequest identifier, for conditional create and for matching results. */
  public static final String ORDER_IDENTIFIER_SYSTEM =
      "https://sarcoma-network.example/fhir/sid/order";

  /** The patient's IPP (identifiant permanent du patient). */
  public static final String PATIENT_IDENTIFIER_SYSTEM =
      "https://sarcoma-network.example/fhir/sid/ipp";

  /** Our referral numbers. */
  public static final String REFERRAL_IDENTIFIER_SYSTEM =
      "https://sarcoma-network.example/fhir/sid/referral";

  /** Our users' ids (e.g. the operating surgeon who agreed a biopsy approach). */
  public static final String STAFF_IDENTIFIER_SYSTEM =
      "https://sarcoma-network.example/fhir/sid/staff";

  /** Our biopsy techniques (PERCUTANEOUS_CORE_NEEDLE, SURGICAL), as on the MDT decision form. */
  public static final String BIOPSY_TECHNIQUE_SYSTEM =
      "https://sarcoma-network.example/fhir/CodeSystem/biopsy-technique";

  static final String SNOMED = "http://snomed.info/sct";
  static final String IDENTIFIER_TYPE_SYSTEM = "http://terminology.hl7.org/CodeSystem/v2-0203";
  static final String BIOPSY = "BIOPSY";
  static final String NETWORK_COORDINATION = "Coordination du réseau sarcomes";

  /** Thread-safe and expensive to build: one for the application (and its tests). */
  private static final FhirContext FHIR = FhirContext.forR4Cached();

  private static final ZoneId FRANCE = ZoneId.of("Europe/Paris");
  private static final DateTimeFormatter FRENCH_DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");

  /** A SNOMED CT concept: its id and English preferred term. */
  record Concept(String code, String display) {

    Coding coding() {
      return new Coding(SNOMED, code, display);
    }
  }

  static final Concept IMAGING = new Concept("363679005", "Imaging");
  static final Concept SURGICAL_PROCEDURE = new Concept("387713003", "Surgical procedure");
  static final Concept PLAIN_X_RAY = new Concept("168537006", "Plain X-ray");
  static final Concept COMPUTED_TOMOGRAPHY =
      new Concept("77477000", "Computerized axial tomography");

  /** How each modality is coded; frenchText becomes code.text. */
  record Exam(Concept category, Concept code, String frenchText, List<Concept> parts) {}

  static final Map<String, Exam> EXAMS =
      Map.of(
          "ULTRASOUND",
          new Exam(
              IMAGING,
              new Concept("16310003", "Diagnostic ultrasonography"),
              "Échographie de la tuméfaction",
              List.of()),
          "XRAY",
          new Exam(IMAGING, PLAIN_X_RAY, "Radiographies standard", List.of()),
          "XRAY_AND_CT",
          new Exam(
              IMAGING,
              new Concept("363680008", "Radiographic imaging procedure"),
              "Radiographies standard puis scanner",
              List.of(PLAIN_X_RAY, COMPUTED_TOMOGRAPHY)),
          "MRI",
          new Exam(
              IMAGING,
              new Concept("113091000", "Magnetic resonance imaging"),
              "IRM de caractérisation",
              List.of()),
          "CHEST_CT",
          new Exam(
              IMAGING,
              new Concept("169069000", "Computed tomography of chest"),
              "Scanner thoracique",
              List.of()),
          "FDG_PET",
          new Exam(
              IMAGING,
              new Concept("450436003", "Positron emission tomography with computed tomography"),
              "TEP-TDM au FDG corps entier",
              List.of()),
          "BONE_SCINTIGRAPHY",
          new Exam(
              IMAGING,
              new Concept("41747008", "Radionuclide bone scan"),
              "Scintigraphie osseuse",
              List.of()),
          BIOPSY,
          new Exam(
              SURGICAL_PROCEDURE,
              new Concept("86273004", "Biopsy"),
              "Biopsie au centre de référence sarcomes",
              List.of()));

  /** French labels of our biopsy techniques, as on the MDT decision and approach forms. */
  static final Map<String, String> BIOPSY_TECHNIQUES =
      Map.of(
          "PERCUTANEOUS_CORE_NEEDLE", "Biopsie percutanée au trocart, guidée par l'imagerie",
          "SURGICAL", "Biopsie chirurgicale");

  private static final Map<String, ServiceRequestPriority> PRIORITIES =
      Map.of(
          "ROUTINE", ServiceRequestPriority.ROUTINE,
          "URGENT", ServiceRequestPriority.URGENT);

  /** The modalities this mapper codes. */
  public static boolean supports(String modality) {
    return EXAMS.containsKey(modality);
  }

  /**
   * The value of {@code If-None-Exist} for a conditional create of this order's ServiceRequest, as
   * the FHIR specification writes it (search parameters only, no base URL, no resource type): {@code
   * identifier=<system>|<orderId>}.
   */
  public static String conditionalCreateCriteria(UUID orderId) {
    return "identifier="
        + ORDER_IDENTIFIER_SYSTEM
        + "|"
        + Objects.requireNonNull(orderId, "orderId");
  }

  /** The order as an active ServiceRequest (intent order), without a resource id: the receiver assigns it. */
  public ServiceRequest toServiceRequest(OrderForFhir order) {
    Objects.requireNonNull(order, "order");
    Exam exam = EXAMS.get(required(order.modality(), "modality"));
    if (exam == null) {
      throw new IllegalArgumentException("No FHIR coding for modality '" + order.modality() + "'");
    }
    ServiceRequestPriority priority = PRIORITIES.get(required(order.urgency(), "urgency"));
    if (priority == null) {
      throw new IllegalArgumentException(
          "Unknown urgency '" + order.urgency() + "' (ROUTINE or URGENT)");
    }
    boolean biopsy = BIOPSY.equals(order.modality());
    if (biopsy != (order.biopsy() != null)) {
      throw new IllegalArgumentException(
          biopsy
              ? "A BIOPSY order needs the MDT decision and the agreed approach"
              : "Only a BIOPSY order carries biopsy details, not a " + order.modality() + " order");
    }

    ServiceRequest request = new ServiceRequest();
    request.addIdentifier(orderIdentifier(required(order.orderId(), "orderId")));
    request.setStatus(ServiceRequestStatus.ACTIVE);
    request.setIntent(ServiceRequestIntent.ORDER);
    request.setPriority(priority);
    request.addCategory(new CodeableConcept(exam.category().coding()));
    request.setCode(new CodeableConcept(exam.code().coding()).setText(exam.frenchText()));
    exam.parts()
        .forEach(
            part ->
                request.addOrderDetail(new CodeableConcept(part.coding()).setText(part.display())));
    request.setAuthoredOnElement(dateTime(required(order.placedAt(), "placedAt")));
    request.setSubject(patient(order));
    request.addBasedOn(referral(required(order.referralNumber(), "referralNumber")));
    request.setRequester(
        new Reference()
            .setDisplay(
                hasText(order.referringPhysician())
                    ? order.referringPhysician()
                    : NETWORK_COORDINATION));
    if (hasText(order.anatomicalLocation())) {
      request.addBodySite(new CodeableConcept().setText(order.anatomicalLocation()));
    }
    if (hasText(order.clinicalQuestion())) {
      request.addReasonCode(new CodeableConcept().setText(order.clinicalQuestion()));
    }
    request.addNote(new Annotation().setText(required(order.protocol(), "protocol")));
    if (biopsy) {
      addBiopsy(request, order.biopsy());
    }
    return request;
  }

  /** The ServiceRequest as FHIR JSON (pretty printed). */
  public String toJson(ServiceRequest request) {
    return FHIR.newJsonParser().setPrettyPrint(true).encodeResourceToString(request);
  }

  /** The shared R4 context, e.g. for a client or a validator. */
  public static FhirContext fhirContext() {
    return FHIR;
  }

  private static Identifier orderIdentifier(UUID orderId) {
    Identifier identifier =
        new Identifier().setSystem(ORDER_IDENTIFIER_SYSTEM).setValue(orderId.toString());
    identifier.setUse(Identifier.IdentifierUse.OFFICIAL);
    identifier.setType(
        new CodeableConcept(new Coding(IDENTIFIER_TYPE_SYSTEM, "PLAC", "Placer Identifier")));
    return identifier;
  }

  private static Reference patient(OrderForFhir order) {
    Reference subject =
        new Reference()
            .setType("Patient")
            .setIdentifier(
                new Identifier()
                    .setSystem(PATIENT_IDENTIFIER_SYSTEM)
                    .setValue(required(order.patientIdentifier(), "patientIdentifier")));
    if (hasText(order.patientDisplayName())) {
      subject.setDisplay(order.patientDisplayName());
    }
    return subject;
  }

  private static Reference referral(String referralNumber) {
    return new Reference()
        .setType("ServiceRequest")
        .setIdentifier(
            new Identifier().setSystem(REFERRAL_IDENTIFIER_SYSTEM).setValue(referralNumber))
        .setDisplay("Demande " + referralNumber);
  }

  private static void addBiopsy(ServiceRequest request, OrderForFhir.Biopsy biopsy) {
    String technique = required(biopsy.technique(), "biopsy.technique");
    String techniqueText = BIOPSY_TECHNIQUES.get(technique);
    if (techniqueText == null) {
      throw new IllegalArgumentException("Unknown biopsy technique '" + technique + "'");
    }
    String targetZone = required(biopsy.targetZone(), "biopsy.targetZone");
    String centre = required(biopsy.centre(), "biopsy.centre");
    Instant decidedAt = required(biopsy.decidedAt(), "biopsy.decidedAt");
    String surgeonId = required(biopsy.surgeonId(), "biopsy.surgeonId");
    String approach = required(biopsy.approach(), "biopsy.approach");

    request.addOrderDetail(
        new CodeableConcept(new Coding(BIOPSY_TECHNIQUE_SYSTEM, technique, techniqueText))
            .setText(techniqueText));
    request.addOrderDetail(new CodeableConcept().setText("Zone cible : " + targetZone));
    request.addOrderDetail(
        new CodeableConcept()
            .setText(
                "Voie d'abord validée par le chirurgien qui opérera ("
                    + surgeonId
                    + ") : "
                    + approach));
    request.addPerformer(new Reference().setType("Organization").setDisplay(centre));

    StringBuilder decision =
        new StringBuilder("Décision de la RCP sarcomes du ")
            .append(FRENCH_DATE.format(decidedAt.atZone(FRANCE)))
            .append(" : ")
            .append(sentence(techniqueText.toLowerCase(Locale.FRENCH)))
            .append(" Centre : ")
            .append(sentence(centre))
            .append(" Zone cible : ")
            .append(sentence(targetZone));
    if (hasText(biopsy.mdtRationale())) {
      decision.append(" Motif : ").append(sentence(biopsy.mdtRationale()));
    }
    if (hasText(biopsy.mdtAttendees())) {
      decision.append(" Présents : ").append(sentence(biopsy.mdtAttendees()));
    }
    request.addNote(
        new Annotation()
            .setText(decision.toString())
            .setAuthor(new StringType("RCP sarcomes"))
            .setTimeElement(dateTime(decidedAt)));
    request.addNote(
        new Annotation()
            .setText(
                "Voie d'abord validée par le chirurgien qui opérera le patient (S3) : " + approach)
            .setAuthor(
                new Reference()
                    .setType("Practitioner")
                    .setIdentifier(
                        new Identifier().setSystem(STAFF_IDENTIFIER_SYSTEM).setValue(surgeonId))
                    .setDisplay("Chirurgien opérateur (" + surgeonId + ")")));
  }

  private static DateTimeType dateTime(Instant instant) {
    return new DateTimeType(
        Date.from(instant), TemporalPrecisionEnum.SECOND, TimeZone.getTimeZone("UTC"));
  }

  /** The text, trimmed, ending with a full stop unless it already ends with punctuation. */
  private static String sentence(String text) {
    String trimmed = text.strip();
    return trimmed.matches(".*[.!?…]$") ? trimmed : trimmed + ".";
  }

  private static boolean hasText(String value) {
    return value != null && !value.isBlank();
  }

  private static <T> T required(T value, String name) {
    if (value == null || value instanceof String text && text.isBlank()) {
      throw new IllegalArgumentException(name + " is required");
    }
    return value;
  }
}

package fr.sarcoma.referral.integration.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.validation.SingleValidationMessage;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Annotation;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.ServiceRequest.ServiceRequestIntent;
import org.hl7.fhir.r4.model.ServiceRequest.ServiceRequestPriority;
import org.hl7.fhir.r4.model.ServiceRequest.ServiceRequestStatus;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our orders as FHIR R4 ServiceRequests: every modality maps to a ServiceRequest that the HAPI
 * validator finds valid against the base R4 profiles (no ERROR or FATAL message), with the
 * identifier, codes, protocol and, for a biopsy, the MDT decision and agreed approach.
 */
class ServiceRequestMapperTest {

  static final String PROTOCOLS = "seeds/reference/exam-protocols.json";
  static final List<String> MODALITIES =
      List.of(
          "ULTRASOUND",
          "XRAY",
          "XRAY_AND_CT",
          "MRI",
          "CHEST_CT",
          "FDG_PET",
          "BONE_SCINTIGRAPHY",
          "BIOPSY");
  static final Instant PLACED_AT = Instant.parse("2026-11-24T09:15:00Z");
  static final Instant MDT_DECIDED_AT = Instant.parse("2026-11-19T17:30:00Z");
  static final UUID REFERRAL_ID = UUID.fromString("5b0d6f7e-2a53-4c8e-9d43-0b7f3c1e9a10");

  /** SNOMED CT code and French text each modality must carry. */
  static final Map<String, List<String>> EXPECTED_CODES =
      Map.of(
          "ULTRASOUND", List.of("16310003", "Échographie de la tuméfaction"),
          "XRAY", List.of("168537006", "Radiographies standard"),
          "XRAY_AND_CT", List.of("363680008", "Radiographies standard puis scanner"),
          "MRI", List.of("113091000", "IRM de caractérisation"),
          "CHEST_CT", List.of("169069000", "Scanner thoracique"),
          "FDG_PET", List.of("450436003", "TEP-TDM au FDG corps entier"),
          "BONE_SCINTIGRAPHY", List.of("41747008", "Scintigraphie osseuse"),
          "BIOPSY", List.of("86273004", "Biopsie au centre de référence sarcomes"));

  static Map<String, String> protocols;

  final ServiceRequestMapper mapper = new ServiceRequestMapper();

  @BeforeAll
  static void loadProtocolsAndWarmUpValidator() throws IOException {
    try (InputStream in =
        ServiceRequestMapperTest.class.getClassLoader().getResourceAsStream(PROTOCOLS)) {
      assertThat(in).as(PROTOCOLS + " on the test classpath").isNotNull();
      protocols = new ObjectMapper().readValue(in, new TypeReference<Map<String, String>>() {});
    }
    // The validator loads the R4 profiles and value sets on first use: time that apart from a warm
    // validation.
    ServiceRequest biopsy = new ServiceRequestMapper().toServiceRequest(order("BIOPSY", "URGENT"));
    long start = System.nanoTime();
    FhirValidation.messages(biopsy);
    long first = System.nanoTime();
    int runs = 10;
    for (int i = 0; i < runs; i++) {
      FhirValidation.messages(biopsy);
    }
    long end = System.nanoTime();
    System.out.printf(
        "FHIR validation: first (builds the validator) %d ms, then %d ms per ServiceRequest (mean of %d)%n",
        (first - start) / 1_000_000, (end - first) / 1_000_000 / runs, runs);
  }

  static Stream<String> modalities() {
    return MODALITIES.stream();
  }

  @Test
  void everyModalityOfTheReferenceProtocolsIsMapped() {
    // A protocol variant (U1: MRI_OPERATIVE_BED) is an order of its modality with another protocol
    // text.
    assertThat(protocols.keySet())
        .containsAll(MODALITIES)
        .allMatch(
            key ->
                MODALITIES.stream()
                    .anyMatch(modality -> key.equals(modality) || key.startsWith(modality + "_")));
    assertThat(MODALITIES).allMatch(ServiceRequestMapper::supports);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("modalities")
  void everyModalityMapsToAValidServiceRequest(String modality) {
    OrderForFhir order = order(modality, "ROUTINE");
    ServiceRequest request = mapper.toServiceRequest(order);

    long start = System.nanoTime();
    List<SingleValidationMessage> messages = FhirValidation.messages(request);
    long millis = (System.nanoTime() - start) / 1_000_000;
    System.out.printf("%s: validated in %d ms, %d message(s)%n", modality, millis, messages.size());
    messages.forEach(message -> System.out.println("  " + FhirValidation.describe(message)));
    assertThat(messages.stream().filter(FhirValidation::isError).map(FhirValidation::describe))
        .as("validation errors of the %s ServiceRequest:%n%s", modality, mapper.toJson(request))
        .isEmpty();

    assertThat(request.getIdentifier())
        .singleElement()
        .satisfies(
            identifier -> {
              assertThat(identifier.getSystem())
                  .isEqualTo(ServiceRequestMapper.ORDER_IDENTIFIER_SYSTEM)
                  .isEqualTo("https://sarcoma-network.example/fhir/sid/order");
              assertThat(identifier.getValue()).isEqualTo(order.orderId().toString());
              assertThat(identifier.getType().getCodingFirstRep().getCode()).isEqualTo("PLAC");
            });
    assertThat(request.getStatus()).isEqualTo(ServiceRequestStatus.ACTIVE);
    assertThat(request.getIntent()).isEqualTo(ServiceRequestIntent.ORDER);
    assertThat(request.getPriority()).isEqualTo(ServiceRequestPriority.ROUTINE);
    assertThat(request.getAuthoredOn()).isEqualTo(java.util.Date.from(PLACED_AT));

    List<String> expected = EXPECTED_CODES.get(modality);
    assertThat(request.getCode().getCoding())
        .singleElement()
        .satisfies(
            coding -> {
              assertThat(coding.getSystem()).isEqualTo("http://snomed.info/sct");
              assertThat(coding.getCode()).isEqualTo(expected.get(0));
              assertThat(coding.getDisplay()).isNotBlank();
            });
    assertThat(request.getCode().getText()).isEqualTo(expected.get(1));
    assertThat(request.getCategoryFirstRep().getCodingFirstRep().getCode())
        .isEqualTo("BIOPSY".equals(modality) ? "387713003" : "363679005");

    assertThat(request.getSubject().getReference()).isNull();
    assertThat(request.getSubject().getIdentifier().getSystem())
        .isEqualTo("https://sarcoma-network.example/fhir/sid/ipp");
    assertThat(request.getSubject().getIdentifier().getValue()).isEqualTo("IPP123456");
    assertThat(request.getSubject().getDisplay()).isEqualTo("Marie Exemple");
    assertThat(request.getBasedOn())
        .singleElement()
        .satisfies(
            referral -> {
              assertThat(referral.getIdentifier().getSystem())
                  .isEqualTo("https://sarcoma-network.example/fhir/sid/referral");
              assertThat(referral.getIdentifier().getValue()).isEqualTo("SARC-2026-000123");
              assertThat(referral.getDisplay()).isEqualTo("Demande SARC-2026-000123");
            });
    assertThat(request.getBodySiteFirstRep().getText()).isEqualTo("cuisse gauche, loge antérieure");
    assertThat(request.getReasonCodeFirstRep().getText())
        .isEqualTo("Lésion des parties molles : caractérisation avant RCP sarcomes");
    assertThat(request.getRequester().getDisplay()).isEqualTo("Dr Durand (CHRU de Nancy)");
    assertThat(request.getNoteFirstRep().getText()).isEqualTo(protocols.get(modality)).isNotBlank();
  }

  @Test
  void urgencyBecomesThePriority() {
    assertThat(mapper.toServiceRequest(order("MRI", "URGENT")).getPriority())
        .isEqualTo(ServiceRequestPriority.URGENT);
    assertThat(mapper.toServiceRequest(order("MRI", "ROUTINE")).getPriority())
        .isEqualTo(ServiceRequestPriority.ROUTINE);
  }

  @Test
  void xrayAndCtNamesItsTwoPartsInOrderDetails() {
    ServiceRequest request = mapper.toServiceRequest(order("XRAY_AND_CT", "ROUTINE"));

    assertThat(request.getOrderDetail())
        .extracting(detail -> detail.getCodingFirstRep().getCode())
        .containsExactly("168537006", "77477000");
    assertThat(request.getOrderDetail())
        .allSatisfy(
            detail ->
                assertThat(detail.getCodingFirstRep().getSystem())
                    .isEqualTo("http://snomed.info/sct"));
  }

  @Test
  void aBiopsyCarriesTheMdtDecisionAndTheAgreedApproach() {
    ServiceRequest request = mapper.toServiceRequest(order("BIOPSY", "ROUTINE"));
    System.out.println("BIOPSY ServiceRequest as sent:\n" + mapper.toJson(request));

    assertThat(FhirValidation.errors(request)).isEmpty();
    CodeableConcept technique = request.getOrderDetail().get(0);
    assertThat(technique.getCodingFirstRep().getSystem())
        .isEqualTo(ServiceRequestMapper.BIOPSY_TECHNIQUE_SYSTEM);
    assertThat(technique.getCodingFirstRep().getCode()).isEqualTo("PERCUTANEOUS_CORE_NEEDLE");
    assertThat(technique.getText())
        .isEqualTo("Biopsie percutanée au trocart, guidée par l'imagerie");
    assertThat(request.getOrderDetail())
        .extracting(CodeableConcept::getText)
        .contains(
            "Zone cible : portion charnue antéro-latérale, en dehors de la zone nécrotique",
            "Voie d'abord validée par le chirurgien qui opérera (dr.martin) : voie antéro-latérale, "
                + "trajet dans le compartiment réséqué");
    assertThat(request.getPerformer())
        .singleElement()
        .extracting(Reference::getDisplay)
        .isEqualTo("Institut de cancérologie de Lorraine");

    assertThat(request.getNote()).hasSize(3);
    Annotation decision = request.getNote().get(1);
    assertThat(decision.getText())
        .startsWith(
            "Décision de la RCP sarcomes du 19/11/2026 : biopsie percutanée au trocart, guidée par l'imagerie.")
        .contains("Centre : Institut de cancérologie de Lorraine.")
        .contains("Zone cible : portion charnue antéro-latérale, en dehors de la zone nécrotique.")
        .contains("Motif : masse profonde de 8,5 cm, suspecte de sarcome.")
        .contains(
            "Présents : Dr Martin (chirurgien), Dr Petit (radiologue), Dr Leroy (pathologiste), "
                + "Dr Moreau (oncologue).");
    assertThat(decision.getTime()).isEqualTo(java.util.Date.from(MDT_DECIDED_AT));
    assertThat(decision.getAuthorStringType().getValue()).isEqualTo("RCP sarcomes");
    Annotation approach = request.getNote().get(2);
    assertThat(approach.getText())
        .isEqualTo(
            "Voie d'abord validée par le chirurgien qui opérera le patient (S3) : "
                + "voie antéro-latérale, trajet dans le compartiment réséqué");
    assertThat(approach.getAuthorReference().getIdentifier().getSystem())
        .isEqualTo(ServiceRequestMapper.STAFF_IDENTIFIER_SYSTEM);
    assertThat(approach.getAuthorReference().getIdentifier().getValue()).isEqualTo("dr.martin");
  }

  @Test
  void aSurgicalBiopsyIsLabelledInFrench() {
    OrderForFhir percutaneous = order("BIOPSY", "ROUTINE");
    OrderForFhir surgical =
        withBiopsy(
            percutaneous,
            new OrderForFhir.Biopsy(
                "SURGICAL",
                "pôle supérieur",
                "CHRU de Nancy",
                "lésion inaccessible en percutané",
                MDT_DECIDED_AT,
                "quorum atteint",
                "dr.martin",
                "incision longitudinale dans l'axe de la future cicatrice"));

    ServiceRequest request = mapper.toServiceRequest(surgical);

    assertThat(FhirValidation.errors(request)).isEmpty();
    assertThat(request.getOrderDetailFirstRep().getCodingFirstRep().getCode())
        .isEqualTo("SURGICAL");
    assertThat(request.getOrderDetailFirstRep().getText()).isEqualTo("Biopsie chirurgicale");
    assertThat(request.getNote().get(1).getText())
        .startsWith(
            "Décision de la RCP sarcomes du 19/11/2026 : "
                + "biopsie chirurgicale. Centre : CHRU de Nancy. Zone cible : pôle supérieur.");
  }

  @Test
  void withoutAReferringPhysicianTheNetworkCoordinationRequests() {
    OrderForFhir order = order("CHEST_CT", "ROUTINE");
    OrderForFhir noPhysician =
        new OrderForFhir(
            order.orderId(),
            order.modality(),
            order.urgency(),
            order.protocol(),
            order.placedAt(),
            order.referralId(),
            order.referralNumber(),
            order.patientIdentifier(),
            order.patientDisplayName(),
            order.patientBirthDate(),
            order.patientSex(),
            null,
            null,
            " ",
            null);

    ServiceRequest request = mapper.toServiceRequest(noPhysician);

    assertThat(request.getRequester().getDisplay()).isEqualTo("Coordination du réseau sarcomes");
    assertThat(request.hasBodySite()).isFalse();
    assertThat(request.hasReasonCode()).isFalse();
    assertThat(FhirValidation.errors(request)).isEmpty();
  }

  @Test
  void theJsonRoundTripsAndNamesTheConditionalCreateIdentifier() {
    OrderForFhir order = order("MRI", "URGENT");
    String json = mapper.toJson(mapper.toServiceRequest(order));

    assertThat(json)
        .contains("\"resourceType\": \"ServiceRequest\"")
        .contains("\"system\": \"https://sarcoma-network.example/fhir/sid/order\"")
        .contains("\"value\": \"" + order.orderId() + "\"")
        .contains("IRM de caractérisation");
    ServiceRequest parsed =
        ServiceRequestMapper.fhirContext()
            .newJsonParser()
            .parseResource(ServiceRequest.class, json);
    assertThat(parsed.getIdentifierFirstRep().getValue()).isEqualTo(order.orderId().toString());
    assertThat(parsed.getPriority()).isEqualTo(ServiceRequestPriority.URGENT);
    assertThat(FhirValidation.errors(parsed)).isEmpty();
    assertThat(ServiceRequestMapper.conditionalCreateCriteria(order.orderId()))
        .isEqualTo("identifier=https://sarcoma-network.example/fhir/sid/order|" + order.orderId());
  }

  @Test
  void theValidatorReportsAnInvalidServiceRequest() {
    ServiceRequest invalid = new ServiceRequest();
    invalid.setCode(
        new CodeableConcept(
            new Coding("http://snomed.info/sct", "113091000", "Magnetic resonance imaging")));

    assertThat(FhirValidation.errors(invalid))
        .extracting(SingleValidationMessage::getMessage)
        .anySatisfy(message -> assertThat(message).contains("ServiceRequest.status"))
        .anySatisfy(message -> assertThat(message).contains("ServiceRequest.intent"))
        .anySatisfy(message -> assertThat(message).contains("ServiceRequest.subject"));
  }

  @Test
  void refusesOrdersItCannotMapFaithfully() {
    OrderForFhir biopsy = order("BIOPSY", "ROUTINE");
    OrderForFhir mri = order("MRI", "ROUTINE");

    assertThatThrownBy(() -> mapper.toServiceRequest(withBiopsy(biopsy, null)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("MDT decision");
    assertThatThrownBy(() -> mapper.toServiceRequest(withBiopsy(mri, biopsy.biopsy())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Only a BIOPSY order");
    assertThatThrownBy(() -> mapper.toServiceRequest(withModality(mri, "PET_MRI")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PET_MRI");
    assertThatThrownBy(() -> mapper.toServiceRequest(order("MRI", "STAT")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("STAT");
    assertThatThrownBy(
            () ->
                mapper.toServiceRequest(
                    withBiopsy(
                        biopsy,
                        new OrderForFhir.Biopsy(
                            "FINE_NEEDLE",
                            "zone",
                            "centre",
                            null,
                            MDT_DECIDED_AT,
                            null,
                            "dr.martin",
                            "voie"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("FINE_NEEDLE");
    assertThatThrownBy(
            () ->
                mapper.toServiceRequest(
                    withBiopsy(
                        biopsy,
                        new OrderForFhir.Biopsy(
                            "SURGICAL",
                            "zone",
                            "centre",
                            null,
                            MDT_DECIDED_AT,
                            null,
                            null,
                            "voie"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("surgeonId");
  }

  /** A realistic order for a deep thigh mass, as the pathway places it. */
  static OrderForFhir order(String modality, String urgency) {
    OrderForFhir.Biopsy biopsy =
        "BIOPSY".equals(modality)
            ? new OrderForFhir.Biopsy(
                "PERCUTANEOUS_CORE_NEEDLE",
                "portion charnue antéro-latérale, en dehors de la zone nécrotique",
                "Institut de cancérologie de Lorraine",
                "masse profonde de 8,5 cm, suspecte de sarcome",
                MDT_DECIDED_AT,
                "Dr Martin (chirurgien), Dr Petit (radiologue), Dr Leroy (pathologiste), Dr Moreau (oncologue)",
                "dr.martin",
                "voie antéro-latérale, trajet dans le compartiment réséqué")
            : null;
    return new OrderForFhir(
        UUID.nameUUIDFromBytes(("order-" + modality).getBytes(StandardCharsets.UTF_8)),
        modality,
        urgency,
        protocols.get(modality),
        PLACED_AT,
        REFERRAL_ID,
        "SARC-2026-000123",
        "IPP123456",
        "Marie Exemple",
        LocalDate.of(1964, 5, 12),
        "FEMALE",
        "cuisse gauche, loge antérieure",
        "Lésion des parties molles : caractérisation avant RCP sarcomes",
        "Dr Durand (CHRU de Nancy)",
        biopsy);
  }

  static OrderForFhir withBiopsy(OrderForFhir o, OrderForFhir.Biopsy biopsy) {
    return new OrderForFhir(
        o.orderId(),
        o.modality(),
        o.urgency(),
        o.protocol(),
        o.placedAt(),
        o.referralId(),
        o.referralNumber(),
        o.patientIdentifier(),
        o.patientDisplayName(),
        o.patientBirthDate(),
        o.patientSex(),
        o.anatomicalLocation(),
        o.clinicalQuestion(),
        o.referringPhysician(),
        biopsy);
  }

  static OrderForFhir withModality(OrderForFhir o, String modality) {
    return new OrderForFhir(
        o.orderId(),
        modality,
        o.urgency(),
        o.protocol(),
        o.placedAt(),
        o.referralId(),
        o.referralNumber(),
        o.patientIdentifier(),
        o.patientDisplayName(),
        o.patientBirthDate(),
        o.patientSex(),
        o.anatomicalLocation(),
        o.clinicalQuestion(),
        o.referringPhysician(),
        o.biopsy());
  }
}

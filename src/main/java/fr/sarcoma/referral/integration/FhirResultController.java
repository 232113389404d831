package fr.sarcoma.referral.integration;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import fr.sarcoma.referral.integration.fhir.ServiceRequestMapper;
import fr.sarcoma.referral.orders.Channel;
import fr.sarcoma.referral.orders.ExamOrder;
import fr.sarcoma.referral.orders.ExamOrderService;
import fr.sarcoma.referral.orders.ExamOrderService.ResultOutcome;
import fr.sarcoma.referral.orders.ExamResults;
import fr.sarcoma.referral.orders.ResultSenderNotAllowedException;
import fr.sarcoma.referral.orders.UnknownOrderException;
import fr.sarcoma.referral.platform.web.PlausibleDate;
import fr.sarcoma.referral.platform.web.StorableText;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Results from the hospital's systems as FHIR R4 DiagnosticReports whose {@code basedOn} names our
 * ServiceRequest: by its identifier (our order id), or by the receiver's ServiceRequest id.
 * Malformed → 400, unknown order → 404, a sender outside the group that reads the modality and the
 * coordination → 403 (each with an OperationOutcome), the same report again → 200 with no second
 * effect, a report before the process waits → kept and picked up.
 */
@RestController
class FhirResultController {

  static final MediaType FHIR_JSON = MediaType.parseMediaType("application/fhir+json");
  private static final FhirContext FHIR = FhirContext.forR4Cached();
  private static final ZoneId ZONE = ZoneId.of("Europe/Paris");

  private final ExamResults results;
  private final ExamOrderService orders;

  FhirResultController(ExamResults results, ExamOrderService orders) {
    this.results = results;
    this.orders = orders;
  }

  @PostMapping(
      path = "/fhir/DiagnosticReport",
      consumes = {"application/fhir+json", "application/json"})
  ResponseEntity<String> receive(@RequestBody String body, Authentication sender) {
    DiagnosticReport report;
    try {
      report = FHIR.newJsonParser().parseResource(DiagnosticReport.class, body);
    } catch (DataFormatException | ClassCastException | IllegalArgumentException e) {
      // HAPI's message quotes the input: it stays out of the answer.
      return outcome(
          HttpStatus.BAD_REQUEST,
          IssueType.STRUCTURE,
          "Le corps n'est pas une ressource FHIR R4 " + "DiagnosticReport lisible (JSON)");
    }
    if (report.getBasedOn().stream()
        .anyMatch(
            basedOn ->
                !StorableText.isStorable(basedOn.getReference())
                    || !StorableText.isStorable(basedOn.getIdentifier().getValue()))) {
      // Looked up in our tables: a NUL would fail the query.
      return outcome(
          HttpStatus.BAD_REQUEST,
          IssueType.VALUE,
          "DiagnosticReport.basedOn " + StorableText.REASON);
    }
    Optional<UUID> orderId =
        report.getBasedOn().stream().map(this::orderOf).flatMap(Optional::stream).findFirst();
    if (report.getBasedOn().isEmpty()) {
      return outcome(
          HttpStatus.BAD_REQUEST,
          IssueType.REQUIRED,
          "DiagnosticReport.basedOn doit désigner notre "
              + "ServiceRequest (identifier "
              + ServiceRequestMapper.ORDER_IDENTIFIER_SYSTEM
              + "|<id de la demande>)");
    }
    if (orderId.isEmpty()) {
      return outcome(
          HttpStatus.NOT_FOUND,
          IssueType.NOTFOUND,
          "DiagnosticReport.basedOn ne désigne aucune de nos demandes d'examen");
    }
    String conclusion = conclusion(report);
    LocalDate performedOn = performedOn(report);
    if (conclusion == null || performedOn == null) {
      return outcome(
          HttpStatus.BAD_REQUEST,
          IssueType.REQUIRED,
          "DiagnosticReport.conclusion (ou code.text) et DiagnosticReport.effective[x] (ou issued) sont obligatoires");
    }
    if (performedOn.getYear() < PlausibleDate.FIRST_YEAR
        || performedOn.isAfter(LocalDate.now(ZONE).plusDays(1))) {
      // As for the JSON API (@PastOrPresent, @PlausibleDate): an exam is done, and not before 1900.
      return outcome(
          HttpStatus.BAD_REQUEST,
          IssueType.VALUE,
          "DiagnosticReport.effective[x] (ou issued) doit être "
              + "une date passée, après "
              + PlausibleDate.FIRST_YEAR);
    }
    String text = text(report, conclusion);
    if (!StorableText.isStorable(text)) {
      return outcome(
          HttpStatus.BAD_REQUEST,
          IssueType.VALUE,
          "DiagnosticReport.conclusion, code.text, identifier ou "
              + "presentedForm "
              + StorableText.REASON);
    }
    try {
      ResultOutcome received =
          results.receive(
              orderId.get(), groupsOf(sender), conclusion, text, performedOn, Channel.FHIR);
      return outcome(
          HttpStatus.OK,
          IssueType.INFORMATIONAL,
          received == ResultOutcome.RECORDED
              ? "Résultat enregistré pour la demande " + orderId.get()
              : "Résultat déjà enregistré pour la demande " + orderId.get());
    } catch (UnknownOrderException unknown) {
      return outcome(HttpStatus.NOT_FOUND, IssueType.NOTFOUND, unknown.getMessage());
    } catch (ResultSenderNotAllowedException notAllowed) {
      return outcome(HttpStatus.FORBIDDEN, IssueType.FORBIDDEN, notAllowed.getMessage());
    }
  }

  /** The caller's groups (each group the user belongs to is an authority named after it). */
  private static List<String> groupsOf(Authentication caller) {
    return caller == null
        ? List.of()
        : caller.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
  }

  private Optional<UUID> orderOf(Reference basedOn) {
    if (basedOn.hasIdentifier()
        && ServiceRequestMapper.ORDER_IDENTIFIER_SYSTEM.equals(
            basedOn.getIdentifier().getSystem())) {
      return uuid(basedOn.getIdentifier().getValue());
    }
    String reference = basedOn.getReference();
    if (reference == null) {
      return Optional.empty();
    }
    String conditional =
        "ServiceRequest?identifier=" + ServiceRequestMapper.ORDER_IDENTIFIER_SYSTEM + "|";
    if (reference.startsWith(conditional)) {
      return uuid(reference.substring(conditional.length()));
    }
    if (reference.startsWith("ServiceRequest/")) {
      String id =
          reference.contains("/_history/")
              ? reference.substring(0, reference.indexOf("/_history/"))
              : reference;
      return orders.findByReceiverReference(id).map(ExamOrder::id);
    }
    return Optional.empty();
  }

  private static Optional<UUID> uuid(String value) {
    try {
      return Optional.of(UUID.fromString(value));
    } catch (IllegalArgumentException | NullPointerException e) {
      return Optional.empty();
    }
  }

  private static String conclusion(DiagnosticReport report) {
    if (report.hasConclusion()) {
      return truncate(report.getConclusion(), 200);
    }
    return report.getCode().hasText() ? truncate(report.getCode().getText(), 200) : null;
  }

  private static LocalDate performedOn(DiagnosticReport report) {
    Date date =
        report.hasEffectiveDateTimeType()
            ? report.getEffectiveDateTimeType().getValue()
            : report.hasEffectivePeriod()
                ? report.getEffectivePeriod().getStart()
                : report.getIssued();
    return date == null ? null : date.toInstant().atZone(ZONE).toLocalDate();
  }

  private static String text(DiagnosticReport report, String conclusion) {
    StringBuilder text = new StringBuilder(conclusion);
    report
        .getIdentifier()
        .forEach(identifier -> text.append("\nRéférence : ").append(identifier.getValue()));
    report
        .getPresentedForm()
        .forEach(
            form ->
                text.append("\nDocument : ")
                    .append(
                        form.hasTitle()
                            ? form.getTitle()
                            : form.hasUrl() ? form.getUrl() : form.getContentType()));
    return truncate(text.toString(), 4000);
  }

  private static String truncate(String value, int max) {
    if (value.length() <= max) {
      return value;
    }
    // Never between the two halves of a character outside the BMP (an emoji): half of one is not
    // storable.
    return value.substring(0, Character.isHighSurrogate(value.charAt(max - 1)) ? max - 1 : max);
  }

  private static ResponseEntity<String> outcome(HttpStatus status, IssueType type, String message) {
    OperationOutcome outcome = new OperationOutcome();
    outcome
        .addIssue()
        .setSeverity(status.is2xxSuccessful() ? IssueSeverity.INFORMATION : IssueSeverity.ERROR)
        .setCode(type)
        .setDiagnostics(message);
    return ResponseEntity.status(status)
        .contentType(FHIR_JSON)
        .body(FHIR.newJsonParser().encodeResourceToString(outcome));
  }
}

package fr.sarcoma.referral.pathway;

import fr.sarcoma.referral.pathway.form.StartForms;
import fr.sarcoma.referral.platform.web.FieldProblem;
import fr.sarcoma.referral.platform.web.RuleViolationException;
import fr.sarcoma.referral.referral.ReferralRequest;
import fr.sarcoma.referral.referral.ReferralService;
import jakarta.validation.Validator;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * The only way into the pathway is the intake: {@code POST /api/referrals}, or the start form from Tasklist.
 * Runs when a SarcomaReferralProcess instance starts, whatever the door ({@link ReferralIntakePlugin} makes it a
 * built-in listener of the process, so neither "skip custom listeners" nor a start at a later activity
 * bypasses it):
 * <ul>
 *   <li>a start form ({@code intake*} fields): its answers are checked against {@code StartReferral.form} and
 *       like the REST intake, stored in our tables, and the identity fields removed from the process before
 *       anything is committed;</li>
 *   <li>the REST intake: the referral it registered in this transaction, not yet attached to a process;</li>
 *   <li>anything else (a bare start through {@code /engine-rest}, a forged {@code referralId}) is refused.</li>
 * </ul>
 */
@Component
class ReferralIntake implements ExecutionListener {

  private static final DateTimeFormatter FRENCH_DATE =
      DateTimeFormatter.ofPattern("dd/MM/uuuu").withResolverStyle(ResolverStyle.STRICT);

  /** The REST intake's field names as the start form names them. */
  private static final Map<String, String> FORM_KEYS =
      Map.ofEntries(
          Map.entry("patientIdentifier", "intakePatientIdentifier"),
          Map.entry("patientDisplayName", "intakePatientName"),
          Map.entry("birthDate", "intakeBirthDate"),
          Map.entry("sex", "intakeSex"),
          Map.entry("referringPhysician", "intakeReferringPhysician"),
          Map.entry("anatomicalLocation", "intakeAnatomicalLocation"),
          Map.entry("notes", "intakeNotes"),
          Map.entry("referringPhysicianAddress", "intakeReferringPhysicianAddress"),
          Map.entry("referringPhysicianEmail", "intakeReferringPhysicianEmail"),
          Map.entry("generalPractitioner", "intakeGeneralPractitioner"),
          Map.entry("generalPractitionerAddress", "intakeGeneralPractitionerAddress"),
          Map.entry("generalPractitionerEmail", "intakeGeneralPractitionerEmail"));

  static final String START_EVENT = "StartEvent_ReferralReceived";

  /** The start form's identity fields: moved to our tables here, never in the history ({@link ClinicalHistoryFilter}). */
  static final String INTAKE_PREFIX = "intake";

  static final String NOT_THROUGH_INTAKE =
      "Une demande d'avis entre dans le parcours par l'accueil uniquement : "
          + "POST /api/referrals, ou le formulaire « Demande d'avis reçue » de Tasklist.";

  private final ReferralService referrals;
  private final Validator validator;

  ReferralIntake(ReferralService referrals, Validator validator) {
    this.referrals = referrals;
    this.validator = validator;
  }

  @Override
  public void notify(DelegateExecution execution) {
    if (!START_EVENT.equals(execution.getCurrentActivityId())) {
      // A start "before" a later activity would skip the triage and the pathway's order (even the
      // S3 steps).
      throw new RuleViolationException(
          "Une demande d'avis commence par son accueil ("
              + START_EVENT
              + "), pas à "
              + execution.getCurrentActivityId()
              + ".",
          List.of());
    }
    boolean fromStartForm =
        execution.getVariableNames().stream().anyMatch(name -> name.startsWith(INTAKE_PREFIX));
    if (fromStartForm) {
      registerFromStartForm(execution);
    } else if (!registeredByTheApi(execution)) {
      throw RuleViolationException.of(PathwayVariables.REFERRAL_ID, NOT_THROUGH_INTAKE);
    }
  }

  private boolean registeredByTheApi(DelegateExecution execution) {
    Object id = execution.getVariable(PathwayVariables.REFERRAL_ID);
    try {
      return id instanceof String text && referrals.awaitsItsPathway(UUID.fromString(text));
    } catch (IllegalArgumentException notAnId) {
      return false;
    }
  }

  private void registerFromStartForm(DelegateExecution execution) {
    List<FieldProblem> problems = new ArrayList<>();
    LocalDate birthDate = null;
    try {
      birthDate = birthDate(execution.getVariable("intakeBirthDate"));
    } catch (RuleViolationException unreadable) {
      problems.addAll(unreadable.problems());
    }
    ReferralRequest request = fromStartForm(execution, birthDate);
    validator.validate(request).stream()
        .map(
            violation ->
                new FieldProblem(
                    formKey(violation.getPropertyPath().toString()), violation.getMessage()))
        .sorted(Comparator.comparing(FieldProblem::field))
        .forEach(problems::add);
    // The form's constraints and the intake's rules (the same as POST /api/referrals), refused
    // together.
    StartForms.verify(execution, problems);
    ReferralService.Registered registered =
        referrals.storeForRunningProcess(request, execution.getProcessInstanceId());
    List<String> intakeFields =
        execution.getVariableNames().stream()
            .filter(name -> name.startsWith(INTAKE_PREFIX))
            .toList();
    execution.removeVariables(intakeFields);
    execution.setVariables(
        PathwayStart.routingFacts(registered.id(), registered.businessKey(), request));
    execution.setProcessBusinessKey(registered.businessKey());
  }

  private static String formKey(String property) {
    return FORM_KEYS.getOrDefault(property, property);
  }

  private static ReferralRequest fromStartForm(DelegateExecution execution, LocalDate birthDate) {
    return new ReferralRequest(
        null,
        Variables.string(execution, "intakePatientIdentifier"),
        Variables.string(execution, "intakePatientName"),
        birthDate,
        Variables.string(execution, "intakeSex"),
        Variables.string(execution, "intakeReferringPhysician"),
        Variables.string(execution, PathwayVariables.PRESENTATION),
        Variables.string(execution, PathwayVariables.SITE),
        Variables.string(execution, "intakeAnatomicalLocation"),
        Variables.decimal(execution, PathwayVariables.LARGEST_DIMENSION_CM),
        Variables.string(execution, PathwayVariables.DEPTH),
        Variables.string(execution, PathwayVariables.PRIOR_PROCEDURE),
        Variables.string(execution, "intakeNotes"),
        Variables.string(execution, "intakeReferringPhysicianAddress"),
        Variables.string(execution, "intakeReferringPhysicianEmail"),
        Variables.string(execution, "intakeGeneralPractitioner"),
        Variables.string(execution, "intakeGeneralPractitionerAddress"),
        Variables.string(execution, "intakeGeneralPractitionerEmail"));
  }

  /** The start form asks for the birth date as jj/mm/aaaa (a French clinician's way; never month first). */
  static LocalDate birthDate(Object value) {
    if (value == null || value.toString().isBlank()) {
      return null;
    }
    try {
      return LocalDate.parse(value.toString().trim(), FRENCH_DATE);
    } catch (DateTimeParseException e) {
      throw RuleViolationException.of(
          "intakeBirthDate",
          "date de naissance impossible ou illisible (attendu jj/mm/aaaa) : " + value);
    }
  }
}

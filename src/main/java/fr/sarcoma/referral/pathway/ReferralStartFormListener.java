package fr.sarcoma.referral.pathway;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

import fr.sarcoma.referral.referral.ReferralRequest;
import fr.sarcoma.referral.referral.ReferralService;

/**
 * StartEvent_ReferralReceived, for a referral started from Tasklist: the start form's fields are
 * validated like the REST intake, stored in our tables, and the identity fields removed from the
 * process before anything is committed. A process started by the REST intake has its referral
 * already and passes through.
 */
@Component("referralStartFormListener")
class ReferralStartFormListener implements ExecutionListener {

  private static final DateTimeFormatter FRENCH_DATE = DateTimeFormatter.ofPattern("dd/MM/uuuu")
      .withResolverStyle(ResolverStyle.STRICT);

  private final ReferralService referrals;
  private final Validator validator;

  ReferralStartFormListener(ReferralService referrals, Validator validator) {
    this.referrals = referrals;
    this.validator = validator;
  }

  @Override
  public void notify(DelegateExecution execution) {
    if (!execution.hasVariable("intakePatientIdentifier")) {
      return;
    }
    ReferralRequest request = fromStartForm(execution);
    Set<ConstraintViolation<ReferralRequest>> violations = validator.validate(request);
    if (!violations.isEmpty()) {
      throw new BadUserRequestException("Demande incomplète : " + violations.stream()
          .map(violation -> violation.getPropertyPath() + " " + violation.getMessage()).sorted()
          .collect(Collectors.joining(", ")));
    }
    ReferralService.Registered registered = referrals.storeForRunningProcess(request, execution.getProcessInstanceId());
    List<String> intakeFields = execution.getVariableNames().stream()
        .filter(name -> name.startsWith(IntakeHistoryFilter.PREFIX)).toList();
    execution.removeVariables(intakeFields);
    execution.setVariables(ReferralService.routingFacts(registered, request));
    execution.setProcessBusinessKey(registered.businessKey());
  }

  private static ReferralRequest fromStartForm(DelegateExecution execution) {
    return new ReferralRequest(null,
        Variables.string(execution, "intakePatientIdentifier"),
        Variables.string(execution, "intakePatientName"),
        birthDate(execution.getVariable("intakeBirthDate")),
        Variables.string(execution, "intakeSex"),
        Variables.string(execution, "intakeReferringPhysician"),
        Variables.string(execution, PathwayVariables.PRESENTATION),
        Variables.string(execution, PathwayVariables.SITE),
        Variables.string(execution, "intakeAnatomicalLocation"),
        Variables.decimal(execution, PathwayVariables.LARGEST_DIMENSION_CM),
        Variables.string(execution, PathwayVariables.DEPTH),
        Variables.string(execution, PathwayVariables.PRIOR_PROCEDURE),
        Variables.string(execution, "intakeNotes"));
  }

  /** The start form asks for the birth date as jj/mm/aaaa (a French clinician's way; never month first). */
  static LocalDate birthDate(Object value) {
    if (value == null || value.toString().isBlank()) {
      return null;
    }
    try {
      return LocalDate.parse(value.toString().trim(), FRENCH_DATE);
    } catch (DateTimeParseException e) {
      throw new BadUserRequestException("Date de naissance illisible (attendu jj/mm/aaaa) : " + value);
    }
  }

}

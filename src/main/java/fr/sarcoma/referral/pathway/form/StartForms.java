package fr.sarcoma.referral.pathway.form;

import fr.sarcoma.referral.platform.web.FieldProblem;
import fr.sarcoma.referral.platform.web.RuleViolationException;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateExecution;

/** The start form's answers checked against its Camunda Form, as a task's are on completion. */
public final class StartForms {

  private StartForms() {}

  /** Refuses the start with every bad field: the form's, and those the caller found (its own rules). */
  public static void verify(DelegateExecution execution, List<FieldProblem> alsoRefused) {
    Optional<FormContract> form = DeployedForms.ofStart(execution);
    if (form.isPresent()) {
      FormCheck.verify(form.get(), execution.getVariables(), alsoRefused);
    } else if (!alsoRefused.isEmpty()) {
      throw new RuleViolationException(
          "Demande refusée : "
              + alsoRefused.stream()
                  .map(problem -> problem.field() + " : " + problem.reason())
                  .collect(Collectors.joining(" ; "))
              + ".",
          alsoRefused);
    }
  }
}

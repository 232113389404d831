package fr.sarcoma.referral.platform.web;

import java.util.List;
import org.camunda.bpm.engine.BadUserRequestException;

/**
 * The server refuses a request for what it says (a form constraint, a clinical rule), not for a fault of
 * its own: every door answers it with a 400 that gives the French message and each bad field. It is a
 * {@link BadUserRequestException} so that a refusal raised inside the engine (a task listener, a start
 * listener) rolls the whole command back, and a Java caller can catch it by type.
 */
public class RuleViolationException extends BadUserRequestException {

  private final transient List<FieldProblem> problems;

  public RuleViolationException(String message, List<FieldProblem> problems) {
    super(message);
    this.problems = List.copyOf(problems);
  }

  /** A refusal that names one field. */
  public static RuleViolationException of(String field, String reason) {
    return new RuleViolationException(reason, List.of(new FieldProblem(field, reason)));
  }

  public List<FieldProblem> problems() {
    return problems;
  }
}

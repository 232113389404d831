package fr.sarcoma.referral.pathway.form;

import fr.sarcoma.referral.platform.web.FieldProblem;
import fr.sarcoma.referral.platform.web.RuleViolationException;
import fr.sarcoma.referral.platform.web.StorableText;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Checks the answers a task (or the start form) completes with against its form: each shown field's type,
 * required flag, allowed values, range, length and pattern; and, for every text answer, that PostgreSQL can
 * store it. The answers are what the process will act on: the variables visible from the task once the
 * submitted ones are set.
 */
public final class FormCheck {

  private FormCheck() {}

  /** Refuses, with every bad field at once, answers that break the form's constraints. */
  public static void verify(FormContract form, Map<String, Object> answers) {
    verify(form, answers, List.of());
  }

  /** The same, with what the caller found wrong besides (a rule beyond the form), in one refusal. */
  public static void verify(
      FormContract form, Map<String, Object> answers, List<FieldProblem> alsoRefused) {
    List<FieldProblem> problems = new ArrayList<>(problems(form, answers));
    alsoRefused.stream()
        .filter(
            extra -> problems.stream().noneMatch(problem -> problem.field().equals(extra.field())))
        .forEach(problems::add);
    if (!problems.isEmpty()) {
      throw new RuleViolationException(message(form, problems), problems);
    }
  }

  static List<FieldProblem> problems(FormContract form, Map<String, Object> answers) {
    List<FieldProblem> problems = new ArrayList<>();
    for (FormField field : form.fields()) {
      if (!HideConditions.hidden(field.hideWhen(), answers)) {
        field
            .problemWith(answers.get(field.key()))
            .ifPresent(reason -> problems.add(new FieldProblem(field.key(), reason)));
      }
    }
    answers.forEach(
        (name, value) -> {
          if (value instanceof String text
              && !StorableText.isStorable(text)
              && problems.stream().noneMatch(problem -> problem.field().equals(name))) {
            problems.add(new FieldProblem(name, StorableText.REASON));
          }
        });
    return problems;
  }

  private static String message(FormContract form, List<FieldProblem> problems) {
    return "Formulaire refusé : "
        + problems.stream()
            .map(problem -> label(form, problem.field()) + " : " + problem.reason())
            .collect(Collectors.joining(" ; "))
        + ".";
  }

  private static String label(FormContract form, String key) {
    return form.fields().stream()
        .filter(field -> field.key().equals(key))
        .findFirst()
        .map(field -> "« " + field.label() + " »")
        .orElse(key);
  }
}

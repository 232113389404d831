package fr.sarcoma.referral.mdt;

import fr.sarcoma.referral.platform.web.FieldProblem;
import fr.sarcoma.referral.platform.web.RuleViolationException;
import java.util.List;

/**
 * Refuses a decision recorded without quorum (M2) among its named participants: the form's and the API's
 * {@code participants}; Tasklist shows the message and the task stays open.
 */
public class QuorumNotMetException extends RuleViolationException {

  QuorumNotMetException(List<String> shortfall) {
    super(
        message(shortfall),
        List.of(new FieldProblem(MdtService.PARTICIPANTS, String.join(" ; ", shortfall))));
  }

  private static String message(List<String> shortfall) {
    return "Quorum de RCP non atteint (M2) : " + String.join(" ; ", shortfall);
  }
}

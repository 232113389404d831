package fr.sarcoma.referral.pathway;

import fr.sarcoma.referral.platform.NetworkMembers;
import fr.sarcoma.referral.platform.NetworkMembers.Member;
import java.util.Locale;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.spin.Spin;
import org.camunda.spin.json.SpinJsonNode;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Task_RecordMdtDecision (M2, fiche RCP): the network's clinicians the chair chooses the participants from, as a
 * task-local JSON variable ({@value #VARIABLE}) that the form's participant list reads ({@code valuesKey}): "Dr
 * Sophie Lefèvre — chirurgien" for the user {@code surgeon}. Staff, not patients: no patient data here. It goes
 * with the task and stays out of the history ({@link ClinicalHistoryFilter}); the quorum is checked on the
 * identity store itself when the task completes, whatever was offered.
 */
@Component("participantChoicesListener")
class ParticipantChoicesListener implements TaskListener {

  static final String VARIABLE = "participantChoices";

  private final NetworkMembers members;
  private final MessageSource labels;

  ParticipantChoicesListener(NetworkMembers members, MessageSource labels) {
    this.members = members;
    this.labels = labels;
  }

  @Override
  public void notify(DelegateTask task) {
    SpinJsonNode choices = Spin.JSON("[]");
    for (Member member : members.clinicians()) {
      choices.append(
          Spin.JSON("{}")
              .prop("label", member.displayName() + " — " + specialty(member))
              .prop("value", member.userId()));
    }
    task.setVariableLocal(VARIABLE, choices);
  }

  private String specialty(Member member) {
    return labels.getMessage(
        "specialty." + member.specialty(), null, member.specialty(), Locale.FRENCH);
  }
}

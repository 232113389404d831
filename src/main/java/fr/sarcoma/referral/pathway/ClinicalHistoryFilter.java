package fr.sarcoma.referral.pathway;

import fr.sarcoma.referral.pathway.form.ClinicalFields;
import java.util.List;
import org.camunda.bpm.engine.impl.history.event.HistoricFormPropertyEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;

/**
 * Keeps clinical answers out of the engine's history: the variable events ({@code ACT_HI_VARINST},
 * {@code ACT_HI_DETAIL}) and form-property events ({@code ACT_HI_DETAIL}) of every form field that is not a
 * routing fact ({@link ClinicalFields}: the start form's identity fields, the tasks' clinical answers), of any
 * {@code intake*} variable, and the list a task offers ({@link ParticipantChoicesListener}). Such a variable lives only between a form's submission and the end of its
 * transaction ({@link ReferralIntake}, {@link ClinicalAnswers} move it to our tables and remove it), so its
 * creation, update and deletion are all left out, and the history never holds its value, not even as a
 * "deleted" row.
 *
 * <p>A decorator of whatever handler the engine has (the database's, or another decorator): it passes every
 * other event on, unchanged, so other handlers chain around it.
 */
final class ClinicalHistoryFilter implements HistoryEventHandler {

  private final HistoryEventHandler delegate;

  ClinicalHistoryFilter(HistoryEventHandler delegate) {
    this.delegate = delegate;
  }

  @Override
  public void handleEvent(HistoryEvent event) {
    if (!keptOut(event)) {
      delegate.handleEvent(event);
    }
  }

  @Override
  public void handleEvents(List<HistoryEvent> events) {
    delegate.handleEvents(events.stream().filter(event -> !keptOut(event)).toList());
  }

  static boolean keptOut(HistoryEvent event) {
    String name =
        event instanceof HistoricVariableUpdateEventEntity variable
            ? variable.getVariableName()
            : event instanceof HistoricFormPropertyEventEntity formField
                ? formField.getPropertyId()
                : null;
    return name != null
        && (name.startsWith(ReferralIntake.INTAKE_PREFIX)
            || ParticipantChoicesListener.VARIABLE.equals(name)
            || ClinicalFields.of(event.getProcessDefinitionId()).contains(name));
  }
}

package fr.sarcoma.referral.pathway;

import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.event.HistoricFormPropertyEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.handler.DbHistoryEventHandler;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.springframework.stereotype.Component;

/**
 * Keeps the Tasklist start form's identity fields ({@code intake*}: patient name, birth date, …)
 * out of the engine's history. {@link ReferralIntake} moves them into our tables and
 * removes them before the first commit, so they never reach the runtime tables either. The same for
 * the clinical text of an exam result entered in Tasklist ({@link EnterExamReportListener}: stored in
 * {@code exam_order}, removed from the process in the completion that submitted it).
 */
@Component
class IntakeHistoryFilter extends AbstractProcessEnginePlugin {

  static final String PREFIX = "intake";

  /** Task_EnterExamReport's free text: the conclusion and the report. */
  static final Set<String> RESULT_TEXT =
      Set.of(EnterExamReportListener.CONCLUSION, EnterExamReportListener.REPORT);

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setHistoryEventHandler(new Filtering(new DbHistoryEventHandler()));
  }

  static boolean isKeptOut(HistoryEvent event) {
    if (event instanceof HistoricVariableUpdateEventEntity variable) {
      return isKeptOut(variable.getVariableName());
    }
    if (event instanceof HistoricFormPropertyEventEntity formField) {
      return isKeptOut(formField.getPropertyId());
    }
    return false;
  }

  private static boolean isKeptOut(String name) {
    return name != null && (name.startsWith(PREFIX) || RESULT_TEXT.contains(name));
  }

  private record Filtering(HistoryEventHandler delegate) implements HistoryEventHandler {

    @Override
    public void handleEvent(HistoryEvent event) {
      if (!isKeptOut(event)) {
        delegate.handleEvent(event);
      }
    }

    @Override
    public void handleEvents(List<HistoryEvent> events) {
      events.forEach(this::handleEvent);
    }
  }
}

package fr.sarcoma.referral.pathway;

import java.util.List;
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
 * removes them before the first commit, so they never reach the runtime tables either.
 */
@Component
class IntakeHistoryFilter extends AbstractProcessEnginePlugin {

  static final String PREFIX = "intake";

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setHistoryEventHandler(new Filtering(new DbHistoryEventHandler()));
  }

  static boolean isIntake(HistoryEvent event) {
    if (event instanceof HistoricVariableUpdateEventEntity variable) {
      return variable.getVariableName() != null && variable.getVariableName().startsWith(PREFIX);
    }
    if (event instanceof HistoricFormPropertyEventEntity formField) {
      return formField.getPropertyId() != null && formField.getPropertyId().startsWith(PREFIX);
    }
    return false;
  }

  private record Filtering(HistoryEventHandler delegate) implements HistoryEventHandler {

    @Override
    public void handleEvent(HistoryEvent event) {
      if (!isIntake(event)) {
        delegate.handleEvent(event);
      }
    }

    @Override
    public void handleEvents(List<HistoryEvent> events) {
      events.forEach(this::handleEvent);
    }
  }
}

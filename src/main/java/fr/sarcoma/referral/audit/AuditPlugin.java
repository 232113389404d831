package fr.sarcoma.referral.audit;

import fr.sarcoma.referral.platform.ParseListeners;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.handler.CompositeHistoryEventHandler;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * The audit's hooks in the engine: {@link ActionAudit} on the completion of every user task of every
 * model (built in, so that no model can leave a task out and "skip custom listeners" cannot either),
 * and {@link OperationLogMirror} beside the engine's history handler.
 */
@Component
class AuditPlugin extends AbstractProcessEnginePlugin {

  private final ActionAudit actions;
  private final OperationLogMirror operations;

  AuditPlugin(
      @Lazy ActionAudit actions,
      @Lazy AuditTrail trail,
      @Lazy Callers callers,
      @Lazy ProcessReferrals processes) {
    this.actions = actions;
    this.operations = new OperationLogMirror(trail, callers, processes);
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    ParseListeners.add(
        configuration,
        new AbstractBpmnParseListener() {
          @Override
          public void parseUserTask(
              Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
            ((UserTaskActivityBehavior) activity.getActivityBehavior())
                .getTaskDefinition()
                .addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE, actions);
          }
        });
  }

  /**
   * Beside whatever history handler the engine ended up with (pathway's ClinicalAnswersPlugin wraps it
   * in its filter of clinical answers, also after init): wrapped after init, the mirror sees every
   * event the engine records, whoever configured the handler.
   */
  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setHistoryEventHandler(
        new CompositeHistoryEventHandler(configuration.getHistoryEventHandler(), operations));
  }
}

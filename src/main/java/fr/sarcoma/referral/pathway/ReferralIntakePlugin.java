package fr.sarcoma.referral.pathway;

import fr.sarcoma.referral.platform.ParseListeners;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Makes {@link ReferralIntake} a built-in start listener of SarcomaReferralProcess: built-in listeners run
 * for every start, including one with "skip custom listeners" or one that starts at a later activity, so
 * no door starts a pathway around the intake. The listener is looked up when a process starts, as it needs
 * services that need the engine this plugin helps build.
 */
@Component
class ReferralIntakePlugin extends AbstractProcessEnginePlugin {

  private final ObjectProvider<ReferralIntake> intake;

  ReferralIntakePlugin(ObjectProvider<ReferralIntake> intake) {
    this.intake = intake;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    ExecutionListener onStart = execution -> intake.getObject().notify(execution);
    ParseListeners.add(
        configuration,
        new AbstractBpmnParseListener() {
          @Override
          public void parseProcess(
              Element processElement, ProcessDefinitionEntity processDefinition) {
            if (PathwayVariables.PROCESS_ID.equals(processDefinition.getKey())) {
              processDefinition.addBuiltInListener(ExecutionListener.EVENTNAME_START, onStart);
            }
          }
        });
  }
}

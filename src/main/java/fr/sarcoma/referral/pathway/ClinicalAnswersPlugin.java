package fr.sarcoma.referral.pathway;

import fr.sarcoma.referral.platform.ParseListeners;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The process holds ids and routing facts only, for every form of every deployed model, a new one included:
 *
 * <ul>
 *   <li>{@link ClinicalAnswers} is the last complete listener of every user task. It cannot be a built-in
 *       listener: the engine runs those first, before the model's listeners that read the answers. A task never
 *       completes with its custom listeners skipped ("skip custom listeners" applies to the command that creates
 *       or deletes a task, not to a later completion), so it always runs;
 *   <li>{@link ClinicalHistoryFilter} wraps the engine's history event handler (after the engine set it up, so
 *       whatever handlers it has are wrapped).
 * </ul>
 *
 * The listener is looked up when a task completes: it needs services that need the engine this plugin helps build.
 */
@Component
class ClinicalAnswersPlugin extends AbstractProcessEnginePlugin {

  private final ObjectProvider<ClinicalAnswers> clinicalAnswers;

  ClinicalAnswersPlugin(ObjectProvider<ClinicalAnswers> clinicalAnswers) {
    this.clinicalAnswers = clinicalAnswers;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    TaskListener moveOut = task -> clinicalAnswers.getObject().notify(task);
    ParseListeners.add(
        configuration,
        new AbstractBpmnParseListener() {
          @Override
          public void parseUserTask(
              Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
            ((UserTaskActivityBehavior) activity.getActivityBehavior())
                .getTaskDefinition()
                .addTaskListener(TaskListener.EVENTNAME_COMPLETE, moveOut);
          }
        });
  }

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setHistoryEventHandler(
        new ClinicalHistoryFilter(configuration.getHistoryEventHandler()));
  }
}

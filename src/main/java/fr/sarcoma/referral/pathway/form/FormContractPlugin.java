package fr.sarcoma.referral.pathway.form;

import fr.sarcoma.referral.platform.ParseListeners;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.stereotype.Component;

/**
 * The server is the guard: every user task of every deployed model checks, when it completes, the answers
 * against its Camunda Form ({@link FormCheck}), whatever the door (Tasklist, {@code /engine-rest} complete
 * or submit-form, the Java API). A built-in listener, first of the task's complete listeners, so it runs
 * before the task's own listeners record anything and even when custom listeners are skipped; a refusal
 * rolls the completion back and the task stays open.
 */
@Component
class FormContractPlugin extends AbstractProcessEnginePlugin {

  static final TaskListener CHECK_ANSWERS =
      (DelegateTask task) ->
          DeployedForms.ofTask((TaskEntity) task)
              .ifPresent(form -> FormCheck.verify(form, task.getVariables()));

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
                .addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE, CHECK_ANSWERS);
          }
        });
  }
}

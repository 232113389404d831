package fr.sarcoma.referral.insight.tasktime;

import fr.sarcoma.referral.platform.ParseListeners;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.stereotype.Component;

/**
 * Puts {@link TaskTimeListener} on every user task of every deployed model, so that no task can be
 * left out of the waiting and working times by a model that forgot it. Built-in listeners run even
 * when an instance is modified with "skip custom listeners".
 */
@Component
class TaskTimePlugin extends AbstractProcessEnginePlugin {

  private final TaskTimeListener listener;

  TaskTimePlugin(TaskTimeListener listener) {
    this.listener = listener;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    ParseListeners.add(
        configuration,
        new AbstractBpmnParseListener() {
          @Override
          public void parseUserTask(
              Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
            TaskDefinition task =
                ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition();
            for (String event :
                new String[] {
                  TaskListener.EVENTNAME_CREATE,
                  TaskListener.EVENTNAME_ASSIGNMENT,
                  TaskListener.EVENTNAME_COMPLETE,
                  TaskListener.EVENTNAME_DELETE
                }) {
              task.addBuiltInTaskListener(event, listener);
            }
          }
        });
  }
}

package fr.sarcoma.referral.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.PvmTransition;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.pvm.process.TransitionImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;

/**
 * Which flow nodes and sequence flows the integration tests passed, per process: a parse listener
 * adds a listener to every activity (start) and every sequence flow (take) of every deployed model.
 */
public final class FlowCoverage {

  private static final Set<String> PASSED = ConcurrentHashMap.newKeySet();

  private FlowCoverage() {}

  public static boolean passed(String processKey, String elementId) {
    return PASSED.contains(processKey + ":" + elementId);
  }

  /** Registered in the test application context (see {@link PostgresIntegrationTest}). */
  public static class Plugin extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
      List<org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener> listeners =
          configuration.getCustomPostBPMNParseListeners() == null
              ? new ArrayList<>()
              : new ArrayList<>(configuration.getCustomPostBPMNParseListeners());
      listeners.add(new Recorder());
      configuration.setCustomPostBPMNParseListeners(listeners);
    }
  }

  private static class Recorder extends AbstractBpmnParseListener {

    @Override
    public void parseProcess(Element processElement, ProcessDefinitionEntity processDefinition) {
      instrument(processDefinition.getKey(), processDefinition);
    }

    private static void instrument(String processKey, ScopeImpl scope) {
      for (ActivityImpl activity : scope.getActivities()) {
        ExecutionListener started = execution -> PASSED.add(processKey + ":" + activity.getId());
        activity.addListener(ExecutionListener.EVENTNAME_START, started);
        for (PvmTransition outgoing : activity.getOutgoingTransitions()) {
          TransitionImpl transition = (TransitionImpl) outgoing;
          ExecutionListener taken = execution -> PASSED.add(processKey + ":" + transition.getId());
          transition.addListener(ExecutionListener.EVENTNAME_TAKE, taken);
        }
        instrument(processKey, activity);
      }
    }
  }
}

package fr.sarcoma.referral.audit;

import fr.sarcoma.referral.platform.EngineAuthentication;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.runtime.Execution;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * Which referral an engine object belongs to: every process instance of the pathway, the main one and
 * each order's, holds the variable {@code referralId} (docs/pathway-contract.md). Looked up as the
 * system, whatever the caller may see.
 */
@Component
class ProcessReferrals {

  /** The contract's variable (pathway's PathwayVariables.REFERRAL_ID). */
  static final String REFERRAL_ID = "referralId";

  private final HistoryService historyService;
  private final TaskService taskService;
  private final RuntimeService runtimeService;
  private final EngineAuthentication engineAuthentication;

  ProcessReferrals(
      HistoryService historyService,
      TaskService taskService,
      RuntimeService runtimeService,
      EngineAuthentication engineAuthentication) {
    this.historyService = historyService;
    this.taskService = taskService;
    this.runtimeService = runtimeService;
    this.engineAuthentication = engineAuthentication;
  }

  /** Process instance id → referral id, for the instances that have one. */
  Map<String, UUID> ofProcessInstances(Collection<String> processInstanceIds) {
    Map<String, UUID> referrals = new HashMap<>();
    if (processInstanceIds.isEmpty()) {
      return referrals;
    }
    engineAuthentication
        .asSystem(
            () ->
                historyService
                    .createHistoricVariableInstanceQuery()
                    .processInstanceIdIn(processInstanceIds.toArray(String[]::new))
                    .variableName(REFERRAL_ID)
                    .disableCustomObjectDeserialization()
                    .list())
        .forEach(
            variable ->
                referralOf(variable)
                    .ifPresent(id -> referrals.put(variable.getProcessInstanceId(), id)));
    return referrals;
  }

  /** The referral of a referral number (its processes' business key). */
  Optional<UUID> ofReferralNumber(String referralNumber) {
    List<String> instances =
        engineAuthentication.asSystem(
            () ->
                historyService
                    .createHistoricProcessInstanceQuery()
                    .processInstanceBusinessKey(referralNumber)
                    .list()
                    .stream()
                    .map(HistoricProcessInstance::getId)
                    .toList());
    return ofProcessInstances(instances).values().stream().findFirst();
  }

  /** The process instance of a task, open or completed. */
  Optional<String> processInstanceOfTask(String taskId) {
    return engineAuthentication.asSystem(
        () -> {
          Task task = taskService.createTaskQuery().taskId(taskId).singleResult();
          if (task != null) {
            return Optional.ofNullable(task.getProcessInstanceId());
          }
          HistoricTaskInstance done =
              historyService.createHistoricTaskInstanceQuery().taskId(taskId).singleResult();
          return Optional.ofNullable(done == null ? null : done.getProcessInstanceId());
        });
  }

  Optional<String> processInstanceOfExecution(String executionId) {
    return engineAuthentication.asSystem(
        () ->
            Optional.ofNullable(
                    runtimeService.createExecutionQuery().executionId(executionId).singleResult())
                .map(Execution::getProcessInstanceId));
  }

  Optional<String> processInstanceOfVariable(String variableInstanceId) {
    return engineAuthentication.asSystem(
        () ->
            Optional.ofNullable(
                    historyService
                        .createHistoricVariableInstanceQuery()
                        .variableId(variableInstanceId)
                        .disableBinaryFetching()
                        .singleResult())
                .map(HistoricVariableInstance::getProcessInstanceId));
  }

  private static Optional<UUID> referralOf(HistoricVariableInstance variable) {
    try {
      return variable.getValue() == null
          ? Optional.empty()
          : Optional.of(UUID.fromString(variable.getValue().toString()));
    } catch (IllegalArgumentException notAReferral) {
      return Optional.empty();
    }
  }
}

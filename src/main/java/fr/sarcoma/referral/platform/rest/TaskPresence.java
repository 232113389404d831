package fr.sarcoma.referral.platform.rest;

import java.util.List;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;
import org.camunda.bpm.engine.authorization.MissingAuthorization;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;

/**
 * Two clinicians complete one task at once: the winner's commit deletes the task and the authorizations its
 * candidate group held on it, so the loser's permission check can fail on a task that is no longer there. That
 * is a task already done (404), not a missing permission (403).
 */
final class TaskPresence {

  private TaskPresence() {}

  static boolean deniedOnATaskThatIsGone(AuthorizationException denied) {
    List<MissingAuthorization> missing = denied.getMissingAuthorizations();
    if (missing == null) {
      return false;
    }
    return missing.stream()
        .filter(
            needed ->
                Resources.TASK.resourceName().equals(needed.getResourceType())
                    && needed.getResourceId() != null)
        .findFirst()
        .map(needed -> !exists(needed.getResourceId()))
        .orElse(false);
  }

  /** Looked up without the caller's authorizations: whether it exists, not whether they may see it. */
  private static boolean exists(String taskId) {
    ProcessEngine engine = ProcessEngines.getDefaultProcessEngine();
    if (engine == null) {
      return true;
    }
    ProcessEngineConfigurationImpl configuration =
        (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    return configuration
        .getCommandExecutorTxRequired()
        .execute(
            commandContext ->
                commandContext.runWithoutAuthorization(
                    () -> commandContext.getTaskManager().findTaskById(taskId) != null));
  }
}

package fr.sarcoma.referral.pathway.form;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.form.CamundaFormRef;
import org.camunda.bpm.engine.form.FormData;
import org.camunda.bpm.engine.impl.cmd.GetCamundaFormDefinitionCmd;
import org.camunda.bpm.engine.impl.cmd.GetDeploymentResourceCmd;
import org.camunda.bpm.engine.impl.cmd.GetStartFormCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.repository.CamundaFormDefinition;

/**
 * The Camunda Form a task or a start event shows, read from the deployment it belongs to (the same
 * {@code camunda:formRef} binding Tasklist resolves), parsed once per deployed form version.
 */
final class DeployedForms {

  private static final Map<String, FormContract> PARSED = new ConcurrentHashMap<>();

  private DeployedForms() {}

  static Optional<FormContract> ofTask(TaskEntity task) {
    if (task.getTaskDefinition() == null || task.getTaskDefinition().getTaskFormHandler() == null) {
      return Optional.empty();
    }
    return of(task.getTaskDefinition().getTaskFormHandler().createTaskForm(task));
  }

  static Optional<FormContract> ofStart(DelegateExecution execution) {
    CommandContext commandContext = Context.getCommandContext();
    return of(
        commandContext.runWithoutAuthorization(
            new GetStartFormCmd(execution.getProcessDefinitionId())));
  }

  private static Optional<FormContract> of(FormData formData) {
    CamundaFormRef ref = formData == null ? null : formData.getCamundaFormRef();
    if (ref == null || ref.getKey() == null) {
      return Optional.empty();
    }
    CommandContext commandContext = Context.getCommandContext();
    CamundaFormDefinition definition =
        commandContext.runWithoutAuthorization(
            new GetCamundaFormDefinitionCmd(ref, formData.getDeploymentId()));
    if (definition == null) {
      return Optional.empty();
    }
    return Optional.of(
        PARSED.computeIfAbsent(
            definition.getId(),
            id -> {
              try (InputStream form =
                  commandContext.runWithoutAuthorization(
                      new GetDeploymentResourceCmd(
                          definition.getDeploymentId(), definition.getResourceName()))) {
                return FormContract.read(form);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            }));
  }
}

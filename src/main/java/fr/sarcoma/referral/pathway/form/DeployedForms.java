package fr.sarcoma.referral.pathway.form;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.Expression;
import org.camunda.bpm.engine.form.CamundaFormRef;
import org.camunda.bpm.engine.form.FormData;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.cmd.GetCamundaFormDefinitionCmd;
import org.camunda.bpm.engine.impl.cmd.GetDeploymentResourceCmd;
import org.camunda.bpm.engine.impl.cmd.GetStartFormCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.form.CamundaFormRefImpl;
import org.camunda.bpm.engine.impl.form.FormDefinition;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
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

  /**
   * Every Camunda Form a process definition shows (its start form, its user tasks' forms), read from the model
   * as parsed: a form key given by an expression is resolved only when a task is created, so it is not listed.
   */
  static List<FormContract> ofDefinition(ProcessDefinitionEntity definition) {
    List<FormContract> forms = new ArrayList<>();
    ofDefinition(definition.getStartFormDefinition(), definition.getDeploymentId())
        .ifPresent(forms::add);
    collectTaskForms(definition, definition.getDeploymentId(), forms);
    return forms;
  }

  private static void collectTaskForms(
      ScopeImpl scope, String deploymentId, List<FormContract> forms) {
    for (ActivityImpl activity : scope.getActivities()) {
      if (activity.getActivityBehavior() instanceof UserTaskActivityBehavior userTask) {
        ofDefinition(userTask.getTaskDefinition().getFormDefinition(), deploymentId)
            .ifPresent(forms::add);
      }
      collectTaskForms(activity, deploymentId, forms);
    }
  }

  private static Optional<FormContract> ofDefinition(
      FormDefinition formDefinition, String deploymentId) {
    if (formDefinition == null || formDefinition.getCamundaFormDefinitionKey() == null) {
      return Optional.empty();
    }
    String key = formDefinition.getCamundaFormDefinitionKey().getExpressionText();
    Expression version = formDefinition.getCamundaFormDefinitionVersion();
    if (key.contains("{") || (version != null && version.getExpressionText().contains("{"))) {
      return Optional.empty();
    }
    CamundaFormRefImpl ref =
        new CamundaFormRefImpl(key, formDefinition.getCamundaFormDefinitionBinding());
    if (version != null) {
      ref.setVersion(Integer.valueOf(version.getExpressionText()));
    }
    return of(ref, deploymentId);
  }

  private static Optional<FormContract> of(FormData formData) {
    CamundaFormRef ref = formData == null ? null : formData.getCamundaFormRef();
    if (ref == null || ref.getKey() == null) {
      return Optional.empty();
    }
    return of(ref, formData.getDeploymentId());
  }

  private static Optional<FormContract> of(CamundaFormRef ref, String deploymentId) {
    CommandContext commandContext = Context.getCommandContext();
    CamundaFormDefinition definition =
        commandContext.runWithoutAuthorization(new GetCamundaFormDefinitionCmd(ref, deploymentId));
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

package fr.sarcoma.referral.pathway.form;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;

/**
 * The answers of a process definition's forms that leave the engine: every field of its start form and of its
 * user tasks' forms that the form does not declare {@code keptInProcess}. Their variables never reach the
 * engine's history, whatever sets them. Read from the deployed forms once per process definition (a deployed
 * definition never changes).
 */
public final class ClinicalFields {

  private static final Map<String, Set<String>> BY_DEFINITION = new ConcurrentHashMap<>();

  private ClinicalFields() {}

  /**
   * The clinical field keys of that process definition; none for no definition (a standalone task). A key kept
   * in the process by one form and clinical in another counts as clinical: the history keeps it out.
   * Needs the engine's command context (a history event handler, a listener).
   */
  public static Set<String> of(String processDefinitionId) {
    if (processDefinitionId == null) {
      return Set.of();
    }
    Set<String> known = BY_DEFINITION.get(processDefinitionId);
    if (known != null) {
      return known;
    }
    ProcessDefinitionEntity definition =
        Context.getProcessEngineConfiguration()
            .getDeploymentCache()
            .findDeployedProcessDefinitionById(processDefinitionId);
    Set<String> clinical =
        DeployedForms.ofDefinition(definition).stream()
            .flatMap(form -> form.fields().stream())
            .filter(field -> !field.keptInProcess())
            .map(FormField::key)
            .collect(Collectors.toUnmodifiableSet());
    BY_DEFINITION.put(processDefinitionId, clinical);
    return clinical;
  }
}

package fr.sarcoma.referral.pathway;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;

/** Reads a {@code camunda:property} of the current model element (milestones, outcomes live in the model). */
final class ModelProperties {

  private ModelProperties() {}

  static String of(DelegateExecution execution, String name) {
    BaseElement element = execution.getBpmnModelElementInstance();
    if (element == null || element.getExtensionElements() == null) {
      return null;
    }
    return element
        .getExtensionElements()
        .getElementsQuery()
        .filterByType(CamundaProperties.class)
        .list()
        .stream()
        .flatMap(properties -> properties.getCamundaProperties().stream())
        .filter(property -> name.equals(property.getCamundaName()))
        .map(CamundaProperty::getCamundaValue)
        .findFirst()
        .orElse(null);
  }
}

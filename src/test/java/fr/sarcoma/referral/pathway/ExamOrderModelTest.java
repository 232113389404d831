package fr.sarcoma.referral.pathway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.ErrorEventDefinition;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.MessageEventDefinition;
import org.camunda.bpm.model.bpmn.instance.SendTask;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.ThrowEvent;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaFailedJobRetryTimeCycle;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;

/** The order process, as a model: what calls out is retried, and a refused biopsy always reaches someone (S3). */
class ExamOrderModelTest {

  private static BpmnModelInstance model() throws IOException {
    try (InputStream in = new ClassPathResource("bpmn/ExamOrderProcess.bpmn").getInputStream()) {
      return Bpmn.readModelFromStream(in);
    }
  }

  @Test
  @DisplayName("Every step that calls out, places an order or writes a letter runs in its own job, with retries")
  void everyStepThatCallsOutIsAsynchronousAndRetried() throws IOException {
    BpmnModelInstance model = model();
    List<FlowNode> callingOut = new ArrayList<>();
    callingOut.addAll(model.getModelElementsByType(ServiceTask.class));
    callingOut.addAll(model.getModelElementsByType(SendTask.class));
    model.getModelElementsByType(ThrowEvent.class).stream()
        .filter(event -> event.getEventDefinitions().stream().anyMatch(MessageEventDefinition.class::isInstance))
        .forEach(callingOut::add);

    assertThat(callingOut).extracting(FlowNode::getId).contains("ServiceTask_PlaceOrder", "ServiceTask_SendOrder");
    for (FlowNode node : callingOut) {
      assertThat(node.isCamundaAsyncBefore()).as(node.getId() + " asyncBefore").isTrue();
      CamundaFailedJobRetryTimeCycle retries = node.getExtensionElements() == null ? null
          : node.getExtensionElements().getElementsQuery().filterByType(CamundaFailedJobRetryTimeCycle.class).list()
              .stream().findFirst().orElse(null);
      assertThat(retries).as(node.getId() + " failedJobRetryTimeCycle").isNotNull();
      assertThat(retries.getTextContent()).as(node.getId() + " retry cycle").isNotBlank();
    }
  }

  @Test
  @DisplayName("S3: the biopsy gate's error is caught on the order step, so an order started alone is never silent")
  void s3TheBiopsyGateErrorIsCaughtOnThePlaceOrderStep() throws IOException {
    BpmnModelInstance model = model();

    List<BoundaryEvent> catching = model.getModelElementsByType(BoundaryEvent.class).stream()
        .filter(event -> "ServiceTask_PlaceOrder".equals(event.getAttachedTo().getId()))
        .filter(event -> event.getEventDefinitions().stream().anyMatch(definition ->
            definition instanceof ErrorEventDefinition error && error.getError() != null
                && PathwayVariables.ERROR_BIOPSY_GATE_CLOSED.equals(error.getError().getErrorCode())))
        .toList();

    assertThat(catching).extracting(BoundaryEvent::getId).containsExactly("BoundaryEvent_BiopsyOrderRefused");
  }
}

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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.core.io.ClassPathResource;

/**
 * The models: what calls out is retried (both processes), and a refused biopsy always reaches someone (S3).
 */
class ModelBoundariesTest {

  private static BpmnModelInstance model() throws IOException {
    return model("ExamOrderProcess");
  }

  private static BpmnModelInstance model(String process) throws IOException {
    try (InputStream in = new ClassPathResource("bpmn/" + process + ".bpmn").getInputStream()) {
      return Bpmn.readModelFromStream(in);
    }
  }

  @ParameterizedTest
  @CsvSource({
    "ExamOrderProcess, ServiceTask_SendOrder",
    "SarcomaReferralProcess, EndEvent_OutOfScope"
  })
  @DisplayName(
      "Every step that calls out, places an order or writes a letter runs in its own job, with retries")
  void everyStepThatCallsOutIsAsynchronousAndRetried(String process, String oneOfThem)
      throws IOException {
    BpmnModelInstance model = model(process);
    List<FlowNode> callingOut = new ArrayList<>();
    callingOut.addAll(model.getModelElementsByType(ServiceTask.class));
    callingOut.addAll(model.getModelElementsByType(SendTask.class));
    model.getModelElementsByType(ThrowEvent.class).stream()
        .filter(
            event ->
                event.getEventDefinitions().stream()
                    .anyMatch(MessageEventDefinition.class::isInstance))
        .forEach(callingOut::add);

    assertThat(callingOut).extracting(FlowNode::getId).contains(oneOfThem);
    for (FlowNode node : callingOut) {
      assertThat(node.isCamundaAsyncBefore()).as(node.getId() + " asyncBefore").isTrue();
      CamundaFailedJobRetryTimeCycle retries =
          node.getExtensionElements() == null
              ? null
              : node
                  .getExtensionElements()
                  .getElementsQuery()
                  .filterByType(CamundaFailedJobRetryTimeCycle.class)
                  .list()
                  .stream()
                  .findFirst()
                  .orElse(null);
      assertThat(retries).as(node.getId() + " failedJobRetryTimeCycle").isNotNull();
      assertThat(retries.getTextContent()).as(node.getId() + " retry cycle").isNotBlank();
    }
  }

  @Test
  @DisplayName(
      "S3: the biopsy gate's error is caught on the order step, so an order started alone is never silent")
  void s3TheBiopsyGateErrorIsCaughtOnThePlaceOrderStep() throws IOException {
    BpmnModelInstance model = model();

    List<BoundaryEvent> catching =
        model.getModelElementsByType(BoundaryEvent.class).stream()
            .filter(event -> "ServiceTask_PlaceOrder".equals(event.getAttachedTo().getId()))
            .filter(
                event ->
                    event.getEventDefinitions().stream()
                        .anyMatch(
                            definition ->
                                definition instanceof ErrorEventDefinition error
                                    && error.getError() != null
                                    && PathwayVariables.ERROR_BIOPSY_GATE_CLOSED.equals(
                                        error.getError().getErrorCode())))
            .toList();

    assertThat(catching)
        .extracting(BoundaryEvent::getId)
        .containsExactly("BoundaryEvent_BiopsyOrderRefused");
  }
}

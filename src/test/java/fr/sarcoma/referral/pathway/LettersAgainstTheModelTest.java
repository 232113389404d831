package fr.sarcoma.referral.pathway;

import static org.assertj.core.api.Assertions.assertThat;

import fr.sarcoma.referral.letter.LetterService;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;

/**
 * M6: "a letter never announces a step that the pathway will not take". Each letter kind is read against the model:
 * what its template promises (a new MDT round, a diagnosis letter, a decision) is a path of the main process, and
 * the letter that ends the pathway promises nothing more.
 */
class LettersAgainstTheModelTest {

  private static BpmnModelInstance model;

  @BeforeAll
  static void readModel() throws IOException {
    try (InputStream in =
        new ClassPathResource("bpmn/SarcomaReferralProcess.bpmn").getInputStream()) {
      model = Bpmn.readModelFromStream(in);
    }
  }

  @Test
  @DisplayName(
      "M4, M5, M6: the decision letter of a biopsy promises a second MDT round and a conclusion: the reviewed biopsy goes back to the MDT registration, and the proposal round writes the diagnosis letter")
  void decisionLetterOfABiopsyPromisesWhatTheModelDoes() throws IOException {
    String letter = template("letters/mdt-decision.html");
    assertThat(letter)
        .contains("relu par un pathologiste du réseau puis présenté de nouveau en RCP")
        .contains("nous vous adresserons la conclusion");

    assertThat(reachable("Task_ReviewBiopsyResult"))
        .as("after the expert review the case goes back to the MDT (M6)")
        .contains("ServiceTask_RegisterForMdt", "Task_RecordMdtDecision")
        .contains(writerOf("sendDiagnosisLetterDelegate"));
    assertThat(reachable("Task_AgreeBiopsyApproach")).contains("Task_ReviewBiopsyResult");
  }

  @Test
  @DisplayName(
      "M3: the decision letter of further imaging promises a new MDT presentation and decision: the model loops back through characterisation to the MDT")
  void decisionLetterOfFurtherImagingPromisesANewRound() throws IOException {
    assertThat(template("letters/mdt-decision.html"))
        .contains("Le dossier sera présenté de nouveau en RCP");
    FlowNode furtherImaging = targetOf("Gateway_MdtOutcome", "FURTHER_IMAGING");
    assertThat(reachable(furtherImaging.getId()))
        .contains("CallActivity_Mri", "ServiceTask_RegisterForMdt", "Task_RecordMdtDecision");
  }

  @Test
  @DisplayName(
      "U1, U2, M6: the material request promises an MDT decision: the pathway after a procedure elsewhere reaches the MDT")
  void materialRequestPromisesTheMdt() throws IOException {
    assertThat(template("letters/text/material-request.txt")).contains("présenté en RCP");
    assertThat(reachable("Gateway_AfterProcedureFork"))
        .contains(writerOf("requestPriorProcedureMaterialDelegate"))
        .contains("Task_RecordMdtDecision", writerOf("sendMdtDecisionLetterDelegate"));
  }

  @Test
  @DisplayName(
      "M6: the diagnosis letter ends the pathway: its writer leads only to the end, and the letter announces no further step")
  void diagnosisLetterAnnouncesNoFurtherStep() throws IOException {
    String writer = writerOf("sendDiagnosisLetterDelegate");
    Set<String> after = reachable(writer);
    after.remove(writer);
    assertThat(after).containsExactly("EndEvent_MdtProposalRecorded");
    assertThat(model.<EndEvent>getModelElementById("EndEvent_MdtProposalRecorded")).isNotNull();
    for (String template : List.of("letters/diagnosis.html", "letters/text/diagnosis.txt")) {
      assertThat(template(template))
          .as(template)
          .doesNotContain("suivra", "sera présenté", "nous vous adresserons", "sera programmée");
    }
  }

  @Test
  @DisplayName(
      "M4, M6, G0: every letter kind has its writer in the model (no kind the pathway never writes)")
  void everyLetterKindHasItsWriter() {
    Map<String, String> writers =
        Map.of(
            "OUTCOME",
            "sendOutcomeLetterDelegate",
            "MDT_DECISION",
            "sendMdtDecisionLetterDelegate",
            LetterService.MATERIAL_REQUEST,
            "requestPriorProcedureMaterialDelegate",
            LetterService.DIAGNOSIS,
            "sendDiagnosisLetterDelegate");
    writers.forEach(
        (kind, bean) -> assertThat(writerOf(bean)).as(kind + " written in the model").isNotBlank());
    assertThat(writerOf("sendDiagnosisLetterDelegate"))
        .isEqualTo("ServiceTask_SendDiagnosisLetter");
  }

  /** The element that calls that delegate (a service task or a message end event). */
  private static String writerOf(String bean) {
    String expression = "${" + bean + "}";
    return model.getModelElementsByType(FlowNode.class).stream()
        .filter(node -> model.getModelElementById(node.getId()) != null)
        .filter(
            node ->
                (node instanceof ServiceTask task
                        && expression.equals(task.getCamundaDelegateExpression()))
                    || node.getDomElement().getChildElements().stream()
                        .anyMatch(
                            child ->
                                expression.equals(
                                    child.getAttribute(
                                        "http://camunda.org/schema/1.0/bpmn",
                                        "delegateExpression"))))
        .map(FlowNode::getId)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no element calls " + bean));
  }

  /** The node a gateway's flow leads to when its condition names that outcome. */
  private static FlowNode targetOf(String gateway, String outcome) {
    return model.<FlowNode>getModelElementById(gateway).getOutgoing().stream()
        .filter(
            flow ->
                flow.getConditionExpression() != null
                    && flow.getConditionExpression()
                        .getTextContent()
                        .contains("== '" + outcome + "'"))
        .map(SequenceFlow::getTarget)
        .findFirst()
        .orElseThrow();
  }

  /** Every element reachable from that one (itself included), following flows and boundary events. */
  private static Set<String> reachable(String from) {
    Set<String> seen = new HashSet<>();
    Deque<FlowNode> next = new ArrayDeque<>();
    next.add(model.getModelElementById(from));
    while (!next.isEmpty()) {
      FlowNode node = next.pop();
      if (!seen.add(node.getId())) {
        continue;
      }
      node.getOutgoing().forEach(flow -> next.add(flow.getTarget()));
      model.getModelElementsByType(BoundaryEvent.class).stream()
          .filter(boundary -> boundary.getAttachedTo() == node)
          .forEach(next::add);
    }
    return seen;
  }

  private static String template(String path) throws IOException {
    try (InputStream in = new ClassPathResource("templates/" + path).getInputStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}

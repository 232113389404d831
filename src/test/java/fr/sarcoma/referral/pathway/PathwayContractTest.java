package fr.sarcoma.referral.pathway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.Message;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.core.io.ClassPathResource;

/** docs/pathway-contract.md stays true to the models: integrators and testers work from it. */
class PathwayContractTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest
  @ValueSource(strings = {"SarcomaReferralProcess", "ExamOrderProcess"})
  void everyUserTaskEndStateAndMessageIsInTheContract(String processId) throws IOException {
    String contract = Files.readString(Path.of("docs", "pathway-contract.md"));
    BpmnModelInstance model = model(processId);

    for (UserTask task : model.getModelElementsByType(UserTask.class)) {
      String row =
          contract
              .lines()
              .filter(line -> line.startsWith("| `" + task.getId() + "`"))
              .findFirst()
              .orElseThrow(
                  () -> new AssertionError(task.getId() + " is not in docs/pathway-contract.md"));
      assertThat(row)
          .as(task.getId())
          .contains(task.getCamundaCandidateGroups())
          .contains("`" + task.getCamundaFormRef() + ".form`");
    }
    for (EndEvent end : model.getModelElementsByType(EndEvent.class)) {
      if (processId.equals(PathwayVariables.PROCESS_ID)) {
        assertThat(contract).as(end.getId()).contains("`" + end.getId() + "`");
      }
    }
    for (Message message : model.getModelElementsByType(Message.class)) {
      assertThat(contract).as(message.getName()).contains("`" + message.getName() + "`");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"SarcomaReferralProcess", "ExamOrderProcess"})
  void everyReferencedFormIsDeployedWithThatId(String processId) throws IOException {
    BpmnModelInstance model = model(processId);
    Stream<String> formRefs =
        Stream.concat(
            model.getModelElementsByType(UserTask.class).stream().map(UserTask::getCamundaFormRef),
            model.getModelElementsByType(StartEvent.class).stream()
                .map(StartEvent::getCamundaFormRef)
                .filter(ref -> ref != null));
    for (String formRef : formRefs.toList()) {
      try (InputStream form =
          new ClassPathResource("bpmn/forms/" + formRef + ".form").getInputStream()) {
        assertThat(JSON.readTree(form).path("id").asText()).isEqualTo(formRef);
      }
    }
  }

  private static BpmnModelInstance model(String processId) throws IOException {
    try (InputStream in = new ClassPathResource("bpmn/" + processId + ".bpmn").getInputStream()) {
      return Bpmn.readModelFromStream(in);
    }
  }
}

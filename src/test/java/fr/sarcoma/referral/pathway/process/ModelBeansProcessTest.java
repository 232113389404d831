package fr.sarcoma.referral.pathway.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Keeps the fakes true to the models: every bean an expression of a model names is registered, and no other. */
class ModelBeansProcessTest extends ProcessEngineTestSupport {

  /** {@code ${bean}} as a delegate expression, or {@code ${bean.method(} in any expression. */
  private static final Pattern BEAN =
      Pattern.compile("delegateExpression=\"\\$\\{(\\w+)}\"|[$#]\\{!?(\\w+)\\.\\w+\\(");

  /** Names an expression may call a method on that are the engine's own or process variables. */
  private static final Set<String> NOT_BEANS = Set.of("execution", "task");

  @Test
  @DisplayName(
      "Every delegate, listener and bean the two models name is faked in the fast process tests, and only those")
  void everyBeanOfTheModelsIsFaked() throws IOException {
    Set<String> named = new TreeSet<>();
    for (String model :
        new String[] {"bpmn/SarcomaReferralProcess.bpmn", "bpmn/ExamOrderProcess.bpmn"}) {
      Matcher matcher = BEAN.matcher(read(model));
      while (matcher.find()) {
        named.add(matcher.group(1) != null ? matcher.group(1) : matcher.group(2));
      }
    }
    named.removeAll(NOT_BEANS);

    assertThat(named)
        .contains("placeOrderDelegate", "milestoneListener", "serviceLevels", "examReports");
    assertThat(Mocks.getMocks().keySet()).containsExactlyInAnyOrderElementsOf(named);
  }

  private static String read(String resource) throws IOException {
    try (InputStream in =
        ModelBeansProcessTest.class.getClassLoader().getResourceAsStream(resource)) {
      assertThat(in).as(resource).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}

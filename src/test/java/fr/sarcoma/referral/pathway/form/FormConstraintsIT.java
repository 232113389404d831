package fr.sarcoma.referral.pathway.form;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import fr.sarcoma.referral.support.HttpCalls;
import fr.sarcoma.referral.support.PathwayDriver;
import fr.sarcoma.referral.support.PostgresIntegrationTest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The server is the guard: every constraint of every Camunda Form in {@code bpmn/forms/} (type, required,
 * allowed values, range, decimals, length, pattern; and text PostgreSQL cannot store) is refused by the
 * server when a completion breaks it, through {@code /engine-rest}, with a 400 that names the field, the
 * task left open. The constraints are generated from the {@code .form} files themselves, so a constraint
 * added to a form is tested without touching this class.
 *
 * <p>Each task form is put on a user task of a small test process (with the form in the same deployment,
 * as the pathway binds it); the start form is submitted to the pathway itself, its one door.
 */
@PostgresIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FormConstraintsIT {

  private static final Path FORMS = Path.of("bpmn", "forms");
  private static final String START_FORM = "StartReferral";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The one shape of hide condition our forms use; another shape needs a line here. */
  private static final Pattern HIDE_UNLESS = Pattern.compile("=(\\w+) != \"(\\w+)\"");

  /** A valid answer for each field with a pattern (a pattern's valid sample cannot be generated). */
  private static final Map<String, String> PATTERN_SAMPLES =
      Map.of(
          "intakeBirthDate", "03/11/1958",
          "scheduledFor", "15/01/2027",
          "resultPerformedOn", "03/11/2026");

  @Autowired RepositoryService repositoryService;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired JdbcTemplate jdbc;
  @LocalServerPort int port;

  private String deploymentId;

  /** One broken constraint: the field, what is broken, the value sent. */
  record Violation(String form, String field, String constraint, Map<String, Object> value) {}

  @BeforeAll
  void deployEveryTaskFormOnATestTask() {
    DeploymentBuilder deployment = repositoryService.createDeployment().name("FormConstraintsIT");
    for (FormContract form : taskForms()) {
      BpmnModelInstance model =
          Bpmn.createExecutableProcess("FormConstraintsIT_" + form.id())
              .camundaHistoryTimeToLive(1)
              .startEvent()
              .userTask("Task_Answer")
              .camundaFormRef(form.id())
              .camundaFormRefBinding("deployment")
              .endEvent()
              .done();
      deployment.addModelInstance("FormConstraintsIT_" + form.id() + ".bpmn", model);
      deployment.addString(form.id() + ".form", read(FORMS.resolve(form.id() + ".form")));
    }
    deploymentId = deployment.deploy().getId();
  }

  @AfterAll
  void undeploy() {
    repositoryService.deleteDeployment(deploymentId, true);
  }

  @Test
  void everyConstraintOfEveryTaskFormIsRefusedByTheServer() {
    HttpCalls admin = HttpCalls.to(port).as("admin", "demo");
    int checked = 0;
    for (FormContract form : taskForms()) {
      for (FormField field : form.fields()) {
        Map<String, Object> context = contextShowing(field);
        String processInstanceId =
            runtimeService
                .startProcessInstanceByKey(
                    "FormConstraintsIT_" + form.id(), new LinkedHashMap<>(context))
                .getId();
        Task task =
            taskService.createTaskQuery().processInstanceId(processInstanceId).singleResult();
        for (Violation violation : violations(form, field)) {
          Map<String, Object> variables = validAnswers(form, context);
          variables.put(field.key(), violation.value());
          HttpCalls.Response response =
              admin.postJson(
                  "/engine-rest/task/" + task.getId() + "/complete",
                  json(Map.of("variables", variables)));
          assertThat(response.status()).as(violation + " → " + response.body()).isEqualTo(400);
          assertThat(response.json().path("errors").findValuesAsText("field"))
              .as(violation.toString())
              .contains(field.key());
          assertThat(response.json().path("message").asText())
              .as(violation.toString())
              .startsWith("Formulaire refusé")
              .doesNotContain("ENGINE-");
          assertThat(taskService.createTaskQuery().taskId(task.getId()).count())
              .as("task still open")
              .isOne();
          checked++;
        }
        // The same answers, all valid, are accepted: the refusals above were the constraint's, not
        // the base's.
        HttpCalls.Response accepted =
            admin.postJson(
                "/engine-rest/task/" + task.getId() + "/complete",
                json(Map.of("variables", validAnswers(form, context))));
        assertThat(accepted.status())
            .as(form.id() + " valid answers: " + accepted.body())
            .isEqualTo(204);
      }
    }
    assertThat(checked).as("constraints checked").isGreaterThan(100);
  }

  @Test
  void everyConstraintOfTheStartFormIsRefusedByTheServer() {
    HttpCalls coordinator = HttpCalls.to(port).as("coordinator", "demo");
    FormContract form = contract(START_FORM);
    String submit = "/engine-rest/process-definition/key/SarcomaReferralProcess/submit-form";
    int referralsBefore = referrals();
    for (FormField field : form.fields()) {
      for (Violation violation : violations(form, field)) {
        Map<String, Object> variables = validAnswers(form, Map.of());
        variables.put(field.key(), violation.value());
        HttpCalls.Response response =
            coordinator.postJson(submit, json(Map.of("variables", variables)));
        assertThat(response.status()).as(violation + " → " + response.body()).isEqualTo(400);
        assertThat(response.json().path("errors").findValuesAsText("field"))
            .as(violation.toString())
            .contains(field.key());
        assertThat(referrals()).as("nothing stored for " + violation).isEqualTo(referralsBefore);
      }
    }
    HttpCalls.Response accepted =
        coordinator.postJson(submit, json(Map.of("variables", validAnswers(form, Map.of()))));
    assertThat(accepted.status()).as("valid start form: " + accepted.body()).isEqualTo(200);
    assertThat(referrals()).isEqualTo(referralsBefore + 1);
  }

  /** Every way the form lets this field be broken, each sent alone on otherwise valid answers. */
  private static List<Violation> violations(FormContract form, FormField field) {
    List<Violation> violations = new ArrayList<>();
    String name = form.id();
    if (field.required()) {
      violations.add(new Violation(name, field.key(), "required", typed(null, "Null")));
      if (field.kind() == FormField.Kind.BOOLEAN) {
        violations.add(
            new Violation(name, field.key(), "required (ticked)", typed(false, "Boolean")));
      }
    }
    switch (field.kind()) {
      case TEXT -> {
        violations.add(new Violation(name, field.key(), "type", typed(42, "Integer")));
        violations.add(
            new Violation(name, field.key(), "storable text", typed("a\u0000b", "String")));
      }
      case NUMBER ->
          violations.add(new Violation(name, field.key(), "type", typed("douze", "String")));
      case BOOLEAN ->
          violations.add(new Violation(name, field.key(), "type", typed("oui", "String")));
      case CHOICE ->
          violations.add(
              new Violation(
                  name, field.key(), "allowed values", typed("PAS_UNE_VALEUR", "String")));
      case CHOICES ->
          violations.add(
              new Violation(
                  name, field.key(), "allowed values", typed("[\"PAS_UNE_VALEUR\"]", "Json")));
      case LISTED_IDS ->
          violations.add(
              new Violation(name, field.key(), "list of ids", typed("[\"\", 42]", "Json")));
    }
    if (field.maxLength() != null) {
      violations.add(
          new Violation(
              name, field.key(), "maxLength", typed("x".repeat(field.maxLength() + 1), "String")));
    }
    if (field.minLength() != null && field.minLength() > 1) {
      violations.add(
          new Violation(
              name, field.key(), "minLength", typed("x".repeat(field.minLength() - 1), "String")));
    }
    if (field.min() != null) {
      violations.add(
          new Violation(
              name,
              field.key(),
              "min",
              typed(field.min().subtract(BigDecimal.ONE).doubleValue(), "Double")));
    }
    if (field.max() != null) {
      violations.add(
          new Violation(
              name,
              field.key(),
              "max",
              typed(field.max().add(BigDecimal.ONE).doubleValue(), "Double")));
    }
    if (field.decimalDigits() != null) {
      BigDecimal tooPrecise =
          validNumber(field).add(BigDecimal.ONE.movePointLeft(field.decimalDigits() + 1));
      violations.add(
          new Violation(
              name, field.key(), "decimalDigits", typed(tooPrecise.doubleValue(), "Double")));
    }
    if (field.pattern() != null) {
      violations.add(new Violation(name, field.key(), "pattern", typed("31-12-1990", "String")));
    }
    return violations;
  }

  /** Answers that pass every constraint, as Tasklist would submit them. */
  private static Map<String, Object> validAnswers(FormContract form, Map<String, Object> context) {
    Map<String, Object> answers = new LinkedHashMap<>();
    for (FormField field : form.fields()) {
      answers.put(
          field.key(),
          switch (field.kind()) {
            case TEXT ->
                typed(
                    PATTERN_SAMPLES.getOrDefault(
                        field.key(), field.pattern() == null ? "Texte clinique" : null),
                    "String");
            case NUMBER -> typed(validNumber(field).doubleValue(), "Double");
            case BOOLEAN -> typed(true, "Boolean");
            case CHOICE ->
                typed(
                    context.getOrDefault(field.key(), field.allowedValues().get(0)),
                    field.allowedValues().get(0) instanceof Boolean ? "Boolean" : "String");
            case CHOICES -> typed(json(List.of(field.allowedValues().get(0))), "Json");
            case LISTED_IDS -> typed(json(PathwayDriver.QUORUM), "Json");
          });
    }
    return answers;
  }

  private static BigDecimal validNumber(FormField field) {
    BigDecimal low = field.min() == null ? BigDecimal.ONE : field.min();
    return low.max(BigDecimal.ONE).min(field.max() == null ? BigDecimal.TEN : field.max());
  }

  /** Process variables under which a conditional field is shown (its hide condition false). */
  private static Map<String, Object> contextShowing(FormField field) {
    if (field.hideWhen() == null) {
      return Map.of();
    }
    Matcher condition = HIDE_UNLESS.matcher(field.hideWhen());
    assertThat(condition.matches())
        .as("hide condition of " + field.key() + " has a known shape")
        .isTrue();
    return Map.of(condition.group(1), condition.group(2));
  }

  private int referrals() {
    return jdbc.queryForObject("select count(*) from referral", Integer.class);
  }

  private static Map<String, Object> typed(Object value, String type) {
    Map<String, Object> variable = new LinkedHashMap<>();
    variable.put("value", value);
    variable.put("type", type);
    return variable;
  }

  private static List<FormContract> taskForms() {
    try (Stream<Path> files = Files.list(FORMS)) {
      return files
          .filter(file -> file.toString().endsWith(".form"))
          .sorted()
          .map(file -> file.getFileName().toString().replace(".form", ""))
          .filter(id -> !id.equals(START_FORM))
          .map(FormConstraintsIT::contract)
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static FormContract contract(String id) {
    try (InputStream in = Files.newInputStream(FORMS.resolve(id + ".form"))) {
      return FormContract.read(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package fr.sarcoma.referral.pathway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import fr.sarcoma.referral.orders.ExamOrder;
import fr.sarcoma.referral.pathway.form.FormContract;
import fr.sarcoma.referral.pathway.form.FormField;
import fr.sarcoma.referral.platform.NetworkCalendar;
import fr.sarcoma.referral.referral.Site;
import fr.sarcoma.referral.support.FormSubmission;
import fr.sarcoma.referral.support.HttpCalls;
import fr.sarcoma.referral.support.PathwayDriver;
import fr.sarcoma.referral.support.PathwayDriver.Referral;
import fr.sarcoma.referral.support.PostgresIntegrationTest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Clinical text leaves the engine (docs/pathway-contract.md, "What stays in the process"): referrals are walked
 * through every user task of both models, each form completed as Tasklist does ({@code submit-form} on
 * {@code /engine-rest}, by a member of the task's group) with every field it shows filled, from the
 * {@code .form} itself: a unique text in each text field, a valid number, a ticked box, every option of a
 * checklist. After each completion, no answer that is not a routing fact is in {@code ACT_RU_VARIABLE},
 * {@code ACT_HI_VARINST} or {@code ACT_HI_DETAIL} (by name), no text answer anywhere in the engine's tables
 * (variables, history, byte arrays, operation log: by value), and each one is in our tables: in
 * {@code task_answer}, or in the feature table whose listener records it. The routing facts stay, in the history too.
 * The walk fails when a form of {@code bpmn/forms/} is not completed by it: a new form needs its path here.
 */
@PostgresIntegrationTest
class ClinicalAnswersIT {

  private static final Path FORMS = Path.of("bpmn", "forms");
  private static final String START_FORM = "StartReferral";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter FRENCH_DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");

  /** The one shape of hide condition our forms use (as FormConstraintsIT); another shape needs a line here. */
  private static final Pattern HIDE_UNLESS = Pattern.compile("=(\\w+) != \"(\\w+)\"");

  @Autowired PathwayDriver pathway;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired FormService formService;
  @Autowired JdbcTemplate jdbc;
  @Autowired List<RecordsAnswers> featureRecorders;
  @LocalServerPort int port;

  /** One form completed: its task (none for the start form), its process instance, what was sent. */
  record Completed(
      String form,
      String taskId,
      String processInstanceId,
      String user,
      Map<String, Object> answers) {}

  private final List<Completed> completed = new ArrayList<>();
  private int numbers;

  @Test
  @DisplayName(
      "Every form of both models, every field filled: no clinical answer in the engine's variables or history,"
          + " each one in our tables; the routing facts stay")
  void clinicalAnswersOfEveryFormLeaveTheEngine() {
    // SarcomaReferralProcess from its start form to the biopsy review (S3, M5), a pathological
    // fracture of bone (B4: the fixation question is shown); its orders handled by hand in
    // Tasklist, the overdue chase of the first and a rejected order.
    Referral referral =
        startFromTheStartForm(
            Map.of(
                "presentation", "PATHOLOGICAL_FRACTURE",
                "site", "BONE",
                "largestDimensionCm", 9.5,
                "depth", "DEEP",
                "priorProcedure", "NONE"));

    // Its first order is handled by hand (no order system in the tests): booked, chased once
    // overdue, then its report entered, in Tasklist's coordinator tasks.
    String today = LocalDate.now(NetworkCalendar.ZONE).format(FRENCH_DATE);
    complete(
        referral,
        "Task_ScheduleExam",
        "coordinator",
        Map.of(
            "scheduledFor", LocalDate.now(NetworkCalendar.ZONE).plusDays(7).format(FRENCH_DATE)));
    pathway.fireTimer(referral, "BoundaryEvent_ReportOverdue");
    complete(referral, "Task_HandleOverdueExam", "coordinator", Map.of());
    complete(referral, "Task_EnterExamReport", "coordinator", Map.of("resultPerformedOn", today));
    complete(
        referral,
        "Task_ClassifyInitialImaging",
        "radiologist",
        Map.of("imagingConclusion", "AGGRESSIVE"));

    // The order system rejects the MRI's order (the FHIR receiver's 4xx, FhirOrderIT): its
    // coordinator task, reached here by moving the waiting order to it, as the boundary error
    // does; handled by hand, it goes to the coordinators' booking again.
    String mriOrder =
        taskService
            .createTaskQuery()
            .processInstanceBusinessKey(referral.businessKey())
            .taskDefinitionKey("Task_ScheduleExam")
            .singleResult()
            .getProcessInstanceId();
    runtimeService
        .createProcessInstanceModification(mriOrder)
        .startBeforeActivity("Task_HandleRejectedOrder")
        .setVariable("orderRejection", "Patient inconnu du système de prescription")
        .cancelAllForActivity("SubProcess_AwaitReport")
        .execute();
    complete(
        referral,
        "Task_HandleRejectedOrder",
        "coordinator",
        Map.of("rejectionAction", "HANDLE_MANUALLY"));
    assertThat(pathway.openTaskKeys(referral)).contains("Task_ScheduleExam");

    reportOrdersUntil(referral, "Task_ReportCharacterisation");
    complete(
        referral,
        "Task_ReportCharacterisation",
        "radiologist",
        Map.of(
            "characterisationConclusion", "AGGRESSIVE",
            "mdtNeeded", true,
            "lesionPattern", "LYTIC",
            "suspectedType", "OTHER"));

    reportOrdersUntil(referral, "Task_PrepareMdtCase");
    complete(referral, "Task_PrepareMdtCase", "coordinator", Map.of());

    pathway.fireTimer(referral, "TimerEvent_MdtSession");
    complete(
        referral,
        "Task_RecordMdtDecision",
        "mdtchair",
        Map.of("mdtOutcome", "BIOPSY", "biopsyTechnique", "PERCUTANEOUS_CORE_NEEDLE"));

    Task approach = pathway.task(referral, "Task_AgreeBiopsyApproach");
    assertThat(taskService.getVariable(approach.getId(), "biopsyTechnique"))
        .as("the MDT's technique, a routing fact, still pre-selects the surgeon's")
        .isEqualTo("PERCUTANEOUS_CORE_NEEDLE");
    assertThat(taskService.getVariable(approach.getId(), "biopsyTargetZone"))
        .as("the MDT's target zone is in mdt_decision (the Dossier tab), not in the process")
        .isNull();
    // M4: another technique than the MDT's, with its reason (a text field, filled like every
    // other).
    complete(
        referral, "Task_AgreeBiopsyApproach", "surgeon", Map.of("biopsyTechnique", "SURGICAL"));

    reportOrdersUntil(referral, "Task_ReviewBiopsyResult");
    // M6: a sarcoma, so that every field of the form shows (type and FNCLCC grade).
    complete(
        referral,
        "Task_ReviewBiopsyResult",
        "pathologist",
        Map.of("pathologyDiagnosis", "SARCOMA", "fnclccGrade", "2"));
    assertThat(pathway.openTaskKeys(referral))
        .as("M6: back to the MDT for the proposal round")
        .containsExactly("Task_PrepareMdtCase");

    // S3 inside the pathway: the gate refuses a biopsy jumped to before the MDT decided one.
    Referral refused = pathway.atMdtSession(Site.SOFT_TISSUE);
    runtimeService
        .createProcessInstanceModification(pathway.mainProcessInstanceId(refused))
        .startBeforeActivity("CallActivity_Biopsy")
        .execute();
    pathway.runJobs(refused);
    complete(refused, "Task_ResolveBiopsyGateRefusal", "coordinator", Map.of());

    // S3 outside the pathway: a biopsy ExamOrderProcess started on its own.
    runtimeService.startProcessInstanceByKey(
        PathwayVariables.EXAM_PROCESS_ID,
        refused.businessKey(),
        Map.of(
            "referralId",
            refused.id().toString(),
            "referralNumber",
            refused.businessKey(),
            "modality",
            "BIOPSY",
            "urgency",
            "ROUTINE"));
    pathway.runJobs(refused);
    complete(refused, "Task_ReviewRefusedBiopsyOrder", "coordinator", Map.of());

    Set<String> formsCompleted =
        completed.stream().map(Completed::form).collect(Collectors.toCollection(TreeSet::new));
    assertThat(formsCompleted)
        .as("every form of bpmn/forms/ completed")
        .containsExactlyElementsOf(allForms());
    // Checked after each completion; again once every process has moved on or ended.
    completed.forEach(this::assertLeftTheEngine);
  }

  @Test
  @DisplayName("A refused completion (400) stores nothing, neither in the engine nor in our tables")
  void aRefusedCompletionStoresNothing() {
    Referral referral = pathway.atMdtSession(Site.SOFT_TISSUE);
    Task decision = pathway.task(referral, "Task_RecordMdtDecision");
    HttpCalls chair = HttpCalls.to(port).as("mdtchair", "demo");
    assertThat(
            chair
                .postJson(
                    "/engine-rest/task/" + decision.getId() + "/claim",
                    "{\"userId\": \"mdtchair\"}")
                .status())
        .isEqualTo(204);

    // M2: no quorum, refused by the task's listener, after the form check.
    String informer = marker("refused", "patientInformedBy");
    String rationale = marker("refused", "decisionRationale");
    Map<String, Object> noQuorum =
        new LinkedHashMap<>(PathwayDriver.decision("SURVEILLANCE", List.of("oncologist")));
    noQuorum.put("patientInformedBy", informer);
    noQuorum.put("decisionRationale", rationale);
    HttpCalls.Response refused =
        chair.postJson("/engine-rest/task/" + decision.getId() + "/submit-form", body(noQuorum));
    assertThat(refused.status()).as(refused.body()).isEqualTo(400);

    // A form constraint (a text too long), refused by the form check, first.
    String tooLong = marker("refused", "decisionRationaleTooLong") + "x".repeat(2000);
    Map<String, Object> badForm = new LinkedHashMap<>(noQuorum);
    badForm.put("participants", PathwayDriver.QUORUM);
    badForm.put("decisionRationale", tooLong);
    HttpCalls.Response badFormRefused =
        chair.postJson("/engine-rest/task/" + decision.getId() + "/submit-form", body(badForm));
    assertThat(badFormRefused.status()).as(badFormRefused.body()).isEqualTo(400);

    assertThat(taskService.createTaskQuery().taskId(decision.getId()).count()).isOne();
    assertThat(
            jdbc.queryForObject(
                "select count(*) from task_answer where task_id = ?",
                Integer.class,
                decision.getId()))
        .isZero();
    assertThat(
            jdbc.queryForObject(
                "select count(*) from mdt_decision where referral_id = ?",
                Integer.class,
                referral.id()))
        .isZero();
    for (String text : List.of(informer, rationale, tooLong.substring(0, 60))) {
      assertThat(engineRowsHolding(text)).as(text + " in the engine").isEmpty();
      assertThat(ourRowsHolding(text)).as(text + " in our tables").isEmpty();
    }
  }

  // ------------------------------------------------------------------------------------------ the
  // walk

  private Referral startFromTheStartForm(Map<String, Object> choices) {
    FormContract form = contract(START_FORM);
    Map<String, Object> answers = new LinkedHashMap<>();
    for (FormField field : form.fields()) {
      Object value =
          switch (field.key()) {
            case "intakePatientIdentifier" -> "IPP-" + UUID.randomUUID().toString().substring(0, 8);
            case "intakeBirthDate" -> "03/11/1958";
            case "intakeReferringPhysicianEmail" -> "dr.adresseur@chu-nancy.mssante.fr";
            case "intakeGeneralPractitionerEmail" -> "dr.traitant@medecin.mssante.fr";
            default -> choices.getOrDefault(field.key(), generated(START_FORM, field));
          };
      answers.put(field.key(), value);
    }
    HttpCalls.Response started =
        HttpCalls.to(port)
            .as("coordinator", "demo")
            .postJson(
                "/engine-rest/process-definition/key/SarcomaReferralProcess/submit-form",
                body(answers));
    assertThat(started.status()).as(started.body()).isEqualTo(200);
    String processInstanceId = started.json().path("id").asText();
    Map<String, Object> row =
        jdbc.queryForMap(
            "select id, business_key from referral where process_instance_id = ?",
            processInstanceId);
    Referral referral = new Referral((UUID) row.get("id"), (String) row.get("business_key"));
    pathway.runJobs(referral);
    Completed start = new Completed(START_FORM, null, processInstanceId, "coordinator", answers);
    completed.add(start);
    assertLeftTheEngine(start);
    return referral;
  }

  /**
   * Claims the task for a member of its group and submits its form as Tasklist does, every field it shows
   * filled (the choices given, generated values otherwise), then checks that its answers left the engine.
   */
  private Completed complete(
      Referral referral, String taskKey, String user, Map<String, Object> choices) {
    Task task = pathway.task(referral, taskKey);
    String formId = formService.getTaskFormData(task.getId()).getCamundaFormRef().getKey();
    FormContract form = contract(formId);
    Map<String, Object> context = new LinkedHashMap<>(taskService.getVariables(task.getId()));
    Map<String, Object> answers = new LinkedHashMap<>();
    for (FormField field : form.fields()) {
      Object value = choices.getOrDefault(field.key(), generated(formId, field));
      context.put(field.key(), value);
      answers.put(field.key(), value);
    }
    form.fields().stream()
        .filter(field -> hidden(field, context))
        .forEach(field -> answers.remove(field.key()));

    HttpCalls calls = HttpCalls.to(port).as(user, "demo");
    HttpCalls.Response claimed =
        calls.postJson(
            "/engine-rest/task/" + task.getId() + "/claim", "{\"userId\": \"" + user + "\"}");
    assertThat(claimed.status()).as(claimed.body()).isEqualTo(204);
    HttpCalls.Response submitted =
        calls.postJson("/engine-rest/task/" + task.getId() + "/submit-form", body(answers));
    assertThat(submitted.status()).as(formId + ": " + submitted.body()).isEqualTo(204);
    pathway.runJobs(referral);

    Completed done =
        new Completed(formId, task.getId(), task.getProcessInstanceId(), user, answers);
    completed.add(done);
    assertLeftTheEngine(done);
    return done;
  }

  /** Posts the result of every order still waiting for one, until the task is open. */
  private void reportOrdersUntil(Referral referral, String taskKey) {
    for (int round = 0; round < 10 && !pathway.openTaskKeys(referral).contains(taskKey); round++) {
      for (ExamOrder order : pathway.orders(referral)) {
        if (!order.hasResult()) {
          assertThat(pathway.postResult(order.id()).status()).isEqualTo(200);
        }
      }
      pathway.runJobs(referral);
    }
    assertThat(pathway.openTaskKeys(referral)).as("open tasks").contains(taskKey);
  }

  // ------------------------------------------------------------------------------------------ the
  // checks

  private void assertLeftTheEngine(Completed done) {
    FormContract form = contract(done.form());
    Set<String> recordedByAFeatureTable = new HashSet<>();
    featureRecorders.forEach(
        recorder -> recordedByAFeatureTable.addAll(recorder.recordedAnswers()));
    for (FormField field : form.fields()) {
      String where = done.form() + "." + field.key();
      if (field.keptInProcess()) {
        Object answer = done.answers().get(field.key());
        if (answer != null) {
          assertThat(variableRows("act_hi_varinst", done.processInstanceId(), field.key()))
              .as(where + ": a routing fact stays in the history")
              .isPositive();
        }
        if (answer instanceof String) {
          // The submitted form's own trace (ACT_HI_DETAIL, type FormProperty, written for a text
          // value): there for a routing fact, so its absence for a clinical answer is the filter's.
          assertThat(
                  jdbc.queryForObject(
                      "select count(*) from act_hi_detail where proc_inst_id_ = ? and name_ = ?"
                          + " and type_ = 'FormProperty'",
                      Integer.class,
                      done.processInstanceId(),
                      field.key()))
              .as(where + ": its form property in the history")
              .isPositive();
        }
        continue;
      }
      for (String table : List.of("act_ru_variable", "act_hi_varinst", "act_hi_detail")) {
        assertThat(variableRows(table, done.processInstanceId(), field.key()))
            .as(where + " in " + table)
            .isZero();
      }
    }
    for (Map.Entry<String, Object> answer : done.answers().entrySet()) {
      String where = done.form() + "." + answer.getKey();
      FormField field = field(form, answer.getKey());
      // A patterned text (the start form's birth date) is stored typed, not as written: checked
      // by name above.
      if (field.kind() == FormField.Kind.TEXT && field.pattern() == null) {
        String text = (String) answer.getValue();
        assertThat(engineRowsHolding(text)).as(where + ": its text in the engine").isEmpty();
        assertThat(ourRowsHolding(text)).as(where + ": its text in our tables").isNotEmpty();
      }
      if (done.taskId() == null) {
        continue; // the start form: the intake's tables (patient, referral), found by value above
      }
      List<Map<String, Object>> rows =
          jdbc.queryForList(
              "select label, answer, answered_by, referral_id from task_answer where task_id = ? and field_key = ?",
              done.taskId(),
              answer.getKey());
      if (recordedByAFeatureTable.contains(answer.getKey())) {
        assertThat(rows).as(where + ": recorded by its feature table, not copied").isEmpty();
      } else {
        assertThat(rows).as(where + " in task_answer").hasSize(1);
        assertThat(rows.get(0))
            .containsEntry("answer", field.asText(answer.getValue()))
            .containsEntry("label", field.label())
            .containsEntry("answered_by", done.user());
        assertThat(rows.get(0).get("referral_id")).as(where + ": its referral").isNotNull();
      }
    }
  }

  private int variableRows(String table, String processInstanceId, String name) {
    return jdbc.queryForObject(
        "select count(*) from " + table + " where proc_inst_id_ = ? and name_ = ?",
        Integer.class,
        processInstanceId,
        name);
  }

  /** Where the engine holds that text: variables, history, byte arrays (JSON, long texts), operation log. */
  private List<String> engineRowsHolding(String text) {
    String like = "%" + text + "%";
    List<String> found = new ArrayList<>();
    for (String table : List.of("act_ru_variable", "act_hi_varinst", "act_hi_detail")) {
      found.addAll(
          jdbc.queryForList(
              "select '"
                  + table
                  + ".' || name_ from "
                  + table
                  + " where text_ like ? or text2_ like ?",
              String.class,
              like,
              like));
    }
    found.addAll(
        jdbc.queryForList(
            "select 'act_ge_bytearray.' || name_ from act_ge_bytearray"
                + " where position(convert_to(?, 'UTF8') in bytes_) > 0",
            String.class,
            text));
    found.addAll(
        jdbc.queryForList(
            "select 'act_hi_op_log.' || property_ from act_hi_op_log where new_value_ like ? or org_value_ like ?",
            String.class,
            like,
            like));
    return found;
  }

  /** Our tables (every table but the engine's and Flyway's) whose rows hold that text. */
  private List<String> ourRowsHolding(String text) {
    List<String> tables =
        jdbc.queryForList(
            """
        select table_name from information_schema.tables
        where table_schema = current_schema() and table_type = 'BASE TABLE'
          and table_name not like 'act\\_%' and table_name <> 'flyway_schema_history'
        """,
            String.class);
    List<String> found = new ArrayList<>();
    for (String table : tables) {
      Integer rows =
          jdbc.queryForObject(
              "select count(*) from \"" + table + "\" t where t::text like ?",
              Integer.class,
              "%" + text + "%");
      if (rows > 0) {
        found.add(table);
      }
    }
    return found;
  }

  // ------------------------------------------------------------------------------------------
  // answers

  /** A valid answer for the field, as Tasklist submits it; every text unique, to be found by value. */
  private Object generated(String form, FormField field) {
    return switch (field.kind()) {
      case TEXT -> marker(form, field.key());
      case NUMBER -> number(field);
      case BOOLEAN -> true;
      case CHOICE -> field.allowedValues().get(0);
      case CHOICES -> List.copyOf(field.allowedValues());
      case LISTED_IDS -> PathwayDriver.QUORUM;
    };
  }

  private static String marker(String form, String key) {
    return "Texte clinique "
        + form
        + " "
        + key
        + " "
        + UUID.randomUUID().toString().substring(0, 8);
  }

  private double number(FormField field) {
    BigDecimal low = field.min() == null ? BigDecimal.ONE : field.min().max(BigDecimal.ONE);
    BigDecimal value = low.add(new BigDecimal("7.3")).add(BigDecimal.valueOf(numbers++));
    if (field.max() != null && value.compareTo(field.max()) > 0) {
      value = field.max();
    }
    return field.decimalDigits() != null && field.decimalDigits() == 0
        ? value.intValue()
        : value.doubleValue();
  }

  private static boolean hidden(FormField field, Map<String, Object> context) {
    if (field.hideWhen() == null) {
      return false;
    }
    Matcher condition = HIDE_UNLESS.matcher(field.hideWhen());
    assertThat(condition.matches())
        .as("hide condition of " + field.key() + " has a known shape")
        .isTrue();
    return !condition.group(2).equals(String.valueOf(context.get(condition.group(1))));
  }

  /** Typed variables, as Tasklist sends them (a checklist as Json). */
  private static String body(Map<String, Object> answers) {
    return FormSubmission.body(answers);
  }

  private static FormField field(FormContract form, String key) {
    return form.fields().stream()
        .filter(field -> field.key().equals(key))
        .findFirst()
        .orElseThrow();
  }

  private static Set<String> allForms() {
    try (Stream<Path> files = Files.list(FORMS)) {
      return files
          .map(file -> file.getFileName().toString())
          .filter(name -> name.endsWith(".form"))
          .map(name -> name.replace(".form", ""))
          .collect(Collectors.toCollection(TreeSet::new));
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

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

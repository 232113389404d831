package fr.sarcoma.referral.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.sarcoma.referral.orders.ExamOrder;
import fr.sarcoma.referral.orders.ExamOrderService;
import fr.sarcoma.referral.referral.ReferralRequest;
import fr.sarcoma.referral.referral.ReferralRequest.Depth;
import fr.sarcoma.referral.referral.ReferralRequest.Presentation;
import fr.sarcoma.referral.referral.ReferralRequest.PriorProcedure;
import fr.sarcoma.referral.referral.ReferralService;
import fr.sarcoma.referral.referral.Site;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Walks a referral through the pathway as the people and systems around it would: results come
 * back through the result API, tasks are claimed and completed by members of their group, and the
 * asynchronous continuations and timers run when the test says so (no job executor in tests).
 * A bean of the integration-test context ({@link PostgresIntegrationTest}); on another application
 * context, {@link #on} (the test runs the jobs) or {@link #withJobExecutor} (the engine's job executor
 * runs them, as in production).
 */
public class PathwayDriver {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** How long the driver waits for a job executor to run the due jobs before it calls them stuck. */
  private static final Duration JOB_EXECUTOR_PATIENCE = Duration.ofMinutes(2);

  private final ReferralService referrals;
  private final ExamOrderService orders;
  private final RuntimeService runtimeService;
  private final TaskService taskService;
  private final ManagementService managementService;
  private final HistoryService historyService;
  private final FormService formService;
  private final JdbcTemplate jdbc;
  private final Environment environment;

  /** Set by {@link #withJobExecutor}: the engine's job executor runs the jobs, the driver waits for it. */
  private boolean jobExecutorRuns;

  PathwayDriver(
      ReferralService referrals,
      ExamOrderService orders,
      RuntimeService runtimeService,
      TaskService taskService,
      ManagementService managementService,
      HistoryService historyService,
      FormService formService,
      JdbcTemplate jdbc,
      Environment environment) {
    this.referrals = referrals;
    this.orders = orders;
    this.runtimeService = runtimeService;
    this.taskService = taskService;
    this.managementService = managementService;
    this.historyService = historyService;
    this.formService = formService;
    this.jdbc = jdbc;
    this.environment = environment;
  }

  /** A driver on that application context (its job executor off): the test runs the jobs, as here. */
  public static PathwayDriver on(ApplicationContext context) {
    return of(context, false);
  }

  /**
   * A driver on that application context whose job executor runs the jobs: where this driver would run them, it
   * waits until the referral has no due job left, and fails on a job that failed.
   */
  public static PathwayDriver withJobExecutor(ApplicationContext context) {
    return of(context, true);
  }

  private static PathwayDriver of(ApplicationContext context, boolean jobExecutorRuns) {
    PathwayDriver driver =
        new PathwayDriver(
            context.getBean(ReferralService.class),
            context.getBean(ExamOrderService.class),
            context.getBean(RuntimeService.class),
            context.getBean(TaskService.class),
            context.getBean(ManagementService.class),
            context.getBean(HistoryService.class),
            context.getBean(FormService.class),
            context.getBean(JdbcTemplate.class),
            context.getEnvironment());
    driver.jobExecutorRuns = jobExecutorRuns;
    return driver;
  }

  /** A referral in one step, as the intake API registers it, with its first asynchronous steps run. */
  public Referral refer(
      Site site, Presentation presentation, Double sizeCm, Depth depth, PriorProcedure prior) {
    Referral referral = register(site, presentation, sizeCm, depth, prior);
    runJobs(referral);
    return referral;
  }

  /** A referral as the intake API registers it; its asynchronous steps wait for the test. */
  public Referral register(
      Site site, Presentation presentation, Double sizeCm, Depth depth, PriorProcedure prior) {
    ReferralService.Registered registered =
        referrals.register(
            new ReferralRequest(
                null,
                "IPP-" + UUID.randomUUID().toString().substring(0, 8),
                "Patient Test",
                LocalDate.of(1970, 1, 1),
                "FEMALE",
                "Dr Adresseur",
                presentation.name(),
                site.name(),
                "cuisse",
                sizeCm == null ? null : BigDecimal.valueOf(sizeCm),
                depth.name(),
                prior.name(),
                null));
    return new Referral(registered.id(), registered.businessKey());
  }

  public record Referral(UUID id, String businessKey) {}

  /** The due jobs of the referral and its orders. */
  public List<Job> dueJobs(Referral referral) {
    return instanceIds(referral).stream()
        .flatMap(
            id ->
                managementService
                    .createJobQuery()
                    .processInstanceId(id)
                    .executable()
                    .list()
                    .stream())
        .toList();
  }

  /** Every job of the referral and its orders, due or not (a failed job waits for its retry). */
  public List<Job> jobs(Referral referral) {
    return instanceIds(referral).stream()
        .flatMap(id -> managementService.createJobQuery().processInstanceId(id).list().stream())
        .toList();
  }

  /**
   * Runs every due job (async continuations, due timers) of the referral and its orders until none is left; with
   * a job executor ({@link #withJobExecutor}), waits until it has run them.
   */
  public void runJobs(Referral referral) {
    if (jobExecutorRuns) {
      awaitJobExecutor(referral);
      return;
    }
    for (int round = 0; round < 50; round++) {
      List<Job> jobs = dueJobs(referral);
      if (jobs.isEmpty()) {
        return;
      }
      jobs.forEach(job -> managementService.executeJob(job.getId()));
    }
    throw new AssertionError("Jobs of " + referral.businessKey() + " keep coming");
  }

  private void awaitJobExecutor(Referral referral) {
    long deadline = System.nanoTime() + JOB_EXECUTOR_PATIENCE.toNanos();
    List<Job> due = dueJobs(referral);
    while (!due.isEmpty()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "The job executor left due jobs of "
                + referral.businessKey()
                + ": "
                + due.stream().map(Job::getId).toList());
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("Interrupted while waiting for the job executor", e);
      }
      due = dueJobs(referral);
    }
    List<String> failures =
        jobs(referral).stream()
            .filter(job -> job.getExceptionMessage() != null)
            .map(job -> job.getId() + ": " + job.getExceptionMessage())
            .toList();
    if (!failures.isEmpty()) {
      throw new AssertionError("Jobs of " + referral.businessKey() + " failed: " + failures);
    }
  }

  /** Fires a timer now, whatever its due date (the MDT session, an SLA). */
  public void fireTimer(Referral referral, String activityId) {
    List<Job> timers =
        instanceIds(referral).stream()
            .flatMap(
                id ->
                    managementService
                        .createJobQuery()
                        .processInstanceId(id)
                        .activityId(activityId)
                        .timers()
                        .list()
                        .stream())
            .toList();
    assertThat(timers).as("timer " + activityId).hasSize(1);
    Job timer = timers.get(0);
    managementService.executeJob(timer.getId());
    runJobs(referral);
  }

  /** The referral's process instances: the pathway and its orders (they share the business key). */
  private List<String> instanceIds(Referral referral) {
    return runtimeService
        .createProcessInstanceQuery()
        .processInstanceBusinessKey(referral.businessKey())
        .list()
        .stream()
        .map(ProcessInstance::getId)
        .toList();
  }

  /** The referral's order of that modality still waiting for its result. */
  public ExamOrder placedOrder(Referral referral, String modality) {
    List<ExamOrder> placed =
        orders.ofReferral(referral.id()).stream()
            .filter(order -> order.modality().name().equals(modality) && !order.hasResult())
            .toList();
    assertThat(placed).as("open " + modality + " order").hasSize(1);
    return placed.get(0);
  }

  /** A result posted through the result API by the department that reads it (pathology for a biopsy). */
  public HttpCalls.Response postResult(UUID orderId) {
    return postResult(orderId, readerOf(orderId));
  }

  /** A result posted through the result API by that user. */
  public HttpCalls.Response postResult(UUID orderId, String user) {
    return HttpCalls.to(environment.getRequiredProperty("local.server.port", Integer.class))
        .as(user, "demo")
        .postJson(
            "/api/orders/" + orderId + "/result",
            "{\"conclusion\":\"Compte rendu disponible\",\"reportText\":\"Voir compte rendu\",\"performedOn\":\""
                + LocalDate.now()
                + "\"}");
  }

  /** The demo user who reads that order's result: the pathologist for a biopsy, the radiologist otherwise. */
  public String readerOf(UUID orderId) {
    return orders.find(orderId).filter(ExamOrder::isBiopsy).isPresent()
        ? "pathologist"
        : "radiologist";
  }

  public void reportExam(Referral referral, String modality) {
    assertThat(postResult(placedOrder(referral, modality).id()).status()).isEqualTo(200);
    runJobs(referral);
  }

  /** A result of that modality with its own conclusion and report, performed today, posted by its reader. */
  public void reportExam(Referral referral, String modality, String conclusion, String report) {
    UUID orderId = placedOrder(referral, modality).id();
    ObjectNode result =
        JSON.createObjectNode()
            .put("conclusion", conclusion)
            .put("reportText", report)
            .put("performedOn", LocalDate.now().toString());
    assertThat(
            HttpCalls.to(environment.getRequiredProperty("local.server.port", Integer.class))
                .as(readerOf(orderId), "demo")
                .postJson("/api/orders/" + orderId + "/result", result.toString())
                .status())
        .isEqualTo(200);
    runJobs(referral);
  }

  public Task task(Referral referral, String taskKey) {
    Task task =
        taskService
            .createTaskQuery()
            .processInstanceBusinessKey(referral.businessKey())
            .taskDefinitionKey(taskKey)
            .singleResult();
    assertThat(task).as("open task " + taskKey).isNotNull();
    return task;
  }

  /** Claims the task for a user of its group and completes it with the form's answers; its form must be deployed. */
  public void complete(
      Referral referral, String taskKey, String user, Map<String, Object> answers) {
    Task task = task(referral, taskKey);
    try (InputStream form = formService.getDeployedTaskForm(task.getId())) {
      assertThat(new String(form.readAllBytes(), StandardCharsets.UTF_8))
          .contains("\"type\": \"default\"");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    taskService.claim(task.getId(), user);
    taskService.complete(task.getId(), new HashMap<>(answers));
    runJobs(referral);
  }

  public List<String> openTaskKeys(Referral referral) {
    return taskService
        .createTaskQuery()
        .processInstanceBusinessKey(referral.businessKey())
        .list()
        .stream()
        .map(Task::getTaskDefinitionKey)
        .toList();
  }

  public boolean passed(Referral referral, String activityId) {
    return historyService
            .createHistoricActivityInstanceQuery()
            .processInstanceId(mainProcessInstanceId(referral))
            .activityId(activityId)
            .count()
        > 0;
  }

  public String mainProcessInstanceId(Referral referral) {
    return jdbc.queryForObject(
        "select process_instance_id from referral where id = ?", String.class, referral.id());
  }

  public boolean isEnded(Referral referral) {
    ProcessInstance instance =
        runtimeService
            .createProcessInstanceQuery()
            .processInstanceId(mainProcessInstanceId(referral))
            .singleResult();
    return instance == null;
  }

  public String outcome(Referral referral) {
    return jdbc.queryForObject(
        "select outcome from referral where id = ?", String.class, referral.id());
  }

  public List<ExamOrder> orders(Referral referral) {
    return orders.ofReferral(referral.id());
  }

  /** The referral's only order of that modality, whatever its status. */
  public ExamOrder placedOrCompleted(Referral referral, String modality) {
    List<ExamOrder> matching =
        orders(referral).stream()
            .filter(order -> order.modality().name().equals(modality))
            .toList();
    assertThat(matching).as(modality + " order").hasSize(1);
    return matching.get(0);
  }

  public List<String> orderedModalities(Referral referral) {
    return orders.ofReferral(referral.id()).stream().map(order -> order.modality().name()).toList();
  }

  public List<String> letters(Referral referral) {
    return jdbc.queryForList(
        "select kind from letter where referral_id = ? order by created_at",
        String.class,
        referral.id());
  }

  public String letterBody(Referral referral, String kind) {
    return jdbc.queryForObject(
        "select body from letter where referral_id = ? and kind = ?",
        String.class,
        referral.id(),
        kind);
  }

  /** A referral whose work-up is done and whose MDT case is prepared: it waits for its session. */
  public Referral awaitingMdtSession(Site site) {
    Referral referral = preparingMdtCase(site);
    complete(referral, "Task_PrepareMdtCase", "coordinator", mdtCase(false));
    return referral;
  }

  /** A referral registered for an MDT session, its case being prepared (Task_PrepareMdtCase open). */
  public Referral preparingMdtCase(Site site) {
    Referral referral =
        refer(site, Presentation.SWELLING_OR_PAIN, 9.0, Depth.DEEP, PriorProcedure.NONE);
    reportExam(referral, site == Site.BONE ? "XRAY" : "ULTRASOUND");
    complete(
        referral,
        "Task_ClassifyInitialImaging",
        "radiologist",
        classification("AGGRESSIVE", false));
    reportExam(referral, "MRI");
    complete(
        referral,
        "Task_ReportCharacterisation",
        "radiologist",
        characterisation("AGGRESSIVE", true, "LYTIC", "OTHER", false));
    reportExam(referral, "CHEST_CT");
    if (site == Site.BONE) {
      reportExam(referral, "FDG_PET");
    }
    assertThat(openTaskKeys(referral)).containsExactly("Task_PrepareMdtCase");
    return referral;
  }

  /** A referral at its MDT session, the decision task open. */
  public Referral atMdtSession(Site site) {
    Referral referral = awaitingMdtSession(site);
    fireTimer(referral, "TimerEvent_MdtSession");
    assertThat(openTaskKeys(referral)).containsExactly("Task_RecordMdtDecision");
    return referral;
  }

  /** The due date of a waiting timer of the referral's pathway. */
  public java.util.Date timerDue(Referral referral, String activityId) {
    return managementService
        .createJobQuery()
        .processInstanceId(mainProcessInstanceId(referral))
        .activityId(activityId)
        .timers()
        .singleResult()
        .getDuedate();
  }

  // Answers of the forms, as Tasklist submits them.

  public static Map<String, Object> classification(String conclusion, boolean concernPersists) {
    return Map.of("imagingConclusion", conclusion, "clinicalConcernPersists", concernPersists);
  }

  public static Map<String, Object> characterisation(
      String conclusion,
      boolean mdtNeeded,
      String pattern,
      String suspectedType,
      boolean petRequested) {
    Map<String, Object> answers = new HashMap<>();
    answers.put("sizeLongAxisCm", 8.2);
    answers.put("sizePerpendicularCm", 6.1);
    answers.put("sizeCraniocaudalCm", 11.0);
    answers.put("distanceToJointLineMm", 45);
    answers.put("relations", "Au contact du paquet vasculo-nerveux fémoral, sans envahissement");
    answers.put("aggressiveSigns", List.of("OSTEOLYSIS", "PERIOSTEAL_REACTION"));
    answers.put("biopsyTargetZone", "Portion charnue antéro-latérale, rehaussée");
    answers.put("skipMetastasis", "NO");
    answers.put("lesionPattern", pattern);
    answers.put("suspectedType", suspectedType);
    answers.put("petRequested", petRequested);
    answers.put("hypotheses", "Tumeur conjonctive maligne à évoquer en premier lieu");
    answers.put("characterisationConclusion", conclusion);
    answers.put("mdtNeeded", mdtNeeded);
    return answers;
  }

  public static Map<String, Object> mdtCase(boolean fixationDeferred) {
    return Map.of(
        "mdtQuestion", "Biopsie ? Quelle voie d'abord ?", "fixationDeferred", fixationDeferred);
  }

  /**
   * Task_RecordMdtDecision's answers: the fiche RCP with {@code participants} (demo user ids) chosen by name; the
   * guideline followed and conformed to, no trial, the referring physician informs the patient.
   */
  public static Map<String, Object> decision(String outcome, List<String> participants) {
    Map<String, Object> answers = new HashMap<>();
    answers.put("participants", participants);
    answers.put("mdtOutcome", outcome);
    answers.put("decisionRationale", "Discussion collégiale");
    answers.put("guideline", "Référentiel ONCOLOR 2019 : sarcomes des tissus mous et des os");
    answers.put("guidelineConform", "YES");
    answers.put("clinicalTrialConsidered", "NO");
    answers.put("patientInformedBy", "Le médecin adresseur, en consultation");
    answers.put("chairValidation", true);
    if ("BIOPSY".equals(outcome)) {
      answers.put("biopsyTechnique", "PERCUTANEOUS_CORE_NEEDLE");
      answers.put("biopsyTargetZone", "Portion charnue antéro-latérale");
      answers.put("biopsyCentre", "Centre de référence sarcomes");
    }
    return answers;
  }

  /** M2: demo users who are a surgeon, a radiologist and a pathologist (seeds/demo/users.json). */
  public static final List<String> QUORUM = List.of("surgeon", "radiologist", "pathologist");

  public static Map<String, Object> approach(boolean operatingSurgeon) {
    return Map.of(
        "operatingSurgeon",
        operatingSurgeon,
        "biopsyApproach",
        "Voie antéro-latérale, trajet inclus dans la future voie d'exérèse",
        "biopsyTechnique",
        "PERCUTANEOUS_CORE_NEEDLE");
  }
}

package fr.sarcoma.referral.pathway.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The fast process tests' common ground: both models, the three decision tables and the forms deployed on the
 * in-memory engine of {@code process-test.camunda.cfg.xml} (H2, history full, no job executor) through
 * {@link ProcessEngineExtension}, every bean the models name registered as a fake ({@link Mocks}), and the moves a
 * test makes: start a referral (or start it before an element), run the due asynchronous continuations, report an
 * order's exam, complete a task.
 */
abstract class ProcessEngineTestSupport {

  /**
   * Deployed once for the whole run (not per test with {@code @Deployment}): parsing them for every test doubled the
   * run time. Each test starts its own instances; every instance left is deleted after it.
   */
  static final String[] RESOURCES = {
    "bpmn/SarcomaReferralProcess.bpmn",
    "bpmn/ExamOrderProcess.bpmn",
    "bpmn/Triage.dmn",
    "bpmn/LesionNature.dmn",
    "bpmn/ExtensionWorkup.dmn",
    "bpmn/forms/AgreeBiopsyApproach.form",
    "bpmn/forms/CharacterisationReport.form",
    "bpmn/forms/ClassifyInitialImaging.form",
    "bpmn/forms/EnterExamReport.form",
    "bpmn/forms/HandleOverdueExam.form",
    "bpmn/forms/HandleRejectedOrder.form",
    "bpmn/forms/PrepareMdtCase.form",
    "bpmn/forms/RecordMdtDecision.form",
    "bpmn/forms/ResolveBiopsyGateRefusal.form",
    "bpmn/forms/ReviewBiopsyResult.form",
    "bpmn/forms/ReviewRefusedBiopsyOrder.form",
    "bpmn/forms/ScheduleExam.form",
    "bpmn/forms/StartReferral.form"
  };

  private static boolean deployed;

  static final String PATHWAY = "SarcomaReferralProcess";
  static final String EXAM_ORDER = "ExamOrderProcess";
  static final String REFERRAL_NUMBER = "SARC-2026-000001";

  /** The beans whose work lies outside the model: recorded, never routed on. */
  static final List<String> RECORDED_BEANS =
      List.of(
          "milestoneListener",
          "triageRecordedListener",
          "clearPreviousAnswersListener",
          "closeReferralListener",
          "sendOutcomeLetterDelegate",
          "requestPriorProcedureMaterialDelegate",
          "sendMdtDecisionLetterDelegate",
          "sendDiagnosisLetterDelegate",
          "recordPathologyDiagnosisListener",
          "recordCharacterisationReportListener",
          "prepareMdtCaseListener",
          "participantChoicesListener",
          "recordMdtDecisionListener",
          "recordBiopsyApproachListener",
          "examTaskNameListener",
          "scheduleExamListener",
          "enterExamReportListener");

  /**
   * An instance field: one extension per test, over the one engine TestHelper caches per configuration file. A static
   * field in this base class would be one extension for every subclass, and the extension clears its services after
   * each class.
   */
  @RegisterExtension
  final ProcessEngineExtension engineExtension =
      ProcessEngineExtension.builder()
          .configurationResource("process-test.camunda.cfg.xml")
          .build();

  final FakeOrderSystem orders = new FakeOrderSystem();
  final FakeMdtCalendar mdtCalendar = new FakeMdtCalendar();
  final CallLog calls = new CallLog();
  RuntimeService runtimeService;
  ManagementService managementService;

  @BeforeEach
  void registerBeans() {
    ProcessEngine engine = engineExtension.getProcessEngine();
    BpmnAwareTests.init(engine);
    runtimeService = engine.getRuntimeService();
    managementService = engine.getManagementService();
    if (!deployed) {
      DeploymentBuilder deployment =
          engine.getRepositoryService().createDeployment().name("process-tests");
      for (String resource : RESOURCES) {
        deployment.addClasspathResource(resource);
      }
      deployment.deploy();
      deployed = true;
    }
    Mocks.register("placeOrderDelegate", orders.placeOrderDelegate());
    Mocks.register("sendOrderDelegate", orders.sendOrderDelegate());
    Mocks.register("examReports", orders);
    Mocks.register(
        "handleRejectedOrderListener",
        orders.handleRejectedOrderListener(calls.recorder("handleRejectedOrderListener")));
    Mocks.register("registerForMdtDelegate", mdtCalendar.registerForMdtDelegate());
    Mocks.register("rollOverMdtCaseDelegate", mdtCalendar.rollOverMdtCaseDelegate());
    Mocks.register("serviceLevels", new FakeServiceLevels());
    RECORDED_BEANS.forEach(name -> Mocks.register(name, calls.recorder(name)));
  }

  @AfterEach
  void resetBeans() {
    runtimeService
        .createProcessInstanceQuery()
        .list()
        .forEach(
            instance ->
                runtimeService.deleteProcessInstanceIfExists(
                    instance.getId(), "test over", true, true, true, false));
    Mocks.reset();
    BpmnAwareTests.reset();
  }

  /** A referral as the intake registers it (routing facts only), its first asynchronous steps run. */
  ProcessInstance refer(
      String site, String presentation, Double sizeCm, String depth, String priorProcedure) {
    ProcessInstance pathway = register(site, presentation, sizeCm, depth, priorProcedure);
    runJobs();
    return pathway;
  }

  /** A referral as the intake registers it; its asynchronous steps wait for the test. */
  ProcessInstance register(
      String site, String presentation, Double sizeCm, String depth, String priorProcedure) {
    Map<String, Object> variables = referralVariables();
    variables.put("site", site);
    variables.put("presentation", presentation);
    variables.put("largestDimensionCm", sizeCm);
    variables.put("depth", depth);
    variables.put("priorProcedure", priorProcedure);
    return runtimeService.startProcessInstanceByKey(PATHWAY, REFERRAL_NUMBER, variables);
  }

  /** The pathway started right before one element, with the variables the steps before it would have left. */
  ProcessInstance startBefore(String activityId, Map<String, Object> variables) {
    Map<String, Object> all = referralVariables();
    all.putAll(variables);
    ProcessInstance pathway =
        runtimeService
            .createProcessInstanceByKey(PATHWAY)
            .businessKey(REFERRAL_NUMBER)
            .setVariables(all)
            .startBeforeActivity(activityId)
            .execute();
    runJobs();
    return pathway;
  }

  static Map<String, Object> referralVariables() {
    Map<String, Object> variables = new HashMap<>();
    variables.put("referralId", UUID.randomUUID().toString());
    variables.put("referralNumber", REFERRAL_NUMBER);
    return variables;
  }

  /** Decision_Triage's result as the business rule task leaves it (for a start after triage). */
  static Map<String, Object> triage(String route, String urgency, String priorProcedure) {
    Map<String, Object> triage = new HashMap<>();
    triage.put("route", route);
    triage.put("urgency", urgency);
    triage.put("initialImaging", "BONE".equals(route) ? "XRAY" : "ULTRASOUND");
    triage.put("imagingBeforeAnyProcedure", true);
    triage.put(
        "firstStep",
        "EXCISION".equals(priorProcedure) ? "OPERATIVE_BED_WORKUP" : "INITIAL_IMAGING");
    triage.put("priorProcedureReview", !"NONE".equals(priorProcedure));
    return triage;
  }

  /** Runs every due job (asynchronous continuations; timers only once due) until none is left. */
  void runJobs() {
    for (int round = 0; round < 50; round++) {
      List<Job> due = managementService.createJobQuery().executable().list();
      if (due.isEmpty()) {
        return;
      }
      due.forEach(job -> managementService.executeJob(job.getId()));
    }
    throw new AssertionError("jobs keep coming");
  }

  /** Fires the timer of that element now, whatever its due date, then runs what follows. */
  void fireTimer(ProcessInstance instance, String activityId) {
    Job timer =
        managementService
            .createJobQuery()
            .processInstanceId(instance.getId())
            .activityId(activityId)
            .timers()
            .singleResult();
    assertThat(timer).as("timer of %s", activityId).isNotNull();
    managementService.executeJob(timer.getId());
    runJobs();
  }

  /** The pathway's order of that modality still running (ExamOrderProcess called by the pathway). */
  ProcessInstance openOrder(ProcessInstance pathway, String modality) {
    List<ProcessInstance> open =
        runtimeService
            .createProcessInstanceQuery()
            .processDefinitionKey(EXAM_ORDER)
            .superProcessInstanceId(pathway.getId())
            .variableValueEquals("modality", modality)
            .list();
    assertThat(open).as("open %s order of the pathway", modality).hasSize(1);
    return open.get(0);
  }

  /** The modalities of the pathway's orders still running. */
  List<String> openOrderModalities(ProcessInstance pathway) {
    return runtimeService
        .createProcessInstanceQuery()
        .processDefinitionKey(EXAM_ORDER)
        .superProcessInstanceId(pathway.getId())
        .list()
        .stream()
        .map(order -> (String) runtimeService.getVariable(order.getId(), "modality"))
        .sorted()
        .toList();
  }

  /** The report of the pathway's open order of that modality arrives (Msg_ExamReportReceived, by orderId). */
  void reportExam(ProcessInstance pathway, String modality) {
    ProcessInstance order = openOrder(pathway, modality);
    BpmnAwareTests.assertThat(order).isWaitingAt("ReceiveTask_AwaitReport");
    reportArrives(order);
  }

  void reportArrives(ProcessInstance order) {
    runtimeService
        .createMessageCorrelation("Msg_ExamReportReceived")
        .processInstanceVariableEquals(
            "orderId", runtimeService.getVariable(order.getId(), "orderId"))
        .correlate();
    runJobs();
  }

  /** The order handled by hand is booked through the API (Msg_ExamScheduled, by orderId). */
  void bookedThroughTheApi(ProcessInstance order) {
    runtimeService
        .createMessageCorrelation("Msg_ExamScheduled")
        .processInstanceVariableEquals(
            "orderId", runtimeService.getVariable(order.getId(), "orderId"))
        .correlate();
    runJobs();
  }

  /** Completes the instance's open task with the form's answers, then runs what follows. */
  void complete(ProcessInstance instance, String taskKey, Map<String, Object> answers) {
    BpmnAwareTests.complete(task(taskKey, instance), answers);
    runJobs();
  }

  // The form answers the model routes on, as Tasklist submits them.

  static Map<String, Object> classification(String conclusion, boolean concernPersists) {
    return Map.of("imagingConclusion", conclusion, "clinicalConcernPersists", concernPersists);
  }

  static Map<String, Object> characterisation(
      String conclusion,
      boolean mdtNeeded,
      String pattern,
      String suspectedType,
      boolean petRequested) {
    return Map.of(
        "characterisationConclusion",
        conclusion,
        "mdtNeeded",
        mdtNeeded,
        "lesionPattern",
        pattern,
        "suspectedType",
        suspectedType,
        "petRequested",
        petRequested);
  }

  static Map<String, Object> mdtDecision(String outcome) {
    return Map.of(
        "mdtOutcome",
        outcome,
        "participants",
        new ArrayList<>(List.of("surgeon", "radiologist", "pathologist")));
  }
}

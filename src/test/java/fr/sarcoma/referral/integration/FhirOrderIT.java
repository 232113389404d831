package fr.sarcoma.referral.integration;

import static fr.sarcoma.referral.support.PathwayDriver.QUORUM;
import static fr.sarcoma.referral.support.PathwayDriver.approach;
import static fr.sarcoma.referral.support.PathwayDriver.characterisation;
import static fr.sarcoma.referral.support.PathwayDriver.classification;
import static fr.sarcoma.referral.support.PathwayDriver.decision;
import static fr.sarcoma.referral.support.PathwayDriver.mdtCase;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import fr.sarcoma.referral.integration.fhir.FhirValidation;
import fr.sarcoma.referral.integration.fhir.ServiceRequestMapper;
import fr.sarcoma.referral.orders.ExamOrder;
import fr.sarcoma.referral.orders.Modality;
import fr.sarcoma.referral.orders.OrderDispatcher;
import fr.sarcoma.referral.orders.OrderStatus;
import fr.sarcoma.referral.referral.ReferralRequest.Depth;
import fr.sarcoma.referral.referral.ReferralRequest.Presentation;
import fr.sarcoma.referral.referral.ReferralRequest.PriorProcedure;
import fr.sarcoma.referral.referral.Site;
import fr.sarcoma.referral.support.HttpCalls;
import fr.sarcoma.referral.support.PathwayDriver;
import fr.sarcoma.referral.support.PathwayDriver.Referral;
import fr.sarcoma.referral.support.PostgresContextInitializer;
import fr.sarcoma.referral.support.fhir.FhirTestServer;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.Page;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.AcquirableJobEntity;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Orders leave as FHIR R4 ServiceRequests to a real FHIR server running in the test, results come
 * back as DiagnosticReports, exactly once whatever fails in between. Its own application context
 * (the order system is configured), on the run's PostgreSQL database.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "camunda.bpm.job-execution.enabled=false",
      "sarcoma.orders.result-sweep-delay=PT1H",
      "sarcoma.demo.history-months=0",
      // A second engine in this JVM (the shared test context runs too): its own name, no webapps.
      "camunda.bpm.process-engine-name=fhirOrderIT",
      "spring.autoconfigure.exclude=org.camunda.bpm.spring.boot.starter.webapp.CamundaBpmWebappAutoConfiguration"
    })
@ActiveProfiles("demo")
@ContextConfiguration(initializers = PostgresContextInitializer.class)
@Import(PathwayDriver.class)
class FhirOrderIT {

  static final FhirTestServer RECEIVER = new FhirTestServer();

  @DynamicPropertySource
  static void orderSystem(DynamicPropertyRegistry registry) {
    registry.add("sarcoma.fhir.base-url", RECEIVER::baseUrl);
    // Short, so that a receiver that hangs is cut within seconds (issue 15); long enough for an
    // answer from this in-process receiver on a busy machine.
    registry.add("sarcoma.fhir.read-timeout", () -> "PT5S");
    registry.add("sarcoma.fhir.connect-timeout", () -> "PT2S");
  }

  /** ServiceTask_SendOrder's failedJobRetryTimeCycle: the delay before each retry. */
  static final List<Duration> RETRY_SCHEDULE =
      Stream.of("PT5S", "PT15S", "PT30S", "PT1M", "PT2M", "PT5M", "PT15M", "PT30M", "PT1H", "PT2H")
          .map(Duration::parse)
          .toList();

  /** The order's identifier system, written out: the header is compared with the specification's form. */
  static final String ORDER_SYSTEM = "https://sarcoma-network.example/fhir/sid/order";

  @Autowired PathwayDriver pathway;
  @Autowired OrderDispatcher dispatcher;
  @Autowired ManagementService managementService;
  @Autowired RuntimeService runtimeService;
  @Autowired ProcessEngine processEngine;
  @LocalServerPort int port;

  @BeforeEach
  void receiverUpAndEmpty() {
    RECEIVER.start();
    RECEIVER.reset();
  }

  /** Registers a referral and places its first order, stopping before the order is sent. */
  private Referral placedNotSent(Site site) {
    Referral referral =
        pathway.register(
            site, Presentation.SWELLING_OR_PAIN, 3.0, Depth.SUPERFICIAL, PriorProcedure.NONE);
    managementService.executeJob(single(pathway.dueJobs(referral)).getId());
    return referral;
  }

  private ServiceRequest received(UUID orderId) {
    List<ServiceRequest> matching =
        RECEIVER.serviceRequests().stream()
            .filter(
                request ->
                    request.getIdentifier().stream()
                        .anyMatch(
                            identifier ->
                                ServiceRequestMapper.ORDER_IDENTIFIER_SYSTEM.equals(
                                        identifier.getSystem())
                                    && orderId.toString().equals(identifier.getValue())))
            .toList();
    assertThat(matching).as("ServiceRequests at the receiver for order " + orderId).hasSize(1);
    return matching.get(0);
  }

  /** A DiagnosticReport sent by the department that reads the order (pathology for a biopsy, radiology otherwise). */
  private HttpCalls.Response diagnosticReport(UUID orderId, String conclusion) {
    return diagnosticReport(orderId, conclusion, pathway.readerOf(orderId));
  }

  private HttpCalls.Response diagnosticReport(UUID orderId, String conclusion, String sender) {
    return HttpCalls.to(port)
        .as(sender, "demo")
        .postFhir(
            "/fhir/DiagnosticReport",
            """
        {"resourceType": "DiagnosticReport", "status": "final",
         "basedOn": [{"identifier": {"system": "%s", "value": "%s"}}],
         "code": {"text": "Compte rendu d'imagerie"},
         "effectiveDateTime": "%s", "conclusion": "%s"}
        """
                .formatted(
                    ServiceRequestMapper.ORDER_IDENTIFIER_SYSTEM,
                    orderId,
                    LocalDate.now(),
                    conclusion));
  }

  private void reportViaFhir(Referral referral, String modality) {
    ExamOrder order = pathway.placedOrder(referral, modality);
    assertThat(diagnosticReport(order.id(), "Compte rendu " + modality).status()).isEqualTo(200);
    pathway.runJobs(referral);
  }

  @Test
  void everyOrderOfTheBiopsyPathArrivesOnceValidAndItsReportMovesTheProcessOn() {
    Referral referral =
        pathway.refer(
            Site.BONE, Presentation.SWELLING_OR_PAIN, null, Depth.UNKNOWN, PriorProcedure.NONE);
    reportViaFhir(referral, "XRAY");
    pathway.complete(
        referral,
        "Task_ClassifyInitialImaging",
        "radiologist",
        classification("AGGRESSIVE", false));
    reportViaFhir(referral, "MRI");
    pathway.complete(
        referral,
        "Task_ReportCharacterisation",
        "radiologist",
        characterisation("AGGRESSIVE", true, "CONDENSING", "OSTEOSARCOMA", false));
    reportViaFhir(referral, "CHEST_CT");
    reportViaFhir(referral, "FDG_PET");
    reportViaFhir(referral, "BONE_SCINTIGRAPHY");
    pathway.complete(referral, "Task_PrepareMdtCase", "coordinator", mdtCase(false));
    pathway.fireTimer(referral, "TimerEvent_MdtSession");
    pathway.complete(referral, "Task_RecordMdtDecision", "mdtchair", decision("BIOPSY", QUORUM));
    pathway.complete(referral, "Task_AgreeBiopsyApproach", "surgeon", approach(true));
    HttpCalls.Response fromRadiology =
        diagnosticReport(
            pathway.placedOrder(referral, "BIOPSY").id(), "Compte rendu BIOPSY", "radiologist");
    assertThat(fromRadiology.status()).as("a biopsy is read by pathology").isEqualTo(403);
    assertThat(fromRadiology.body()).contains("OperationOutcome", "forbidden", "pathologists");
    reportViaFhir(referral, "BIOPSY");

    assertThat(pathway.openTaskKeys(referral)).containsExactly("Task_ReviewBiopsyResult");
    List<ExamOrder> orders = pathway.orders(referral);
    assertThat(orders)
        .extracting(ExamOrder::modality)
        .containsExactlyInAnyOrder(
            Modality.XRAY,
            Modality.MRI,
            Modality.CHEST_CT,
            Modality.FDG_PET,
            Modality.BONE_SCINTIGRAPHY,
            Modality.BIOPSY);
    for (ExamOrder order : orders) {
      ServiceRequest request = received(order.id());
      assertThat(FhirValidation.errors(request))
          .as(order.modality() + " against the base R4 profiles")
          .isEmpty();
      assertThat(order.receiverReference())
          .isEqualTo(request.getIdElement().toUnqualifiedVersionless().getValue());
    }
    String biopsy =
        RECEIVER
            .fhirContext()
            .newJsonParser()
            .encodeResourceToString(received(pathway.placedOrCompleted(referral, "BIOPSY").id()));
    assertThat(biopsy)
        .contains("PERCUTANEOUS_CORE_NEEDLE", "Portion charnue antéro-latérale", "surgeon");
  }

  @Test
  void theInitialImagingOfOtherBranchesArrivesValidToo() {
    Referral softTissue =
        pathway.refer(
            Site.SOFT_TISSUE, Presentation.SWELLING_OR_PAIN, 6.0, Depth.DEEP, PriorProcedure.NONE);
    Referral fracture =
        pathway.refer(
            Site.BONE,
            Presentation.PATHOLOGICAL_FRACTURE,
            null,
            Depth.UNKNOWN,
            PriorProcedure.NONE);

    ServiceRequest ultrasound = received(pathway.placedOrder(softTissue, "ULTRASOUND").id());
    ServiceRequest xrayAndCt = received(pathway.placedOrder(fracture, "XRAY_AND_CT").id());

    assertThat(FhirValidation.errors(ultrasound)).isEmpty();
    assertThat(FhirValidation.errors(xrayAndCt)).isEmpty();
    assertThat(xrayAndCt.getPriority()).isEqualTo(ServiceRequest.ServiceRequestPriority.URGENT);
  }

  @Test
  void theConditionalCreateNamesTheOrderAsTheSpecificationWritesIt() {
    Referral referral =
        pathway.refer(
            Site.SOFT_TISSUE,
            Presentation.SWELLING_OR_PAIN,
            3.0,
            Depth.SUPERFICIAL,
            PriorProcedure.NONE);
    UUID orderId = pathway.placedOrder(referral, "ULTRASOUND").id();

    // FHIR R4 http.html#ccreate: the search parameters only, no base URL, no "ServiceRequest?".
    assertThat(RECEIVER.ifNoneExistHeaders())
        .containsExactly("identifier=" + ORDER_SYSTEM + "|" + orderId);
    JsonNode order = orderInView(referral, orderId);
    assertThat(order.path("status").asText()).isEqualTo("SENT");
    assertThat(order.path("sendAttempts").asInt()).isEqualTo(1);
    assertThat(order.has("lastSendError")).isFalse();
  }

  @Test
  void aRetryAfterALostResponseFindsTheOrderAtAStrictReceiverAndCreatesNoSecond() {
    Referral referral = placedNotSent(Site.SOFT_TISSUE);
    UUID orderId = pathway.placedOrder(referral, "ULTRASOUND").id();
    Job send = sendJob(referral);

    RECEIVER.loseNextResponse();
    try {
      assertThatThrownBy(() -> managementService.executeJob(send.getId()))
          .hasMessageContaining("délai de lecture de 5 s dépassé");
    } finally {
      RECEIVER.releaseHeld();
    }
    assertThat(RECEIVER.storedCount()).as("the first attempt did arrive").isEqualTo(1);
    managementService.executeJob(send.getId());

    assertThat(RECEIVER.createRequests()).isEqualTo(2);
    assertThat(RECEIVER.storedCount()).as("the retry created nothing").isEqualTo(1);
    String condition = "identifier=" + ORDER_SYSTEM + "|" + orderId;
    assertThat(RECEIVER.ifNoneExistHeaders()).containsExactly(condition, condition);
    ExamOrder sent = pathway.placedOrder(referral, "ULTRASOUND");
    assertThat(sent.status()).isEqualTo(OrderStatus.SENT);
    assertThat(sent.receiverReference())
        .isEqualTo(received(orderId).getIdElement().toUnqualifiedVersionless().getValue());
    assertThat(orderInView(referral, orderId).path("sendAttempts").asInt()).isEqualTo(2);
  }

  @Test
  void aReceiverThatHangsIsCutAtTheReadTimeoutAndTheAttemptIsRecorded() {
    Referral referral = placedNotSent(Site.SOFT_TISSUE);
    UUID orderId = pathway.placedOrder(referral, "ULTRASOUND").id();
    Job send = sendJob(referral);

    RECEIVER.hangNext();
    try {
      assertThatThrownBy(() -> managementService.executeJob(send.getId()))
          .hasMessageContaining("ne répond pas : délai de lecture de 5 s dépassé");
    } finally {
      RECEIVER.releaseHeld();
    }

    JsonNode failed = orderInView(referral, orderId);
    assertThat(failed.path("status").asText()).isEqualTo("PLACED");
    assertThat(failed.path("sendAttempts").asInt()).isEqualTo(1);
    assertThat(failed.path("lastSendError").asText())
        .contains("Le système de prescription", "délai de lecture de 5 s dépassé");
    assertThat(failed.path("lastSendAttemptAt").isTextual()).isTrue();
    assertThat(RECEIVER.storedCount()).isZero();

    managementService.executeJob(send.getId());

    assertThat(received(orderId)).isNotNull();
    JsonNode sent = orderInView(referral, orderId);
    assertThat(sent.path("status").asText()).isEqualTo("SENT");
    assertThat(sent.path("sendAttempts").asInt()).isEqualTo(2);
  }

  @Test
  void orderSendsComeAfterThePathwaysOtherJobsInTheJobExecutorsAcquisition() {
    Referral waiting = placedNotSent(Site.SOFT_TISSUE);
    Job send = sendJob(waiting);
    Referral registered =
        pathway.register(
            Site.SOFT_TISSUE,
            Presentation.SWELLING_OR_PAIN,
            3.0,
            Depth.SUPERFICIAL,
            PriorProcedure.NONE);
    Job pathwayJob = single(pathway.dueJobs(registered));
    assertThat(send.getPriority()).isLessThan(pathwayJob.getPriority());

    // The very query the job executor acquires with, one job at a time: while another job is due,
    // an order send is never the next one, so a receiver that hangs holds threads only when the
    // pathway has nothing waiting.
    ProcessEngineConfigurationImpl engine =
        (ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration();
    assertThat(engine.isJobExecutorAcquireByPriority()).isTrue();
    List<AcquirableJobEntity> next =
        engine
            .getCommandExecutorTxRequired()
            .execute(context -> context.getJobManager().findNextJobsToExecute(new Page(0, 1)));

    assertThat(next).hasSize(1);
    assertThat(next.get(0).getId()).isNotEqualTo(send.getId());
    assertThat(managementService.createJobQuery().jobId(next.get(0).getId()).singleResult())
        .satisfies(job -> assertThat(job.getPriority()).isEqualTo(pathwayJob.getPriority()));
  }

  @Test
  void aReceiverDownForSeveralAttemptsGetsExactlyOneServiceRequestOnceBack() {
    RECEIVER.stop();
    Referral referral = placedNotSent(Site.SOFT_TISSUE);
    UUID orderId = pathway.placedOrder(referral, "ULTRASOUND").id();
    Job send = sendJob(referral);

    int attempts = 0;
    while (managementService.createJobQuery().jobId(send.getId()).singleResult().getRetries() > 0) {
      long before = System.currentTimeMillis();
      assertThatThrownBy(() -> managementService.executeJob(send.getId()))
          .hasMessageContaining("ne répond pas");
      long after = System.currentTimeMillis();
      attempts++;

      // Each attempt and its error on the outbox entry, whatever the job's rollback, for the
      // coordinators to see while the job retries.
      JsonNode order = orderInView(referral, orderId);
      assertThat(order.path("status").asText()).isEqualTo("PLACED");
      assertThat(order.path("sendAttempts").asInt()).as("attempts recorded").isEqualTo(attempts);
      assertThat(order.path("lastSendError").asText())
          .contains("Le système de prescription", "ne répond pas");

      Job failed = managementService.createJobQuery().jobId(send.getId()).singleResult();
      if (failed.getRetries() > 0) {
        // Retried after the schedule's next delay, counted from the failure (between before and
        // after): 5 s first, then backing off.
        long retryAt = failed.getDuedate().getTime();
        assertThat(RETRY_SCHEDULE.get(attempts - 1).toMillis())
            .as("delay before retry " + attempts)
            .isBetween(retryAt - after, retryAt - before);
      }
    }
    assertThat(attempts)
        .as("the first try and its retries with backoff")
        .isEqualTo(RETRY_SCHEDULE.size() + 1);
    JsonNode exam =
        HttpCalls.to(port)
            .as("coordinator", "demo")
            .get("/api/referrals/" + referral.id() + "/file")
            .json()
            .path("exams")
            .get(0);
    assertThat(exam.path("sendAttempts").asInt()).isEqualTo(attempts);
    assertThat(exam.path("lastSendError").asText()).contains("ne répond pas");
    Incident incident =
        runtimeService
            .createIncidentQuery()
            .activityId("ServiceTask_SendOrder")
            .processInstanceId(send.getProcessInstanceId())
            .singleResult();
    assertThat(incident).as("an incident for Cockpit once the retries are spent").isNotNull();
    assertThat(incident.getIncidentMessage())
        .contains("Le système de prescription", "ne répond pas");

    RECEIVER.start();
    managementService.setJobRetries(send.getId(), 1);
    managementService.executeJob(send.getId());

    assertThat(received(orderId)).isNotNull();
    assertThat(RECEIVER.createRequests()).as("POSTs that reached the receiver").isEqualTo(1);
    assertThat(pathway.placedOrder(referral, "ULTRASOUND").status()).isEqualTo(OrderStatus.SENT);
    JsonNode sent = orderInView(referral, orderId);
    assertThat(sent.path("status").asText()).isEqualTo("SENT");
    assertThat(sent.path("sendAttempts").asInt()).isEqualTo(attempts + 1);
    assertThat(sent.path("lastSendError").asText())
        .as("why the order was late stays on record")
        .contains("ne répond pas");
  }

  @Test
  void aFailingReceiverIsRetriedAndKeepsOneServiceRequest() {
    RECEIVER.failNext(2, 503);
    Referral referral = placedNotSent(Site.SOFT_TISSUE);
    Job send = sendJob(referral);

    assertThatThrownBy(() -> managementService.executeJob(send.getId()))
        .hasMessageContaining("503");
    assertThatThrownBy(() -> managementService.executeJob(send.getId()))
        .hasMessageContaining("503");
    managementService.executeJob(send.getId());

    assertThat(RECEIVER.createRequests()).isEqualTo(3);
    assertThat(received(pathway.placedOrder(referral, "ULTRASOUND").id())).isNotNull();
  }

  @Test
  void anOrderTheReceiverRejectsGoesToACoordinatorWithItsReason() {
    RECEIVER.rejectNext(422, "Patient inconnu du système d'information");
    Referral referral =
        pathway.refer(
            Site.SOFT_TISSUE,
            Presentation.SWELLING_OR_PAIN,
            3.0,
            Depth.SUPERFICIAL,
            PriorProcedure.NONE);

    assertThat(pathway.openTaskKeys(referral)).containsExactly("Task_HandleRejectedOrder");
    ExamOrder order = pathway.placedOrder(referral, "ULTRASOUND");
    assertThat(order.status()).isEqualTo(OrderStatus.REJECTED);
    String examInstance = pathway.task(referral, "Task_HandleRejectedOrder").getProcessInstanceId();
    assertThat(runtimeService.getVariable(examInstance, "orderRejection").toString())
        .contains("422", "Patient inconnu du système d'information");

    pathway.complete(
        referral,
        "Task_HandleRejectedOrder",
        "coordinator",
        Map.of("rejectionAction", "RESEND", "rejectionNote", "IPP corrigé"));

    assertThat(received(order.id())).isNotNull();
    assertThat(pathway.placedOrder(referral, "ULTRASOUND").status()).isEqualTo(OrderStatus.SENT);
  }

  @Test
  void theSameDiagnosticReportTwiceHasOneEffect() {
    Referral referral =
        pathway.refer(
            Site.SOFT_TISSUE,
            Presentation.SWELLING_OR_PAIN,
            3.0,
            Depth.SUPERFICIAL,
            PriorProcedure.NONE);
    UUID orderId = pathway.placedOrder(referral, "ULTRASOUND").id();

    HttpCalls.Response first = diagnosticReport(orderId, "Lipome typique");
    HttpCalls.Response second = diagnosticReport(orderId, "Lipome typique");
    pathway.runJobs(referral);

    assertThat(first.status()).isEqualTo(200);
    assertThat(second.status()).isEqualTo(200);
    assertThat(second.body()).contains("déjà enregistré");
    assertThat(pathway.openTaskKeys(referral)).containsExactly("Task_ClassifyInitialImaging");
  }

  @Test
  void aDiagnosticReportBeforeTheProcessWaitsIsNotLost() {
    Referral referral = placedNotSent(Site.SOFT_TISSUE);
    UUID orderId = pathway.placedOrder(referral, "ULTRASOUND").id();

    assertThat(diagnosticReport(orderId, "Compte rendu arrivé avant l'envoi").status())
        .isEqualTo(200);
    pathway.runJobs(referral);

    assertThat(pathway.openTaskKeys(referral)).containsExactly("Task_ClassifyInitialImaging");
    assertThat(pathway.placedOrCompleted(referral, "ULTRASOUND").status())
        .isEqualTo(OrderStatus.REPORTED);
  }

  @Test
  void twoDispatchersRacingSendEachOrderOnce() throws Exception {
    Referral referral = placedNotSent(Site.SOFT_TISSUE);
    UUID orderId = pathway.placedOrder(referral, "ULTRASOUND").id();
    int before = RECEIVER.createRequests();

    ExecutorService nodes = Executors.newFixedThreadPool(2);
    try {
      Callable<OrderDispatcher.Outcome> node = () -> dispatcher.dispatch(orderId);
      List<Future<OrderDispatcher.Outcome>> outcomes = nodes.invokeAll(List.of(node, node));
      List<OrderDispatcher.Outcome> results = new ArrayList<>();
      for (Future<OrderDispatcher.Outcome> outcome : outcomes) {
        results.add(outcome.get());
      }
      assertThat(results)
          .containsExactlyInAnyOrder(
              OrderDispatcher.Outcome.SENT, OrderDispatcher.Outcome.ALREADY_DISPATCHED);
    } finally {
      nodes.shutdownNow();
    }
    assertThat(RECEIVER.createRequests() - before)
        .as("POSTs that reached the receiver")
        .isEqualTo(1);
    assertThat(received(orderId)).isNotNull();
  }

  @Test
  void anImagingReportFromPathologyIsRefusedBeforeAnythingIsWritten() {
    Referral referral =
        pathway.refer(
            Site.SOFT_TISSUE,
            Presentation.SWELLING_OR_PAIN,
            3.0,
            Depth.SUPERFICIAL,
            PriorProcedure.NONE);
    UUID orderId = pathway.placedOrder(referral, "ULTRASOUND").id();

    HttpCalls.Response refused = diagnosticReport(orderId, "Lipome typique", "pathologist");
    pathway.runJobs(referral);

    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.body())
        .contains("OperationOutcome", "forbidden", "radiologists", "coordination");
    assertThat(pathway.placedOrder(referral, "ULTRASOUND").hasResult()).isFalse();
    assertThat(pathway.openTaskKeys(referral)).isEmpty();
    assertThat(diagnosticReport(orderId, "Lipome typique", "coordinator").status()).isEqualTo(200);
  }

  @Test
  void aMalformedOrUnknownDiagnosticReportIsRefusedWithAnOperationOutcome() {
    HttpCalls radiologist = HttpCalls.to(port).as("radiologist", "demo");

    HttpCalls.Response malformed =
        radiologist.postFhir("/fhir/DiagnosticReport", "{\"resourceType\": \"Patient\"}");
    HttpCalls.Response unknown = diagnosticReport(UUID.randomUUID(), "Rien");

    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.body()).contains("OperationOutcome");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.body()).contains("OperationOutcome");
    assertThat(HttpCalls.to(port).postFhir("/fhir/DiagnosticReport", "{}").status()).isEqualTo(401);
  }

  /** The order as GET /api/referrals/{id} shows it to a coordinator. */
  private JsonNode orderInView(Referral referral, UUID orderId) {
    HttpCalls.Response view =
        HttpCalls.to(port).as("coordinator", "demo").get("/api/referrals/" + referral.id());
    assertThat(view.status()).isEqualTo(200);
    for (JsonNode order : view.json().path("orders")) {
      if (orderId.toString().equals(order.path("id").asText())) {
        return order;
      }
    }
    throw new AssertionError("Order " + orderId + " not in " + view.body());
  }

  private Job sendJob(Referral referral) {
    return single(
        pathway.jobs(referral).stream()
            .filter(job -> "ServiceTask_SendOrder".equals(jobActivity(job)))
            .toList());
  }

  private String jobActivity(Job job) {
    return managementService
        .createJobDefinitionQuery()
        .jobDefinitionId(job.getJobDefinitionId())
        .singleResult()
        .getActivityId();
  }

  private static Job single(List<Job> jobs) {
    assertThat(jobs).hasSize(1);
    return jobs.get(0);
  }
}

package fr.sarcoma.referral.letter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.reset;

import fr.sarcoma.referral.support.HttpCalls;
import fr.sarcoma.referral.support.PostgresContextInitializer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

/**
 * A letter that cannot be written (here: its PDF fails) never undoes the step before it: every model
 * element that writes a letter is asynchronous (a job), retried after 5 minutes up to 5 times, then an
 * incident for Cockpit. Its own application context, since the PDF renderer is a spy made to fail; a
 * second engine in this JVM, like FhirOrderIT's, closed after the class.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "camunda.bpm.job-execution.enabled=false",
      "sarcoma.orders.result-sweep-delay=PT1H",
      "sarcoma.demo.history-months=0",
      "camunda.bpm.process-engine-name=letterFailureIT",
      "spring.autoconfigure.exclude=org.camunda.bpm.spring.boot.starter.webapp.CamundaBpmWebappAutoConfiguration"
    })
@ActiveProfiles("demo")
@ContextConfiguration(initializers = PostgresContextInitializer.class)
@DirtiesContext
class LetterFailureIT {

  private static final String PDF_FAILURE = "Rendu PDF impossible (test)";

  @MockitoSpyBean LetterPdfRenderer renderer;
  @Autowired ManagementService managementService;
  @Autowired RuntimeService runtimeService;
  @Autowired JdbcTemplate jdbc;
  @LocalServerPort int port;

  @AfterEach
  void realRenderer() {
    reset(renderer);
  }

  @Test
  @DisplayName(
      "G0: an out-of-scope referral whose letter fails is registered (201, reason kept); the letter is retried, "
          + "then an incident; once the cause is fixed, one retry writes it and closes the referral")
  void aFailingOutOfScopeLetterNeverRollsBackTheIntake() {
    doThrow(new IllegalStateException(PDF_FAILURE))
        .when(renderer)
        .pdf(argThat(letter -> "outcome".equals(letter.template())));

    HttpCalls.Response created =
        coordinator().postJson("/api/referrals", referral("SPINE", "NONE"));

    assertThat(created.status()).isEqualTo(201);
    UUID referralId = UUID.fromString(created.json().path("id").asText());
    assertThat(
            jdbc.queryForObject(
                "select out_of_scope_reason from referral where id = ?", String.class, referralId))
        .contains("rachis");
    String instance = processInstance(referralId);
    Job letterJob =
        managementService
            .createJobQuery()
            .processInstanceId(instance)
            .activityId("EndEvent_OutOfScope")
            .singleResult();
    assertThat(letterJob).as("the letter waits in a job of its own").isNotNull();

    Instant failedAt = Instant.now();
    assertThatThrownBy(() -> managementService.executeJob(letterJob.getId()))
        .hasStackTraceContaining(PDF_FAILURE);

    Job retried = managementService.createJobQuery().jobId(letterJob.getId()).singleResult();
    assertThat(retried.getRetries()).as("R5/PT5M: four retries left").isEqualTo(4);
    assertThat(retried.getExceptionMessage()).contains(PDF_FAILURE);
    assertThat(retried.getDuedate().toInstant()).isAfter(failedAt.plus(Duration.ofMinutes(4)));
    assertThat(letters(referralId)).isEmpty();
    assertThat(outcome(referralId)).as("not closed before its letter is written").isNull();

    managementService.setJobRetries(letterJob.getId(), 1);
    assertThatThrownBy(() -> managementService.executeJob(letterJob.getId()))
        .hasStackTraceContaining(PDF_FAILURE);
    List<Incident> incidents =
        runtimeService.createIncidentQuery().processInstanceId(instance).list();
    assertThat(incidents).hasSize(1);
    assertThat(incidents.get(0).getActivityId()).isEqualTo("EndEvent_OutOfScope");

    reset(renderer);
    managementService.setJobRetries(letterJob.getId(), 1);
    managementService.executeJob(letterJob.getId());

    assertThat(letters(referralId)).containsExactly("OUTCOME");
    assertThat(outcome(referralId)).isEqualTo("OUT_OF_SCOPE");
    assertThat(runtimeService.createIncidentQuery().processInstanceId(instance).count()).isZero();
  }

  @Test
  @DisplayName(
      "U1, M6: a failing material-request letter neither fails the intake (201) nor delays the urgent MRI "
          + "and chest CT; it is retried on its own branch")
  void aFailingMaterialRequestNeverDelaysTheOperativeBedWorkup() {
    doThrow(new IllegalStateException(PDF_FAILURE))
        .when(renderer)
        .pdf(argThat(letter -> "material-request".equals(letter.template())));

    HttpCalls.Response created =
        coordinator().postJson("/api/referrals", referral("SOFT_TISSUE", "EXCISION"));

    assertThat(created.status()).isEqualTo(201);
    UUID referralId = UUID.fromString(created.json().path("id").asText());
    String businessKey = created.json().path("businessKey").asText();
    runDueJobsToleratingFailures(businessKey);

    assertThat(
            jdbc.queryForList(
                "select modality from exam_order where referral_id = ?", String.class, referralId))
        .containsExactlyInAnyOrder("MRI", "CHEST_CT");
    Job letterJob =
        managementService
            .createJobQuery()
            .processInstanceId(processInstance(referralId))
            .activityId("ServiceTask_RequestPriorProcedureMaterial")
            .singleResult();
    assertThat(letterJob.getRetries()).isEqualTo(4);
    assertThat(letterJob.getExceptionMessage()).contains(PDF_FAILURE);
    assertThat(letters(referralId)).isEmpty();

    reset(renderer);
    managementService.executeJob(letterJob.getId());

    assertThat(letters(referralId)).containsExactly(LetterService.MATERIAL_REQUEST);
  }

  /** Every due job of the referral's instances (pathway and orders); a failing one waits for its retry. */
  private void runDueJobsToleratingFailures(String businessKey) {
    for (int round = 0; round < 20; round++) {
      List<Job> due =
          runtimeService
              .createProcessInstanceQuery()
              .processInstanceBusinessKey(businessKey)
              .list()
              .stream()
              .flatMap(
                  instance ->
                      managementService
                          .createJobQuery()
                          .processInstanceId(instance.getId())
                          .executable()
                          .list()
                          .stream())
              .toList();
      if (due.isEmpty()) {
        return;
      }
      for (Job job : due) {
        try {
          managementService.executeJob(job.getId());
        } catch (RuntimeException failed) {
          // Retried later (R5/PT5M): not due again in this test.
        }
      }
    }
  }

  private HttpCalls coordinator() {
    return HttpCalls.to(port).as("coordinator", "demo");
  }

  private String processInstance(UUID referralId) {
    return jdbc.queryForObject(
        "select process_instance_id from referral where id = ?", String.class, referralId);
  }

  private List<String> letters(UUID referralId) {
    return jdbc.queryForList(
        "select kind from letter where referral_id = ?", String.class, referralId);
  }

  private String outcome(UUID referralId) {
    return jdbc.queryForObject(
        "select outcome from referral where id = ?", String.class, referralId);
  }

  private static String referral(String site, String priorProcedure) {
    return """
        {"patientIdentifier": "IPP-%s", "patientDisplayName": "Marie Exemple",
         "birthDate": "1964-05-12", "sex": "FEMALE", "referringPhysician": "Dr Durand (Nancy)",
         "presentation": "SWELLING_OR_PAIN", "site": "%s", "anatomicalLocation": "cuisse gauche",
         "largestDimensionCm": 6.0, "depth": "DEEP", "priorProcedure": "%s"}
        """
        .formatted(UUID.randomUUID().toString().substring(0, 8), site, priorProcedure);
  }
}

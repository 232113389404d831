package fr.sarcoma.referral.platform;

import static fr.sarcoma.referral.support.PathwayDriver.QUORUM;
import static fr.sarcoma.referral.support.PathwayDriver.approach;
import static fr.sarcoma.referral.support.PathwayDriver.characterisation;
import static fr.sarcoma.referral.support.PathwayDriver.classification;
import static fr.sarcoma.referral.support.PathwayDriver.decision;
import static fr.sarcoma.referral.support.PathwayDriver.mdtCase;
import static org.assertj.core.api.Assertions.assertThat;

import fr.sarcoma.referral.SarcomaReferralApplication;
import fr.sarcoma.referral.integration.fhir.ServiceRequestMapper;
import fr.sarcoma.referral.orders.ExamOrder;
import fr.sarcoma.referral.orders.OrderStatus;
import fr.sarcoma.referral.referral.ReferralRequest.Depth;
import fr.sarcoma.referral.referral.ReferralRequest.Presentation;
import fr.sarcoma.referral.referral.ReferralRequest.PriorProcedure;
import fr.sarcoma.referral.referral.Site;
import fr.sarcoma.referral.support.PathwayDriver;
import fr.sarcoma.referral.support.PathwayDriver.Referral;
import fr.sarcoma.referral.support.TestPostgres;
import fr.sarcoma.referral.support.fhir.FhirTestServer;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Issue 15, docs/operations-backup.md: a backup taken with {@code pg_dump -Fc} while the service runs, with
 * referrals mid-pathway, restored with {@code pg_restore} into a new empty database, loses nothing: every row of
 * every table (the engine's and ours) comes back, and a second service started on it (its job executor on, as in
 * production) finishes every referral. The order the first service sent after the backup is sent again by the
 * restored one, and the order system keeps one request (FHIR conditional create on the order identifier).
 *
 * <p>Its own two application contexts, each on its own database of the run: the service that is backed up, then
 * the one started on the restored copy. Skipped only when {@code pg_dump}/{@code pg_restore} (package
 * postgresql-client, installed by {@code .ci/provision}) are missing or older than the server.
 */
class BackupRestoreIT {

  private static final String NO_WEBAPPS =
      "org.camunda.bpm.spring.boot.starter.webapp.CamundaBpmWebappAutoConfiguration";

  @TempDir Path workDir;

  @Test
  @DisplayName(
      "A pg_dump taken mid-pathway while the service runs, restored with pg_restore into a new database: every"
          + " row comes back, a service started on it finishes every referral, and no order is duplicated")
  void aBackupTakenMidPathwayIsRestoredAndTheReferralsFinishOnIt() throws Exception {
    TestPostgres.Database source = TestPostgres.createDatabase();
    TestPostgres.Database restored = null;
    try (FhirTestServer orderSystem = new FhirTestServer()) {
      PostgresClient client = PostgresClient.locate(serverMajorVersion(source));
      Path dump = workDir.resolve("sarcoma.dump");

      // 1. The service in use: referrals at four points of the pathway, then the backup, taken
      // while it runs.
      Fingerprint atBackup;
      Map<String, List<String>> modalitiesAtBackup = new HashMap<>();
      Referral placed;
      Referral waitingForMri;
      Referral atDecision;
      Referral waitingForApproach;
      String referenceSentAfterBackup;
      try (ConfigurableApplicationContext service =
          start(source, "backupSourceIT", false, orderSystem)) {
        PathwayDriver pathway = PathwayDriver.on(service);
        ManagementService jobs = service.getBean(ManagementService.class);

        // Its first order placed, not yet sent: the send job is pending in the backup.
        placed =
            pathway.register(
                Site.SOFT_TISSUE,
                Presentation.SWELLING_OR_PAIN,
                3.0,
                Depth.SUPERFICIAL,
                PriorProcedure.NONE);
        jobs.executeJob(single(pathway.dueJobs(placed)).getId());
        assertThat(pathway.placedOrder(placed, "ULTRASOUND").status())
            .isEqualTo(OrderStatus.PLACED);
        assertThat(pathway.dueJobs(placed)).as("the send job, pending").hasSize(1);

        // S1: waiting for its MRI's result.
        waitingForMri =
            pathway.refer(
                Site.SOFT_TISSUE,
                Presentation.SWELLING_OR_PAIN,
                9.0,
                Depth.DEEP,
                PriorProcedure.NONE);
        pathway.reportExam(waitingForMri, "ULTRASOUND");
        pathway.complete(
            waitingForMri,
            "Task_ClassifyInitialImaging",
            "radiologist",
            classification("AGGRESSIVE", false));
        assertThat(pathway.placedOrder(waitingForMri, "MRI").status()).isEqualTo(OrderStatus.SENT);
        assertThat(pathway.openTaskKeys(waitingForMri)).isEmpty();

        // M1-M4: at its MDT session, the decision task open.
        atDecision = pathway.atMdtSession(Site.SOFT_TISSUE);

        // S3: the MDT decided a biopsy; the operating surgeon's approach is awaited.
        waitingForApproach = pathway.atMdtSession(Site.BONE);
        pathway.complete(
            waitingForApproach, "Task_RecordMdtDecision", "mdtchair", decision("BIOPSY", QUORUM));
        assertThat(pathway.openTaskKeys(waitingForApproach))
            .containsExactly("Task_AgreeBiopsyApproach");
        assertThat(pathway.orderedModalities(waitingForApproach)).doesNotContain("BIOPSY");

        for (Referral referral : List.of(placed, waitingForMri, atDecision, waitingForApproach)) {
          modalitiesAtBackup.put(referral.businessKey(), pathway.orderedModalities(referral));
        }
        JdbcTemplate sourceJdbc = service.getBean(JdbcTemplate.class);
        atBackup = Fingerprint.of(sourceJdbc);
        client.dump(source, dump);

        // After the backup and before the loss, the service sends the pending order: the backup
        // does not know.
        pathway.runJobs(placed);
        ExamOrder sent = pathway.placedOrder(placed, "ULTRASOUND");
        assertThat(sent.status()).isEqualTo(OrderStatus.SENT);
        referenceSentAfterBackup = sent.receiverReference();
        assertThat(Fingerprint.of(sourceJdbc)).isNotEqualTo(atBackup);
      }

      // 2. The restore, into a new empty database.
      restored = TestPostgres.createDatabase();
      client.restore(dump, restored);
      JdbcTemplate restoredJdbc =
          new JdbcTemplate(
              new DriverManagerDataSource(restored.url(), restored.user(), restored.password()));
      Fingerprint afterRestore = Fingerprint.of(restoredJdbc);
      assertThat(afterRestore.tables())
          .as("the engine's tables and ours, in the one dump")
          .containsKeys(
              "act_ru_execution",
              "act_ru_task",
              "act_ru_job",
              "act_ru_variable",
              "act_hi_procinst",
              "act_id_user",
              "referral",
              "exam_order",
              "order_outbox",
              "letter",
              "mdt_decision",
              "audit_event",
              "flyway_schema_history");
      assertThat(afterRestore).as("every row of every table, as at the backup").isEqualTo(atBackup);

      // 3. The service started on the restored database, its job executor on: it finishes every
      // referral.
      try (ConfigurableApplicationContext service =
          start(restored, "backupRestoredIT", true, orderSystem)) {
        PathwayDriver pathway = PathwayDriver.withJobExecutor(service);

        // The pending send runs again: the order system already holds the request (sent after the
        // backup) and
        // keeps that one, whose reference the restored order records.
        pathway.runJobs(placed);
        ExamOrder resent = pathway.placedOrder(placed, "ULTRASOUND");
        assertThat(resent.status()).isEqualTo(OrderStatus.SENT);
        assertThat(resent.receiverReference()).isEqualTo(referenceSentAfterBackup);
        assertThat(
                orderSystem.receivedBodies().stream()
                    .filter(body -> body.contains(resent.id().toString())))
            .as("the order was sent twice: after the backup, then by the restored service")
            .hasSize(2);
        pathway.reportExam(placed, "ULTRASOUND");
        pathway.complete(
            placed,
            "Task_ClassifyInitialImaging",
            "radiologist",
            classification("TYPICAL_BENIGN", false));

        pathway.reportExam(waitingForMri, "MRI");
        pathway.complete(
            waitingForMri,
            "Task_ReportCharacterisation",
            "radiologist",
            characterisation("AGGRESSIVE", true, "LYTIC", "OTHER", false));
        pathway.reportExam(waitingForMri, "CHEST_CT");
        reachDecision(pathway, waitingForMri, "SURVEILLANCE");

        pathway.complete(
            atDecision, "Task_RecordMdtDecision", "mdtchair", decision("OTHER", QUORUM));

        pathway.complete(waitingForApproach, "Task_AgreeBiopsyApproach", "surgeon", approach(true));
        pathway.reportExam(waitingForApproach, "BIOPSY");
        Map<String, Object> review = new HashMap<>();
        review.put("pathologyDiagnosis", "SARCOMA");
        review.put("pathologyReview", "Relecture par le réseau d'expertise");
        review.put("histologicalType", "Ostéosarcome conventionnel");
        review.put("fnclccGrade", "3");
        pathway.complete(waitingForApproach, "Task_ReviewBiopsyResult", "pathologist", review);
        reachDecision(pathway, waitingForApproach, "OTHER");

        assertClosed(pathway, placed, "TYPICAL_BENIGN_DISCHARGED", List.of("OUTCOME"));
        assertClosed(pathway, waitingForMri, "MDT_SURVEILLANCE", List.of("MDT_DECISION"));
        assertClosed(pathway, atDecision, "MDT_OTHER_DECISION", List.of("MDT_DECISION"));
        assertClosed(
            pathway,
            waitingForApproach,
            "MDT_PROPOSAL_RECORDED",
            List.of("MDT_DECISION", "MDT_DECISION", "DIAGNOSIS"));

        assertThat(pathway.orderedModalities(placed))
            .isEqualTo(modalitiesAtBackup.get(placed.businessKey()))
            .containsExactly("ULTRASOUND");
        assertThat(pathway.orderedModalities(waitingForMri))
            .containsExactlyInAnyOrder("ULTRASOUND", "MRI", "CHEST_CT");
        assertThat(pathway.orderedModalities(atDecision))
            .containsExactlyInAnyOrderElementsOf(modalitiesAtBackup.get(atDecision.businessKey()));
        List<String> biopsyAdded =
            new ArrayList<>(modalitiesAtBackup.get(waitingForApproach.businessKey()));
        biopsyAdded.add("BIOPSY");
        assertThat(pathway.orderedModalities(waitingForApproach))
            .containsExactlyInAnyOrderElementsOf(biopsyAdded);

        // Each order of these referrals, the ones sent before the backup and those sent by the
        // restored service,
        // is one request at the order system, the one the order records.
        for (Referral referral : List.of(placed, waitingForMri, atDecision, waitingForApproach)) {
          for (ExamOrder order : pathway.orders(referral)) {
            List<ServiceRequest> held = held(orderSystem, order.id());
            assertThat(held)
                .as(order.modality() + " order of " + referral.businessKey())
                .hasSize(1);
            assertThat(order.receiverReference())
                .isEqualTo(held.get(0).getIdElement().toUnqualifiedVersionless().getValue());
          }
        }
      }
    } finally {
      if (restored != null) {
        TestPostgres.drop(restored);
      }
      TestPostgres.drop(source);
    }
  }

  private static void reachDecision(PathwayDriver pathway, Referral referral, String outcome) {
    pathway.complete(referral, "Task_PrepareMdtCase", "coordinator", mdtCase(false));
    pathway.fireTimer(referral, "TimerEvent_MdtSession");
    pathway.complete(referral, "Task_RecordMdtDecision", "mdtchair", decision(outcome, QUORUM));
  }

  private static void assertClosed(
      PathwayDriver pathway, Referral referral, String outcome, List<String> letters) {
    assertThat(pathway.isEnded(referral)).as(referral.businessKey() + " closed").isTrue();
    assertThat(pathway.outcome(referral)).as(referral.businessKey()).isEqualTo(outcome);
    assertThat(pathway.letters(referral))
        .as(referral.businessKey())
        .containsExactlyElementsOf(letters);
  }

  private static List<ServiceRequest> held(FhirTestServer orderSystem, UUID orderId) {
    return orderSystem.serviceRequests().stream()
        .filter(
            request ->
                request.getIdentifier().stream()
                    .anyMatch(
                        identifier ->
                            ServiceRequestMapper.ORDER_IDENTIFIER_SYSTEM.equals(
                                    identifier.getSystem())
                                && orderId.toString().equals(identifier.getValue())))
        .toList();
  }

  private static Job single(List<Job> jobs) {
    assertThat(jobs).hasSize(1);
    return jobs.get(0);
  }

  /**
   * The application on that database, as the demo runs it, with the order system configured: its own process-engine
   * name and no webapps (other engines may run in this JVM), a random port.
   */
  private static ConfigurableApplicationContext start(
      TestPostgres.Database database,
      String engineName,
      boolean jobExecution,
      FhirTestServer orderSystem) {
    return new SpringApplicationBuilder(SarcomaReferralApplication.class)
        .profiles("demo")
        .run(
            "--spring.datasource.url=" + database.url(),
            "--spring.datasource.username=" + database.user(),
            "--spring.datasource.password=" + database.password(),
            "--server.port=0",
            "--camunda.bpm.process-engine-name=" + engineName,
            "--spring.autoconfigure.exclude=" + NO_WEBAPPS,
            "--camunda.bpm.job-execution.enabled=" + jobExecution,
            // Acquires new jobs at once (job creation wakes it) and polls often otherwise.
            "--camunda.bpm.job-execution.wait-time-in-millis=200",
            "--camunda.bpm.job-execution.max-wait=1000",
            "--sarcoma.orders.result-sweep-delay=PT1H",
            "--sarcoma.demo.history-months=0",
            "--sarcoma.fhir.base-url=" + orderSystem.baseUrl(),
            "--sarcoma.fhir.socket-timeout=PT5S");
  }

  private static int serverMajorVersion(TestPostgres.Database database) {
    JdbcTemplate jdbc =
        new JdbcTemplate(
            new DriverManagerDataSource(database.url(), database.user(), database.password()));
    Integer number = jdbc.queryForObject("show server_version_num", Integer.class);
    return number / 10000;
  }

  /**
   * Every row of every table of the schema, as a count and a digest per table: two databases with the same
   * fingerprint hold the same data.
   */
  record Fingerprint(Map<String, String> tables) {
    static Fingerprint of(JdbcTemplate jdbc) {
      Map<String, String> tables = new LinkedHashMap<>();
      for (String table :
          jdbc.queryForList(
              "select table_name from information_schema.tables"
                  + " where table_schema = current_schema() and table_type = 'BASE TABLE' order by 1",
              String.class)) {
        tables.put(
            table,
            jdbc.queryForObject(
                "select count(*) || ' rows ' || coalesce(md5(string_agg(t::text, E'\\n' order by t::text)), '')"
                    + " from \""
                    + table
                    + "\" t",
                String.class));
      }
      return new Fingerprint(tables);
    }
  }

  /** pg_dump and pg_restore of one installed PostgreSQL version, at least the server's. */
  record PostgresClient(Path pgDump, Path pgRestore) {

    private static final Pattern VERSION = Pattern.compile("\\(PostgreSQL\\) (\\d+)");

    /** The newest installed client that can dump this server; the test is skipped without one. */
    static PostgresClient locate(int serverMajor) {
      List<Path> directories = new ArrayList<>();
      Path debian = Path.of("/usr/lib/postgresql");
      if (Files.isDirectory(debian)) {
        try (Stream<Path> versions = Files.list(debian)) {
          versions
              .map(version -> version.resolve("bin"))
              .sorted(Comparator.comparing(BackupRestoreIT.PostgresClient::versionOf).reversed())
              .forEach(directories::add);
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
      }
      for (String entry :
          System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
        if (!entry.isBlank()) {
          directories.add(Path.of(entry));
        }
      }
      List<String> found = new ArrayList<>();
      for (Path directory : directories) {
        Path dump = directory.resolve("pg_dump");
        Path restore = directory.resolve("pg_restore");
        if (Files.isExecutable(dump) && Files.isExecutable(restore)) {
          Optional<Integer> major = majorVersion(dump);
          found.add(dump + " " + major.map(String::valueOf).orElse("?"));
          if (major.isPresent() && major.get() >= serverMajor) {
            return new PostgresClient(dump, restore);
          }
        }
      }
      Assumptions.abort(
          found.isEmpty()
              ? "pg_dump and pg_restore are not installed (package postgresql-client; .ci/provision installs it)"
              : "No pg_dump of PostgreSQL "
                  + serverMajor
                  + " or later, the server's version (found: "
                  + found
                  + ")");
      throw new IllegalStateException("unreachable");
    }

    private static int versionOf(Path bin) {
      try {
        return Integer.parseInt(bin.getParent().getFileName().toString());
      } catch (NumberFormatException e) {
        return 0;
      }
    }

    private static Optional<Integer> majorVersion(Path pgDump) {
      try {
        Matcher matcher = VERSION.matcher(run(List.of(pgDump.toString(), "--version"), null));
        return matcher.find() ? Optional.of(Integer.parseInt(matcher.group(1))) : Optional.empty();
      } catch (AssertionError e) {
        return Optional.empty();
      }
    }

    /** The documented backup: {@code pg_dump -Fc}, the whole database in one consistent snapshot. */
    void dump(TestPostgres.Database database, Path file) {
      List<String> command = new ArrayList<>(List.of(pgDump.toString(), "--format=custom"));
      command.add("--file=" + file);
      command.addAll(connection(database));
      command.add(name(database));
      run(command, database.password());
      assertThat(file).isNotEmptyFile();
    }

    /** The documented restore into a new empty database, stopping at the first error. */
    void restore(Path file, TestPostgres.Database database) {
      List<String> command = new ArrayList<>(List.of(pgRestore.toString(), "--exit-on-error"));
      command.addAll(connection(database));
      command.add("--dbname=" + name(database));
      command.add(file.toString());
      run(command, database.password());
    }

    /** Host, port and user options, from the JDBC URL (the password goes in PGPASSWORD). */
    private static List<String> connection(TestPostgres.Database database) {
      URI uri = jdbcUri(database);
      return List.of(
          "--host=" + uri.getHost(),
          "--port=" + (uri.getPort() < 0 ? 5432 : uri.getPort()),
          "--username=" + database.user(),
          "--no-password");
    }

    private static String name(TestPostgres.Database database) {
      return jdbcUri(database).getPath().substring(1);
    }

    private static URI jdbcUri(TestPostgres.Database database) {
      return URI.create(database.url().substring("jdbc:".length()));
    }

    private static String run(List<String> command, String password) {
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
      if (password != null && !password.isEmpty()) {
        builder.environment().put("PGPASSWORD", password);
      }
      try {
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
          process.destroyForcibly();
          throw new AssertionError(command.get(0) + " did not finish");
        }
        if (process.exitValue() != 0) {
          throw new AssertionError(
              String.join(" ", command) + " failed (" + process.exitValue() + "): " + output);
        }
        return output;
      } catch (IOException e) {
        throw new AssertionError(command.get(0) + " could not run: " + e.getMessage(), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(command.get(0) + " interrupted", e);
      }
    }
  }
}

package fr.sarcoma.referral.audit;

import static fr.sarcoma.referral.support.PathwayDriver.QUORUM;
import static fr.sarcoma.referral.support.PathwayDriver.classification;
import static fr.sarcoma.referral.support.PathwayDriver.decision;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.sarcoma.referral.mdt.MdtSession;
import fr.sarcoma.referral.mdt.MdtSessions;
import fr.sarcoma.referral.referral.ReferralRequest.Depth;
import fr.sarcoma.referral.referral.ReferralRequest.Presentation;
import fr.sarcoma.referral.referral.ReferralRequest.PriorProcedure;
import fr.sarcoma.referral.referral.ReferralService;
import fr.sarcoma.referral.referral.Site;
import fr.sarcoma.referral.support.HttpCalls;
import fr.sarcoma.referral.support.PathwayDriver;
import fr.sarcoma.referral.support.PathwayDriver.Referral;
import fr.sarcoma.referral.support.PostgresIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Need-to-know and the audit trail, door by door (docs/security.md): one read writes one row with the
 * rule that allowed it; a refused read is a French 403 that names no patient, recorded too; what is done
 * to a pathway is in the same trail; and the database refuses to change or delete a row of it.
 */
@PostgresIntegrationTest
class NeedToKnowIT {

  @LocalServerPort int port;

  @Autowired PathwayDriver pathway;
  @Autowired JdbcTemplate jdbc;
  @Autowired MdtSessions sessions;
  @Autowired ReferralService referrals;

  @Test
  @DisplayName(
      "API: a radiologist who can claim its task reads the file; one READ_FILE row, CANDIDATE_TASK")
  void aReadThroughTheApiIsOneRowWithItsRule() {
    Referral referral = classifying();

    HttpCalls.Response file = as("radiologist").get("/api/referrals/" + referral.id() + "/file");

    assertThat(file.status()).isEqualTo(200);
    List<Map<String, Object>> rows = trail(referral, "READ_FILE");
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0))
        .containsEntry("actor", "radiologist")
        .containsEntry("actor_groups", "radiologists")
        .containsEntry("door", "api")
        .containsEntry("reason", "CANDIDATE_TASK")
        .containsEntry("detail", "GET /api/referrals/" + referral.id() + "/file");
    assertThat(rows.get(0).get("at")).isNotNull();
  }

  @Test
  @DisplayName("Tasklist plugin: the same read with the webapp session is recorded as the plugins'")
  void theTasklistPluginsReadIsRecordedAsSuch() {
    Referral referral = classifying();
    HttpCalls browser = loggedIn("radiologist", "tasklist");

    assertThat(browser.get("/api/referrals/" + referral.id() + "/file").status()).isEqualTo(200);

    List<Map<String, Object>> rows = trail(referral, "READ_FILE");
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0))
        .containsEntry("actor", "radiologist")
        .containsEntry("door", "tasklist-plugin")
        .containsEntry("reason", "CANDIDATE_TASK");
  }

  @Test
  @DisplayName(
      "Tasklist's form: a task's variables read through the webapps' engine API are one READ_VARIABLES row; "
          + "its referralId read alone (the card plugin) is none")
  void tasklistsFormReadIsRecorded() {
    Referral referral = classifying();
    String task = pathway.task(referral, "Task_ClassifyInitialImaging").getId();
    HttpCalls browser = loggedIn("radiologist", "tasklist");
    String engine = "/camunda/api/engine/engine/default/task/" + task;

    assertThat(browser.get(engine + "/variables/referralId").status()).isEqualTo(200);
    assertThat(trail(referral, "READ_VARIABLES")).as("an id is not the file").isEmpty();
    HttpCalls.Response form = browser.get(engine + "/form-variables");

    assertThat(form.status()).isEqualTo(200);
    assertThat(form.body()).contains(referral.id().toString());
    assertThat(trail(referral, "READ_VARIABLES"))
        .extracting(
            row ->
                row.get("actor")
                    + " "
                    + row.get("door")
                    + " "
                    + row.get("reason")
                    + " "
                    + row.get("detail"))
        .containsExactly("radiologist webapp CANDIDATE_TASK GET " + engine + "/form-variables");
  }

  @Test
  @DisplayName("A read no rule allows: a French 403 naming no patient, and a READ_REFUSED row")
  void aRefusedReadIsAFrench403AndIsRecorded() {
    Referral referral = classifying();
    String ipp = referrals.summary(referral.id()).orElseThrow().patientIdentifier();

    HttpCalls.Response surgeon = as("surgeon").get("/api/referrals/" + referral.id());
    HttpCalls.Response manager = as("manager").get("/api/referrals/" + referral.id() + "/file");

    assertThat(surgeon.status()).isEqualTo(403);
    assertThat(surgeon.json().path("detail").asText())
        .startsWith("Accès refusé : vous ne prenez pas en charge ce patient");
    assertThat(manager.status()).isEqualTo(403);
    assertThat(manager.json().path("detail").asText())
        .contains("jamais l'identité ni le dossier clinique");
    assertThat(surgeon.body() + manager.body()).doesNotContain(ipp, "Patient Test");
    assertThat(trail(referral, "READ_REFUSED"))
        .extracting(row -> row.get("actor") + " " + row.get("reason") + " " + row.get("door"))
        .containsExactly("surgeon NO_RULE api", "manager NO_RULE api");
    assertThat(trail(referral, "READ_IDENTITY")).isEmpty();
    assertThat(trail(referral, "READ_FILE")).isEmpty();
  }

  @Test
  @DisplayName(
      "After her task: the radiologist still reads for a while (COMPLETED_TASK_WITHIN_P30D); the task, the order "
          + "and the result are in the trail")
  void afterCompletingHerTaskTheRadiologistStillReads() {
    Referral referral = classifying();
    pathway.complete(
        referral,
        "Task_ClassifyInitialImaging",
        "radiologist",
        classification("AGGRESSIVE", false));
    assertThat(pathway.openTaskKeys(referral))
        .as("no radiologist task now: the MRI is awaited (the coordinators book it)")
        .containsExactly("Task_ScheduleExam");

    assertThat(as("radiologist").get("/api/referrals/" + referral.id()).status()).isEqualTo(200);

    assertThat(trail(referral, "READ_IDENTITY"))
        .extracting(row -> row.get("reason"))
        .containsExactly("COMPLETED_TASK_WITHIN_P30D");
    assertThat(trail(referral, "TASK_COMPLETED"))
        .extracting(row -> row.get("actor") + " " + row.get("detail"))
        .singleElement()
        .asString()
        .startsWith("radiologist Task_ClassifyInitialImaging");
    assertThat(trail(referral, "ORDER_PLACED"))
        .extracting(row -> row.get("detail").toString())
        .anyMatch(detail -> detail.endsWith("ULTRASOUND"))
        .anyMatch(detail -> detail.endsWith("MRI"));
    assertThat(trail(referral, "RESULT_RECORDED"))
        .extracting(row -> row.get("actor") + " " + row.get("door"))
        .containsExactly("radiologist api");
  }

  @Test
  @DisplayName(
      "Agenda: the MDT team reads the cases of a session starting soon (MDT_AGENDA), one row per case; not of a "
          + "session weeks away; the decision recorded joins the trail")
  void theAgendaIsReadByTheMdtTeamWhileTheSessionIsNear() {
    Referral referral = pathway.awaitingMdtSession(Site.SOFT_TISSUE);
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    MdtSession soon =
        sessions.addOneOff(
            now.plus(Duration.ofDays(2)),
            Duration.ofHours(2),
            now.plus(Duration.ofDays(1)),
            5,
            "audit");
    MdtSession later =
        sessions.addOneOff(
            now.plus(Duration.ofDays(40)),
            Duration.ofHours(2),
            now.plus(Duration.ofDays(39)),
            5,
            "audit");
    try {
      sessions.move(referral.id(), later.id());
      assertThat(
              as("oncologist").get("/mdt/sessions/" + later.id() + "/agenda", "text/html").status())
          .as("a session 40 days away: not yet")
          .isEqualTo(403);

      sessions.move(referral.id(), soon.id());
      HttpCalls.Response page =
          as("oncologist").get("/mdt/sessions/" + soon.id() + "/agenda", "text/html");
      assertThat(page.status()).isEqualTo(200);
      assertThat(page.body()).contains(referral.businessKey());

      assertThat(trail(referral, "READ_REFUSED"))
          .extracting(row -> row.get("actor") + " " + row.get("door"))
          .containsExactly("oncologist agenda");
      assertThat(trail(referral, "READ_FILE"))
          .extracting(row -> row.get("actor") + " " + row.get("door") + " " + row.get("reason"))
          .containsExactly("oncologist agenda MDT_AGENDA");

      pathway.fireTimer(referral, "TimerEvent_MdtSession");
      pathway.complete(
          referral, "Task_RecordMdtDecision", "mdtchair", decision("SURVEILLANCE", QUORUM));
      assertThat(trail(referral, "DECISION_RECORDED"))
          .extracting(row -> row.get("actor"))
          .containsExactly("mdtchair");
    } finally {
      sessions.cancel(soon.id(), "fin du test");
      sessions.cancel(later.id(), "fin du test");
    }
  }

  @Test
  @DisplayName("Letter: downloading a letter's PDF is one READ_LETTER row")
  void aLetterReadIsRecorded() {
    // Out of scope (G0): closed at once, with its letter.
    Referral referral =
        pathway.refer(
            Site.SPINE, Presentation.SWELLING_OR_PAIN, 3.0, Depth.DEEP, PriorProcedure.NONE);
    String letterId =
        jdbc.queryForObject(
            "select id from letter where referral_id = ?", String.class, referral.id());

    HttpCalls.Response pdf =
        as("coordinator").get("/api/letters/" + letterId + ".pdf", "application/pdf");

    assertThat(pdf.status()).isEqualTo(200);
    assertThat(trail(referral, "READ_LETTER"))
        .extracting(row -> row.get("actor") + " " + row.get("door") + " " + row.get("reason"))
        .containsExactly("coordinator letter COORDINATOR");
  }

  @Test
  @DisplayName(
      "Engine history: an administrator's read of a referral's variables is recorded (ADMIN_REPAIR); a manager "
          + "reads none, and nothing is recorded for her")
  void anAdministratorsReadOfTheEngineHistoryIsRecorded() {
    Referral referral = classifying();
    String history =
        "/engine-rest/history/variable-instance?processInstanceId="
            + pathway.mainProcessInstanceId(referral);

    HttpCalls.Response admin = as("admin").get(history);
    HttpCalls.Response manager = as("manager").get(history);

    assertThat(admin.status()).isEqualTo(200);
    assertThat(admin.body()).contains(referral.id().toString());
    assertThat(manager.status()).isEqualTo(200);
    assertThat(manager.json()).as("no variable for managers").isEmpty();
    assertThat(trail(referral, "READ_VARIABLES"))
        .extracting(
            row ->
                row.get("actor")
                    + " "
                    + row.get("door")
                    + " "
                    + row.get("reason")
                    + " "
                    + row.get("detail"))
        .containsExactly(
            "admin engine-history ADMIN_REPAIR GET /engine-rest/history/variable-instance");
  }

  @Test
  @DisplayName(
      "Who touched this pathway: an administrator's variable change and suspension join the reads and the task "
          + "in one query by referral")
  void oneQueryAnswersWhoTouchedThePathway() {
    Referral referral = classifying();
    String instance = "/engine-rest/process-instance/" + pathway.mainProcessInstanceId(referral);
    HttpCalls admin = as("admin");
    assertThat(
            admin
                .putJson(
                    instance + "/variables/repairNote", "{\"value\":\"x\",\"type\":\"String\"}")
                .status())
        .isEqualTo(204);
    assertThat(admin.putJson(instance + "/suspended", "{\"suspended\":true}").status())
        .isEqualTo(204);
    assertThat(admin.putJson(instance + "/suspended", "{\"suspended\":false}").status())
        .isEqualTo(204);
    assertThat(as("coordinator").get("/api/referrals/" + referral.id()).status()).isEqualTo(200);

    List<String> touched =
        jdbc.queryForList(
            "select actor || ' ' || action || ' ' || reason from audit_event where referral_id = ?"
                + " order by at, id",
            String.class,
            referral.id());

    assertThat(touched)
        .contains(
            "admin VARIABLE_CHANGED ADMIN_REPAIR",
            "admin INSTANCE_MODIFIED ADMIN_REPAIR",
            "coordinator READ_IDENTITY COORDINATOR")
        .anyMatch(row -> row.endsWith("ORDER_PLACED SYSTEM"));
    assertThat(touched.stream().filter(row -> row.startsWith("admin INSTANCE_MODIFIED")))
        .as("one row per operation (suspend, then activate), not one per property")
        .hasSize(2);
  }

  @Test
  @DisplayName(
      "The trail is append-only: the database refuses an update, a delete and a truncation")
  void theDatabaseRefusesToChangeTheTrail() {
    Referral referral = classifying();
    assertThat(as("coordinator").get("/api/referrals/" + referral.id()).status()).isEqualTo(200);
    Object id = trail(referral, "READ_IDENTITY").get(0).get("id");

    assertThatThrownBy(
            () -> jdbc.update("update audit_event set actor = 'someone' where id = ?", id))
        .isInstanceOf(DataAccessException.class)
        .rootCause()
        .hasMessageContaining("ajout seul");
    assertThatThrownBy(() -> jdbc.update("delete from audit_event where id = ?", id))
        .isInstanceOf(DataAccessException.class)
        .rootCause()
        .hasMessageContaining("ajout seul");
    assertThatThrownBy(() -> jdbc.update("truncate table audit_event"))
        .isInstanceOf(DataAccessException.class)
        .rootCause()
        .hasMessageContaining("ajout seul");
    assertThat(trail(referral, "READ_IDENTITY"))
        .hasSize(1)
        .first()
        .extracting(row -> row.get("actor"))
        .isEqualTo("coordinator");
  }

  @Test
  @DisplayName(
      "Auditors read the trail per referral and per user, as JSON, as a CSV for French spreadsheets, and on their "
          + "page; nobody else does")
  void auditorsReadTheTrail() {
    Referral referral = classifying();
    assertThat(as("radiologist").get("/api/referrals/" + referral.id() + "/file").status())
        .isEqualTo(200);
    assertThat(as("surgeon").get("/api/referrals/" + referral.id() + "/file").status())
        .isEqualTo(403);
    HttpCalls auditor = as("auditor");

    HttpCalls.Response byReferral = auditor.get("/api/audit/referrals/" + referral.id());
    assertThat(byReferral.status()).isEqualTo(200);
    assertThat(byReferral.json().path("referralNumber").asText()).isEqualTo(referral.businessKey());
    assertThat(byReferral.json().path("entries").toString())
        .contains("\"actor\":\"radiologist\"", "\"actionLabel\":\"Lecture du dossier clinique\"")
        .contains("\"reason\":\"CANDIDATE_TASK\"", "\"action\":\"READ_REFUSED\"")
        .doesNotContain("Patient Test");

    HttpCalls.Response csv =
        auditor.get("/api/audit/referrals/" + referral.id() + ".csv", "text/csv");
    assertThat(csv.status()).isEqualTo(200);
    assertThat(csv.header("Content-Type")).startsWith("text/csv");
    assertThat(csv.body())
        .startsWith(
            "\uFEFFDate et heure (Paris);Utilisateur;Groupes;Action;Code de l'action;N° de demande;"
                + "Identifiant de la demande;Porte d'accès;Motif;Code du motif;Détail\r\n")
        .contains(
            ";radiologist;radiologists;Lecture du dossier clinique;READ_FILE;"
                + referral.businessKey()
                + ";"
                + referral.id()
                + ";API;Tâche du dossier que l'utilisateur peut prendre;CANDIDATE_TASK;GET /api/referrals/")
        .contains(";surgeon;surgeons;Lecture refusée;READ_REFUSED;");

    HttpCalls.Response byUser = auditor.get("/api/audit/users/surgeon");
    assertThat(byUser.status()).isEqualTo(200);
    assertThat(byUser.json().path("entries").toString()).contains(referral.id().toString());
    assertThat(auditor.get("/api/audit/users/surgeon.csv", "text/csv").body())
        .contains(";surgeon;surgeons;Lecture refusée;READ_REFUSED;" + referral.businessKey());

    HttpCalls.Response page = auditor.get("/audit?referral=" + referral.businessKey(), "text/html");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body())
        .contains("Journal des accès", referral.businessKey(), "Lecture refusée")
        .contains("/api/audit/referrals/" + referral.id() + ".csv");

    for (String other : List.of("admin", "coordinator", "manager", "radiologist")) {
      assertThat(as(other).get("/api/audit/referrals/" + referral.id()).status())
          .as(other)
          .isEqualTo(403);
    }
    assertThat(HttpCalls.to(port).get("/api/audit/users/surgeon").status()).isEqualTo(401);
  }

  /** A referral whose initial imaging is reported: its classification task waits for a radiologist. */
  private Referral classifying() {
    Referral referral =
        pathway.refer(
            Site.SOFT_TISSUE, Presentation.SWELLING_OR_PAIN, 8.0, Depth.DEEP, PriorProcedure.NONE);
    pathway.reportExam(referral, "ULTRASOUND");
    pathway.task(referral, "Task_ClassifyInitialImaging");
    return referral;
  }

  private List<Map<String, Object>> trail(Referral referral, String action) {
    return jdbc.queryForList(
        "select * from audit_event where referral_id = ? and action = ? order by at, id",
        referral.id(),
        action);
  }

  private HttpCalls as(String user) {
    return HttpCalls.to(port).as(user, "demo");
  }

  /** Logged in to a Camunda webapp as a browser is (the page's CSRF token, then the form). */
  private HttpCalls loggedIn(String user, String app) {
    HttpCalls browser = HttpCalls.browser(port);
    HttpCalls.Response page = browser.get("/camunda/app/" + app + "/default/");
    HttpCalls.Response login =
        browser.postForm(
            "/camunda/api/admin/auth/user/default/login/" + app,
            Map.of("username", user, "password", "demo"),
            Map.of("X-XSRF-TOKEN", page.header("X-XSRF-TOKEN")));
    assertThat(login.status()).isEqualTo(200);
    return browser;
  }
}

package fr.sarcoma.referral.security;

import static org.assertj.core.api.Assertions.assertThat;

import fr.sarcoma.referral.mdt.MdtService;
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
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Who reads a patient's identity and clinical file, door by door and group by group: every cell of the
 * permission matrix in docs/security.md, read from that file, so that the document and the server cannot
 * disagree. ✓: the answer carries the referral's data; ✗: it does not (401, 403, or an engine query's
 * answer without it), and no refused answer carries a patient's identity.
 */
@PostgresIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PermissionMatrixIT {

  private static final Path SECURITY_DOC = Path.of("docs", "security.md");

  /** The table's columns: a group, and the demo user who stands for it (null: anonymous). */
  private static final Map<String, String> USERS = new java.util.LinkedHashMap<>();

  static {
    USERS.put("anonymous", null);
    USERS.put("coordinators", "coordinator");
    USERS.put("radiologists", "radiologist");
    USERS.put("surgeons", "surgeon");
    USERS.put("pathologists", "pathologist");
    USERS.put("oncologists", "oncologist");
    USERS.put("mdt-chairs", "mdtchair");
    USERS.put("managers", "manager");
    USERS.put("auditors", "auditor");
    USERS.put("camunda-admin", "admin");
  }

  @LocalServerPort int port;

  @Autowired PathwayDriver pathway;
  @Autowired ReferralService referrals;
  @Autowired MdtService mdt;
  @Autowired MdtSessions sessions;
  @Autowired JdbcTemplate jdbc;

  /** Its task waits for a radiologist; it is on no agenda; it has a letter and a decision. */
  private Referral classifying;

  /** On the agenda of a session starting in two days. */
  private Referral onAgenda;

  private MdtSession session;
  private final Map<String, String> placeholders = new HashMap<>();
  private final List<String> identities = new ArrayList<>();
  private final Map<String, HttpCalls> webappSessions = new HashMap<>();

  @BeforeAll
  void referrals() {
    // U2 (a biopsy elsewhere): the first procedure's material is asked for at once, so it has a
    // letter.
    classifying =
        pathway.refer(
            Site.SOFT_TISSUE,
            Presentation.SWELLING_OR_PAIN,
            8.0,
            Depth.DEEP,
            PriorProcedure.BIOPSY);
    pathway.reportExam(classifying, "ULTRASOUND");
    String taskId = pathway.task(classifying, "Task_ClassifyInitialImaging").getId();
    UUID decisionId =
        mdt.recordDecision(
                classifying.id(),
                "matrix-" + UUID.randomUUID(),
                new MdtService.DecisionInput(
                    PathwayDriver.QUORUM,
                    "SURVEILLANCE",
                    null,
                    null,
                    null,
                    "Décision de test",
                    "Référentiel ONCOLOR 2019",
                    true,
                    null,
                    false,
                    null,
                    "Le médecin adresseur"),
                "mdtchair")
            .id();

    onAgenda = pathway.awaitingMdtSession(Site.SOFT_TISSUE);
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    session =
        sessions.addOneOff(
            now.plus(Duration.ofDays(2)),
            Duration.ofHours(2),
            now.plus(Duration.ofDays(1)),
            5,
            "matrice");
    sessions.move(onAgenda.id(), session.id());

    placeholders.put("{id}", classifying.id().toString());
    placeholders.put("{agendaId}", onAgenda.id().toString());
    placeholders.put("{sessionId}", session.id().toString());
    placeholders.put("{processInstanceId}", pathway.mainProcessInstanceId(classifying));
    placeholders.put("{taskId}", taskId);
    placeholders.put("{decisionId}", decisionId.toString());
    placeholders.put(
        "{letterId}",
        jdbc.queryForObject(
            "select id from letter where referral_id = ?", String.class, classifying.id()));
    for (Referral referral : List.of(classifying, onAgenda)) {
      identities.add(referrals.summary(referral.id()).orElseThrow().patientIdentifier());
    }
    identities.add("Patient Test");
  }

  @AfterAll
  void sessionCancelled() {
    sessions.cancel(session.id(), "fin du test");
  }

  record Cell(String door, String group, boolean reads) {
    @Override
    public String toString() {
      return door + " — " + group + (reads ? " lit" : " ne lit pas");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("matrix")
  @DisplayName("The permission matrix of docs/security.md, cell by cell")
  void eachCellOfTheMatrixHolds(Cell cell) {
    String user = USERS.get(cell.group());
    String path = cell.door().substring("GET ".length());
    for (Map.Entry<String, String> placeholder : placeholders.entrySet()) {
      path = path.replace(placeholder.getKey(), placeholder.getValue());
    }
    boolean webapp = path.startsWith("/camunda/");
    HttpCalls caller =
        user == null
            ? HttpCalls.to(port)
            : webapp ? webappSession(user) : HttpCalls.to(port).as(user, "demo");
    HttpCalls.Response response =
        path.endsWith(".pdf")
            ? caller.get(path, "application/pdf")
            : path.startsWith("/mdt/") ? caller.get(path, "text/html") : caller.get(path);
    String marker = marker(cell.door());

    if (cell.reads()) {
      assertThat(response.status()).as(cell + ": " + response.body()).isEqualTo(200);
      assertThat(response.body()).as(cell.toString()).contains(marker);
      return;
    }
    if (user == null) {
      assertThat(response.status()).as(cell.toString()).isEqualTo(401);
    } else if (path.startsWith("/api/") || path.startsWith("/mdt/")) {
      assertThat(response.status()).as(cell + ": " + response.body()).isEqualTo(403);
    } else {
      assertThat(response.status() == 200 ? response.body() : "")
          .as(cell + " (" + response.status() + ")")
          .doesNotContain(marker);
      assertThat(response.status()).as(cell.toString()).isIn(200, 401, 403);
    }
    assertThat(response.body()).as(cell + ": no identity").doesNotContain(identities);
  }

  @Test
  @DisplayName("Answers that need no need-to-know carry no patient's identity, whoever asks")
  void theOtherAnswersCarryNoIdentity() {
    for (String user : USERS.values()) {
      if (user == null) {
        continue;
      }
      HttpCalls caller = HttpCalls.to(port).as(user, "demo");
      for (String path :
          List.of(
              "/api/me",
              "/api/mdt/sessions",
              "/api/insight/measures",
              "/api/insight/measures.csv",
              "/dashboard",
              "/api/audit/referrals/" + classifying.id(),
              "/api/audit/referrals/" + classifying.id() + ".csv",
              "/api/audit/users/radiologist",
              "/audit?referral=" + classifying.businessKey())) {
        HttpCalls.Response response =
            path.startsWith("/dashboard") || path.startsWith("/audit")
                ? caller.get(path, "text/html")
                : path.endsWith(".csv") ? caller.get(path, "text/csv") : caller.get(path);
        assertThat(response.status()).as(user + " " + path).isLessThan(500);
        assertThat(response.body()).as(user + " " + path).doesNotContain(identities);
      }
    }
  }

  /** What only an answer with the referral's data holds. */
  private String marker(String door) {
    if (door.contains("{agendaId}")) {
      return identities.get(1);
    }
    if (door.contains("{sessionId}")) {
      // The agenda names the patient and gives the referral's number (not the IPP).
      return onAgenda.businessKey();
    }
    if (door.startsWith("GET /api/referrals/{id}/letters")) {
      return placeholders.get("{letterId}");
    }
    if (door.endsWith(".pdf")) {
      return "%PDF";
    }
    if (door.contains("mdt-decisions") || door.contains("{decisionId}")) {
      return placeholders.get("{decisionId}");
    }
    if (door.startsWith("GET /api/audit/")) {
      return classifying.businessKey();
    }
    if (door.startsWith("GET /api/referrals/{id}")) {
      return identities.get(0);
    }
    // The engine's variables, and the worklist's orders: the referral's id.
    return classifying.id().toString();
  }

  /** Logged in to the webapp the user may open (Tasklist, else Cockpit); none: no session at all. */
  private HttpCalls webappSession(String user) {
    return webappSessions.computeIfAbsent(
        user,
        name -> {
          for (String app : List.of("tasklist", "cockpit")) {
            HttpCalls browser = HttpCalls.browser(port);
            HttpCalls.Response page = browser.get("/camunda/app/" + app + "/default/");
            HttpCalls.Response login =
                browser.postForm(
                    "/camunda/api/admin/auth/user/default/login/" + app,
                    Map.of("username", name, "password", "demo"),
                    Map.of("X-XSRF-TOKEN", page.header("X-XSRF-TOKEN")));
            if (login.status() == 200) {
              return browser;
            }
          }
          return HttpCalls.browser(port);
        });
  }

  /** Every cell of the table under "Permission matrix (tested)". */
  static Stream<Arguments> matrix() throws IOException {
    List<String> lines = Files.readAllLines(SECURITY_DOC, StandardCharsets.UTF_8);
    int start = lines.indexOf("### Permission matrix (tested)");
    assertThat(start).as("the matrix in " + SECURITY_DOC).isPositive();
    List<String> groups = null;
    List<Arguments> cells = new ArrayList<>();
    for (String line : lines.subList(start, lines.size())) {
      if (line.startsWith("## ")) {
        break;
      }
      if (!line.startsWith("|") || line.startsWith("|---")) {
        continue;
      }
      List<String> columns =
          Stream.of(line.substring(1, line.length() - 1).split("\\|")).map(String::strip).toList();
      if (groups == null) {
        groups = columns.subList(1, columns.size());
        assertThat(groups).as("the matrix's columns").containsExactlyElementsOf(USERS.keySet());
        continue;
      }
      String door = columns.get(0).replace("`", "");
      for (int i = 1; i < columns.size(); i++) {
        assertThat(columns.get(i)).as(door).isIn("✓", "✗");
        cells.add(Arguments.of(new Cell(door, groups.get(i - 1), "✓".equals(columns.get(i)))));
      }
    }
    assertThat(cells).as("cells of the matrix").hasSizeGreaterThan(150);
    return cells.stream();
  }
}

package fr.sarcoma.referral.dossier;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.sarcoma.referral.referral.ReferralRequest;
import fr.sarcoma.referral.referral.ReferralService;
import fr.sarcoma.referral.support.HttpCalls;
import fr.sarcoma.referral.support.PathwayDriver;
import fr.sarcoma.referral.support.PostgresIntegrationTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * GET /api/patients?q=: a clinician finds a patient's referrals by name (case, accents and order aside,
 * the beginning of a word is enough), IPP, birth date or referral number; bad queries are 400s in
 * French; managers never read identity (403), anonymous callers are asked to log in (401). And the
 * pages it leads to: /patients and a referral's file, /patients/referrals/{id}.
 */
@PostgresIntegrationTest
class PatientSearchIT {

  private static final DateTimeFormatter FRENCH = DateTimeFormatter.ofPattern("dd/MM/yyyy");

  @LocalServerPort int port;
  @Autowired ReferralService referrals;
  @Autowired JdbcTemplate jdbc;
  @Autowired PathwayDriver pathway;

  /** A surname no other test uses, so that what is found is this test's patient only. */
  private String surname;

  private String ipp;
  private LocalDate birthDate;
  private Created first;

  record Created(String id, String businessKey) {}

  @BeforeEach
  void aPatientWithAnAccentedHyphenatedName() {
    surname = uniqueLetters();
    ipp = "IPP-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT);
    birthDate = LocalDate.of(1921 + new Random().nextInt(60), 1 + new Random().nextInt(12), 17);
    first = register(ipp, "LEFÈVRE-" + surname + " Éloïse", birthDate, "BONE");
  }

  @Test
  void byNameWhateverTheCaseTheAccentsAndTheOrder() {
    assertFoundOnly("Éloïse Lefèvre-" + surname, first);
    assertFoundOnly("lefevre " + surname.toLowerCase(Locale.ROOT) + " ELOISE", first);
    assertFoundOnly(surname.toUpperCase(Locale.ROOT), first);
    assertFoundOnly("lefèvre" + surname, first);
  }

  @Test
  void byTheBeginningOfTheNames() {
    assertFoundOnly(surname.substring(0, 6).toLowerCase(Locale.ROOT), first);
    assertFoundOnly("elo " + surname.substring(0, 5), first);
    assertThat(search("zz" + surname).json().path("results"))
        .as("not the middle of a word")
        .isEmpty();
  }

  @Test
  void byIppExactlyAsTypedOrInLowerCase() {
    Created second = register(ipp, "Lefèvre-" + surname + " Éloïse", birthDate, "SOFT_TISSUE");

    JsonNode found = search(ipp).json();
    assertThat(found.path("results").findValuesAsText("businessKey"))
        .as("both referrals of the patient, newest first")
        .containsExactly(second.businessKey(), first.businessKey());
    assertThat(search(ipp.toLowerCase(Locale.ROOT)).json().path("results")).hasSize(2);
    assertThat(search(ipp.substring(0, ipp.length() - 1)).json().path("results"))
        .as("an IPP is matched whole")
        .isEmpty();
  }

  @Test
  void byBirthDateAsAFrenchUserTypesItOrIso() {
    assertThat(
            search(birthDate.format(FRENCH)).json().path("results").findValuesAsText("businessKey"))
        .contains(first.businessKey());
    assertThat(search(birthDate.toString()).json().path("results").findValuesAsText("businessKey"))
        .contains(first.businessKey());
    assertFoundOnly(surname + " " + birthDate.format(FRENCH), first);
    assertThat(search(surname + " " + birthDate.plusDays(1).format(FRENCH)).json().path("results"))
        .as("the name and another birth date")
        .isEmpty();
  }

  @Test
  void byReferralNumber() {
    assertFoundOnly(first.businessKey(), first);
    assertFoundOnly(first.businessKey().toLowerCase(Locale.ROOT), first);
  }

  @Test
  void eachResultSaysWhoWhereHowUrgentWhereItStandsAndLeadsToTheFile() {
    JsonNode found = search(ipp).json();

    assertThat(found.path("truncated").asBoolean()).isFalse();
    assertThat(found.path("limit").asInt()).isEqualTo(50);
    assertThat(found.has("message")).as("nothing to say").isFalse();
    JsonNode result = found.path("results").get(0);
    assertThat(result.path("referralId").asText()).isEqualTo(first.id());
    assertThat(result.path("businessKey").asText()).isEqualTo(first.businessKey());
    JsonNode patient = result.path("patient");
    assertThat(patient.path("displayName").asText()).isEqualTo("LEFÈVRE-" + surname + " Éloïse");
    assertThat(patient.path("identifier").asText()).isEqualTo(ipp);
    assertThat(patient.path("sex").asText()).isEqualTo("FEMALE");
    assertThat(patient.path("birthDate").asText()).isEqualTo(birthDate.toString());
    assertThat(patient.path("age").asInt())
        .isEqualTo(Period.between(birthDate, LocalDate.now()).getYears());
    assertThat(result.path("site").asText()).isEqualTo("BONE");
    assertThat(result.path("urgency").asText()).isIn("URGENT", "ROUTINE");
    assertThat(result.path("stage").asText()).isEqualTo("INITIAL_IMAGING");
    assertThat(result.path("open").asBoolean()).isTrue();
    assertThat(result.path("receivedAt").asText()).isNotBlank();
    assertThat(result.path("fileUrl").asText()).isEqualTo("/patients/referrals/" + first.id());
    assertThat(found.path("labels").path("site.BONE").asText()).isEqualTo("Os");
    assertThat(found.path("labels").path("sex.FEMALE").asText()).isEqualTo("Femme");
    assertThat(found.path("labels").path("stage.INITIAL_IMAGING").asText())
        .isEqualTo("Imagerie initiale");
  }

  @Test
  void aClosedReferralSaysSo() {
    referrals.close(UUID.fromString(first.id()), "OUT_OF_SCOPE");

    JsonNode result = search(ipp).json().path("results").get(0);

    assertThat(result.path("open").asBoolean()).isFalse();
    assertThat(result.path("stage").asText()).isEqualTo("CLOSED");
    assertThat(result.path("closedAt").asText()).isNotBlank();
  }

  @Test
  void nothingFoundIsSaidInFrench() {
    HttpCalls.Response response = search("Inconnu" + uniqueLetters());

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.json().path("results")).isEmpty();
    assertThat(response.json().path("message").asText()).startsWith("Aucune demande ne correspond");
  }

  @Test
  void atMostFiftyReferralsTheNewestAndTheSearchSaysSo() {
    List<String> numbers = new ArrayList<>();
    IntStream.range(0, 51)
        .forEach(
            i ->
                numbers.add(
                    referrals
                        .register(
                            new ReferralRequest(
                                null,
                                ipp,
                                "Lefèvre-" + surname + " Éloïse",
                                birthDate,
                                "FEMALE",
                                "Dr Adresseur",
                                "SWELLING_OR_PAIN",
                                "SOFT_TISSUE",
                                "cuisse",
                                null,
                                "DEEP",
                                "NONE",
                                null))
                        .businessKey()));

    JsonNode found = search(surname).json();

    assertThat(found.path("truncated").asBoolean()).isTrue();
    assertThat(found.path("results")).hasSize(50);
    assertThat(found.path("results").get(0).path("businessKey").asText())
        .isEqualTo(numbers.get(50));
    assertThat(found.path("results").findValuesAsText("businessKey"))
        .doesNotContain(first.businessKey());
    assertThat(found.path("message").asText())
        .isEqualTo(
            "Plus de 50 demandes correspondent : seules les 50 plus récentes sont affichées."
                + " Précisez la recherche (nom et date de naissance, IPP ou numéro de dossier).");

    // A clinician with no rule on these referrals: nothing listed, nothing counted.
    JsonNode unreadable =
        HttpCalls.to(port)
            .as("surgeon", "demo")
            .get("/api/patients?q=" + URLEncoder.encode(surname, StandardCharsets.UTF_8))
            .json();
    assertThat(unreadable.path("results")).isEmpty();
    assertThat(unreadable.path("message").asText())
        .startsWith("Recherche trop large")
        .doesNotContain("50");
  }

  @Test
  void anUnreadableQueryIsA400InFrench() {
    assertBadQuery("/api/patients", "recherche vide");
    assertBadQuery("/api/patients?q=", "recherche vide");
    assertBadQuery("/api/patients?q=e", "recherche trop courte");
    assertBadQuery("/api/patients?q=31/02/1971", "date de naissance illisible ou impossible");
    assertBadQuery("/api/patients?q=12/13/1970", "attendu jj/mm/aaaa");
    assertBadQuery("/api/patients?q=1850-01-01", "hors de la période 1900–2199");
    assertBadQuery("/api/patients?q=" + "a".repeat(201), "au plus 200 caractères");
  }

  @Test
  void theClinicalGroupsSearchManagersNeverAnonymousCallersLogInFirst() {
    String path = "/api/patients?q=" + ipp;
    for (String user :
        List.of("coordinator", "radiologist", "surgeon", "pathologist", "mdtchair")) {
      assertThat(HttpCalls.to(port).as(user, "demo").get(path).status()).as(user).isEqualTo(200);
    }
    assertThat(HttpCalls.to(port).as("manager", "demo").get(path).status()).isEqualTo(403);
    assertThat(
            HttpCalls.to(port)
                .as("manager", "demo")
                .get("/patients?q=" + ipp, "text/html")
                .status())
        .isEqualTo(403);
    HttpCalls.Response anonymous = HttpCalls.to(port).get(path);
    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(anonymous.header("WWW-Authenticate")).startsWith("Basic");
    assertThat(HttpCalls.to(port).get("/patients", "text/html").status()).isEqualTo(401);
  }

  @Test
  void theSearchPageListsTheReferralsWithALinkToEachFile() {
    HttpCalls.Response page =
        HttpCalls.to(port).as("coordinator", "demo").get("/patients?q=" + ipp, "text/html");

    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body())
        .contains(
            "Rechercher un patient", first.businessKey(), "LEFÈVRE-" + surname + " Éloïse", ipp)
        .contains("href=\"/patients/referrals/" + first.id() + "\"")
        .contains(birthDate.format(FRENCH), "Os", "Imagerie initiale", "Femme");

    HttpCalls.Response refused =
        HttpCalls.to(port).as("surgeon", "demo").get("/patients?q=31/02/1971", "text/html");
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.body()).contains("Recherche impossible : date de naissance illisible");
  }

  @Test
  void theFilePageCarriesTheFileAndDrawsItWithTheDossierTabsScript() {
    HttpCalls.Response page =
        HttpCalls.to(port)
            .as("coordinator", "demo")
            .get("/patients/referrals/" + first.id(), "text/html");

    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body())
        .contains("Dossier " + first.businessKey())
        .contains("data-scripts=\"/camunda/app/tasklist/scripts/\"")
        .contains("<script type=\"module\" src=\"/patients/assets/file.js\">")
        .contains("\"identifier\":\"" + ipp + "\"")
        .contains("\"openTasks\":[");
    assertThat(
            HttpCalls.to(port)
                .as("radiologist", "demo")
                .get("/patients/referrals/" + UUID.randomUUID(), "text/html")
                .status())
        .isEqualTo(404);
  }

  /**
   * Need-to-know: a clinician finds only the referrals she may read (here: the radiologists, once
   * the classification task is theirs), each one listed recorded as a read of its identity with its
   * rule; the others are left out, unrecorded. The file page is a read of the file, refused (403,
   * recorded) to a clinician without a rule.
   */
  @Test
  void aClinicianFindsOnlyTheReferralsSheMayReadEachListingRecorded() {
    PathwayDriver.Referral referral =
        new PathwayDriver.Referral(UUID.fromString(first.id()), first.businessKey());
    pathway.runJobs(referral);
    assertThat(searchAs("radiologist").path("results")).as("no task of hers yet").isEmpty();
    assertThat(searchAs("radiologist").path("message").asText()).startsWith("Aucune demande");
    assertThat(reads("radiologist", "READ_IDENTITY")).isZero();

    pathway.reportExam(referral, "XRAY");
    assertThat(searchAs("radiologist").path("results").findValuesAsText("businessKey"))
        .containsExactly(first.businessKey());
    assertThat(searchAs("surgeon").path("results")).isEmpty();
    assertThat(
            jdbc.queryForList(
                "select reason from audit_event where referral_id = ? and actor = 'radiologist'"
                    + " and action = 'READ_IDENTITY' and door = 'api'",
                String.class,
                UUID.fromString(first.id())))
        .containsExactly("CANDIDATE_TASK");
    assertThat(reads("surgeon", "READ_IDENTITY")).isZero();

    HttpCalls.Response refused =
        HttpCalls.to(port)
            .as("surgeon", "demo")
            .get("/patients/referrals/" + first.id(), "text/html");
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.body()).doesNotContain(ipp, surname);
    assertThat(reads("surgeon", "READ_REFUSED")).isEqualTo(1);
    assertThat(
            HttpCalls.to(port)
                .as("radiologist", "demo")
                .get("/patients/referrals/" + first.id(), "text/html")
                .status())
        .isEqualTo(200);
    assertThat(reads("radiologist", "READ_FILE")).isEqualTo(1);
  }

  // --- helpers
  // --------------------------------------------------------------------------------------

  private com.fasterxml.jackson.databind.JsonNode searchAs(String user) {
    HttpCalls.Response response = HttpCalls.to(port).as(user, "demo").get("/api/patients?q=" + ipp);
    assertThat(response.status()).as(user).isEqualTo(200);
    return response.json();
  }

  private int reads(String user, String action) {
    return jdbc.queryForObject(
        "select count(*) from audit_event where referral_id = ? and actor = ? and action = ?",
        Integer.class,
        UUID.fromString(first.id()),
        user,
        action);
  }

  private HttpCalls.Response search(String query) {
    return HttpCalls.to(port)
        .as("coordinator", "demo")
        .get("/api/patients?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
  }

  private void assertFoundOnly(String query, Created referral) {
    HttpCalls.Response response = search(query);
    assertThat(response.status()).as(query).isEqualTo(200);
    assertThat(response.json().path("results").findValuesAsText("businessKey"))
        .as(query)
        .containsExactly(referral.businessKey());
  }

  private void assertBadQuery(String path, String reason) {
    HttpCalls.Response response = HttpCalls.to(port).as("coordinator", "demo").get(path);
    assertThat(response.status()).as(path).isEqualTo(400);
    assertThat(response.json().path("detail").asText()).isEqualTo("Requête invalide : q");
    assertThat(response.json().path("errors").get(0).path("field").asText()).isEqualTo("q");
    assertThat(response.json().path("errors").get(0).path("reason").asText()).contains(reason);
  }

  private Created register(String identifier, String name, LocalDate born, String site) {
    HttpCalls.Response created =
        HttpCalls.to(port)
            .as("coordinator", "demo")
            .postJson(
                "/api/referrals",
                """
                {"patientIdentifier": "%s", "patientDisplayName": "%s", "birthDate": "%s", "sex": "FEMALE",
                 "referringPhysician": "Dr Durand (Nancy)", "presentation": "SWELLING_OR_PAIN", "site": "%s",
                 "anatomicalLocation": "fémur gauche", "largestDimensionCm": 6, "depth": "DEEP",
                 "priorProcedure": "NONE"}
                """
                    .formatted(identifier, name, born, site));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return new Created(
        created.json().path("id").asText(), created.json().path("businessKey").asText());
  }

  /** Ten letters, capitalised: a name no other test gives. */
  static String uniqueLetters() {
    Random random = new Random();
    StringBuilder letters = new StringBuilder("Q");
    for (int i = 0; i < 9; i++) {
      letters.append((char) ('a' + random.nextInt(26)));
    }
    return letters.toString();
  }
}

package fr.sarcoma.referral.referral;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.sarcoma.referral.support.HttpCalls;
import fr.sarcoma.referral.support.PostgresIntegrationTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The intake warns of a patient already known, and registers the referral all the same: POST
 * /api/referrals answers 201 with {@code warnings} (the same IPP with its referrals; the same name and
 * birth date under another IPP), and GET /api/patients/possible-duplicates gives the same warnings
 * before anything is sent (the Tasklist start form).
 */
@PostgresIntegrationTest
class IntakeWarningsIT {

  private static final DateTimeFormatter FRENCH = DateTimeFormatter.ofPattern("dd/MM/yyyy");

  @LocalServerPort int port;
  @Autowired ReferralService referrals;
  @Autowired JdbcTemplate jdbc;

  private final LocalDate birthDate =
      LocalDate.of(1930 + new Random().nextInt(60), 1 + new Random().nextInt(12), 9);

  @Test
  void aNewPatientGetsNoWarning() {
    HttpCalls.Response created = post(newIpp(), "Hélène " + uniqueName(), birthDate);

    assertThat(created.status()).isEqualTo(201);
    assertThat(created.json().path("warnings").isArray()).isTrue();
    assertThat(created.json().path("warnings")).isEmpty();
  }

  @Test
  void theSameIppAgainIsAKnownPatientWithItsReferralsOpenOrClosed() {
    String ipp = newIpp();
    String name = "Hélène " + uniqueName();
    JsonNode closed = post(ipp, name, birthDate).json();
    referrals.close(UUID.fromString(closed.path("id").asText()), "OUT_OF_SCOPE");
    JsonNode open = post(ipp, name, birthDate).json();

    HttpCalls.Response third = post(ipp, name.toUpperCase(Locale.ROOT), birthDate);

    assertThat(third.status()).as("a warning, not a refusal").isEqualTo(201);
    JsonNode warnings = third.json().path("warnings");
    assertThat(warnings.findValuesAsText("code")).containsExactly("KNOWN_PATIENT");
    JsonNode known = warnings.get(0);
    assertThat(known.path("patientIdentifiers").toString()).isEqualTo("[\"" + ipp + "\"]");
    assertThat(known.path("referrals").findValuesAsText("businessKey"))
        .containsExactly(open.path("businessKey").asText(), closed.path("businessKey").asText());
    assertThat(known.path("referrals").get(0).path("open").asBoolean()).isTrue();
    assertThat(known.path("referrals").get(1).path("open").asBoolean()).isFalse();
    assertThat(known.path("referrals").get(0).path("referralId").asText())
        .isEqualTo(open.path("id").asText());
    assertThat(known.path("message").asText())
        .startsWith(
            "Patient déjà connu du réseau (IPP " + ipp + ") : 2 demandes déjà enregistrées : ")
        .contains(open.path("businessKey").asText() + " (en cours, reçue le ")
        .contains(closed.path("businessKey").asText() + " (close, reçue le ")
        .endsWith("Une demande est encore en cours : vérifiez qu'il ne s'agit pas de la même.");
    assertThat(referralsOf(ipp)).as("registered all the same").isEqualTo(3);
  }

  @Test
  void theSameIppUnderAnotherIdentityIsFlaggedAsWell() {
    String ipp = newIpp();
    String name = "Hélène " + uniqueName();
    post(ipp, name, birthDate);

    JsonNode warnings =
        post(ipp, "Paul " + uniqueName(), birthDate.plusYears(1)).json().path("warnings");

    assertThat(warnings.findValuesAsText("code"))
        .containsExactly("KNOWN_PATIENT", "IPP_IDENTITY_MISMATCH");
    assertThat(warnings.get(1).path("message").asText())
        .isEqualTo(
            "Pour l'IPP "
                + ipp
                + ", le réseau connaît « "
                + name
                + " », né(e) le "
                + birthDate.format(FRENCH)
                + ", et non l'identité saisie : vérifiez l'IPP. La demande est rattachée au"
                + " patient déjà connu sous cet IPP.");
  }

  @Test
  void theSameNameAndBirthDateUnderAnotherIppIsAPossibleDuplicate() {
    String surname = uniqueName();
    String firstIpp = newIpp();
    JsonNode first = post(firstIpp, "Hélène-Marie " + surname, birthDate).json();

    HttpCalls.Response second =
        post(newIpp(), surname.toUpperCase(Locale.ROOT) + " Helene Marie", birthDate);

    assertThat(second.status()).isEqualTo(201);
    JsonNode warnings = second.json().path("warnings");
    assertThat(warnings.findValuesAsText("code")).containsExactly("POSSIBLE_DUPLICATE");
    assertThat(warnings.get(0).path("patientIdentifiers").toString())
        .isEqualTo("[\"" + firstIpp + "\"]");
    assertThat(warnings.get(0).path("referrals").findValuesAsText("businessKey"))
        .containsExactly(first.path("businessKey").asText());
    assertThat(warnings.get(0).path("message").asText())
        .startsWith(
            "Un patient de même nom et prénom, né(e) le "
                + birthDate.format(FRENCH)
                + ", est déjà enregistré sous un autre IPP ("
                + firstIpp
                + ") : "
                + first.path("businessKey").asText()
                + " (en cours, reçue le ")
        .endsWith("signalez-le à l'identitovigilance.");

    assertThat(
            post(newIpp(), "Hélène-Marie " + surname, birthDate.plusDays(1))
                .json()
                .path("warnings"))
        .as("another birth date: another person")
        .isEmpty();
  }

  @Test
  void theTasklistStartFormAsksTheSameBeforeSending() {
    String ipp = newIpp();
    String surname = uniqueName();
    JsonNode first = post(ipp, "Hélène " + surname, birthDate).json();

    JsonNode byIpp = check("ipp=" + ipp).json().path("warnings");
    assertThat(byIpp.findValuesAsText("code")).containsExactly("KNOWN_PATIENT");
    assertThat(byIpp.get(0).path("referrals").get(0).path("businessKey").asText())
        .isEqualTo(first.path("businessKey").asText());

    String sameIdentity =
        "name=" + encode(surname + " helene") + "&birthDate=" + encode(birthDate.format(FRENCH));
    assertThat(
            check("ipp=" + newIpp() + "&" + sameIdentity)
                .json()
                .path("warnings")
                .findValuesAsText("code"))
        .containsExactly("POSSIBLE_DUPLICATE");
    assertThat(
            check(
                    "lastName="
                        + encode(surname)
                        + "&firstName=H%C3%A9l%C3%A8ne&birthDate="
                        + birthDate)
                .json()
                .path("warnings")
                .findValuesAsText("code"))
        .as("last and first name apart, ISO date, no IPP yet")
        .containsExactly("POSSIBLE_DUPLICATE");
    assertThat(
            check(
                    "ipp="
                        + newIpp()
                        + "&name="
                        + encode("Jules " + uniqueName())
                        + "&birthDate=01/02/1950")
                .json()
                .path("warnings"))
        .isEmpty();
  }

  @Test
  void theCheckNeedsAnIppOrANameAndABirthDateReadable() {
    HttpCalls.Response nothing = check("name=Dupont");
    assertThat(nothing.status()).isEqualTo(400);
    assertThat(nothing.json().path("errors").get(0).path("reason").asText())
        .isEqualTo("indiquez l'IPP, ou le nom et la date de naissance du patient");

    HttpCalls.Response badDate = check("name=Dupont&birthDate=31/02/1971");
    assertThat(badDate.status()).isEqualTo(400);
    assertThat(badDate.json().path("errors").get(0).path("field").asText()).isEqualTo("birthDate");
    assertThat(badDate.json().path("errors").get(0).path("reason").asText())
        .startsWith("date de naissance illisible ou impossible");
  }

  @Test
  void onlyCoordinatorsCheckAnonymousCallersLogInFirst() {
    String path = "/api/patients/possible-duplicates?ipp=" + newIpp();
    assertThat(HttpCalls.to(port).as("coordinator", "demo").get(path).status()).isEqualTo(200);
    assertThat(HttpCalls.to(port).as("radiologist", "demo").get(path).status()).isEqualTo(403);
    assertThat(HttpCalls.to(port).as("manager", "demo").get(path).status()).isEqualTo(403);
    assertThat(HttpCalls.to(port).get(path).status()).isEqualTo(401);
  }

  // --- helpers
  // --------------------------------------------------------------------------------------

  private HttpCalls.Response post(String ipp, String name, LocalDate born) {
    HttpCalls.Response created =
        HttpCalls.to(port)
            .as("coordinator", "demo")
            .postJson(
                "/api/referrals",
                """
                {"patientIdentifier": "%s", "patientDisplayName": "%s", "birthDate": "%s", "sex": "FEMALE",
                 "referringPhysician": "Dr Durand (Nancy)", "presentation": "SWELLING_OR_PAIN",
                 "site": "SOFT_TISSUE", "anatomicalLocation": "cuisse gauche", "largestDimensionCm": 4,
                 "depth": "SUPERFICIAL", "priorProcedure": "NONE"}
                """
                    .formatted(ipp, name, born));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created;
  }

  private HttpCalls.Response check(String query) {
    return HttpCalls.to(port)
        .as("coordinator", "demo")
        .get("/api/patients/possible-duplicates?" + query);
  }

  private int referralsOf(String ipp) {
    return jdbc.queryForObject(
        "select count(*) from referral r join patient p on p.id = r.patient_id where p.identifier = ?",
        Integer.class,
        ipp);
  }

  private static String newIpp() {
    return "IPP-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT);
  }

  /** A surname no other test gives. */
  private static String uniqueName() {
    Random random = new Random();
    StringBuilder letters = new StringBuilder("W");
    for (int i = 0; i < 9; i++) {
      letters.append((char) ('a' + random.nextInt(26)));
    }
    return letters.toString();
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}

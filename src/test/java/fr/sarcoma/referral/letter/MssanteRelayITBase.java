package fr.sarcoma.referral.letter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.sarcoma.referral.support.HttpCalls;
import fr.sarcoma.referral.support.PostgresContextInitializer;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What the MSSanté relay ITs share: a relay on 127.0.0.1 ({@link MutualTlsRelay}, which requires a client
 * certificate), a referral whose material-request letter goes to the referring physician's secure e-mail, and
 * that letter's delivery as the referral shows it. Each subclass is one site's configuration (its own context,
 * its own engine), given with {@code @TestPropertySource} in {@code spring.mail.*} and an SSL bundle
 * {@code mssante}, as the README's "Letters" section tells a site to write it.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "camunda.bpm.job-execution.enabled=false",
      "sarcoma.orders.result-sweep-delay=PT1H",
      "sarcoma.demo.history-months=0",
      "spring.autoconfigure.exclude=org.camunda.bpm.spring.boot.starter.webapp.CamundaBpmWebappAutoConfiguration",
      "spring.mail.host=127.0.0.1",
      "spring.mail.properties.mail.smtp.connectiontimeout=5000",
      "spring.mail.properties.mail.smtp.timeout=5000",
      "sarcoma.letters.delivery.from=rcp-sarcomes@test.mssante.fr",
      // The tests run the dispatcher themselves.
      "sarcoma.letters.delivery.poll=PT1H",
      "sarcoma.letters.delivery.max-attempts=2",
      "sarcoma.letters.delivery.first-retry=PT1M"
    })
@ActiveProfiles("demo")
@ContextConfiguration(initializers = PostgresContextInitializer.class)
@DirtiesContext
abstract class MssanteRelayITBase {

  static final int RELAY_PORT = freePort();
  static final String REFERRER_MAIL = "dr.durand@chu-nancy.mssante.fr";

  /** The subject of the structure's test certificate (src/test/resources/mssante/structure.p12). */
  static final String STRUCTURE_SUBJECT =
      "CN=rcp-sarcomes.test.mssante.fr,OU=999999999,O=RCP sarcomes (test),C=FR";

  @DynamicPropertySource
  static void relay(DynamicPropertyRegistry registry) {
    registry.add("spring.mail.port", () -> RELAY_PORT);
  }

  @Autowired LetterService letters;
  @Autowired LetterDispatcher dispatcher;
  @Autowired JdbcTemplate jdbc;
  @Autowired TaskService tasks;
  @LocalServerPort int port;

  /** A referral whose referring physician has a secure e-mail, with its material-request letter written. */
  UUID referralWithALetter() {
    HttpCalls.Response created =
        coordinator()
            .postJson(
                "/api/referrals",
                """
                {"patientIdentifier": "IPP-%s", "patientDisplayName": "Marie Exemple",
                 "birthDate": "1964-05-12", "sex": "FEMALE", "referringPhysician": "Dr Durand (Nancy)",
                 "referringPhysicianEmail": "%s",
                 "presentation": "SWELLING_OR_PAIN", "site": "SOFT_TISSUE", "anatomicalLocation": "cuisse",
                 "largestDimensionCm": 6.0, "depth": "DEEP", "priorProcedure": "NONE"}
                """
                    .formatted(UUID.randomUUID().toString().substring(0, 8), REFERRER_MAIL));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    UUID referral = UUID.fromString(created.json().path("id").asText());
    letters.sendPriorProcedureMaterialRequest(referral, "BIOPSY");
    return referral;
  }

  /** The material-request letter's only delivery, as {@code GET /api/referrals/{id}/letters} shows it. */
  JsonNode delivery(UUID referral) {
    HttpCalls.Response listed = coordinator().get("/api/referrals/" + referral + "/letters");
    assertThat(listed.status()).isEqualTo(200);
    for (JsonNode letter : listed.json()) {
      if (LetterService.MATERIAL_REQUEST.equals(letter.path("kind").asText())) {
        assertThat(letter.path("deliveries")).as(listed.body()).hasSize(1);
        return letter.path("deliveries").get(0);
      }
    }
    throw new AssertionError("No material-request letter: " + listed.body());
  }

  String businessKey(UUID referral) {
    return jdbc.queryForObject(
        "select business_key from referral where id = ?", String.class, referral);
  }

  /** The coordinators' letter tasks of this referral (their titles carry its number). */
  List<Task> coordinatorTasks(UUID referral) {
    return tasks
        .createTaskQuery()
        .taskCandidateGroup("coordinators")
        .taskNameLike("Courrier%" + businessKey(referral))
        .list();
  }

  /** Checks the message the relay received is the referral's letter: its number, its PDF, no patient name. */
  void assertIsTheLetter(MutualTlsRelay.Received message, UUID referral) throws Exception {
    assertThat(message.recipients()).containsExactly(REFERRER_MAIL);
    MimeMessage mail =
        new MimeMessage(
            Session.getInstance(new Properties()), new ByteArrayInputStream(message.data()));
    assertThat(mail.getSubject()).contains(businessKey(referral)).doesNotContain("Exemple");
    Multipart parts = (Multipart) mail.getContent();
    assertThat(parts.getBodyPart(1).getFileName())
        .isEqualTo("courrier-" + businessKey(referral) + ".pdf");
  }

  private HttpCalls coordinator() {
    return HttpCalls.to(port).as("coordinator", "demo");
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

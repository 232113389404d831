package fr.sarcoma.referral.letter;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import fr.sarcoma.referral.support.HttpCalls;
import fr.sarcoma.referral.support.PostgresContextInitializer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The relay over implicit TLS (SMTPS, as MSSanté's relays offer), configured the way a site configures it: an
 * SSL bundle ({@code spring.mail.ssl.bundle}) holding the structure's client certificate (key store) and the
 * relay's CA (trust store). GreenMail's SMTPS server and its test certificate stand in for both. GreenMail
 * never asks for the client certificate: a relay that requires it is {@link MutualTlsRelay}, in
 * LetterDeliveryClientCertificateIT, LetterDeliveryStartTlsIT and LetterDeliveryNoClientCertificateIT.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "camunda.bpm.job-execution.enabled=false",
      "sarcoma.orders.result-sweep-delay=PT1H",
      "sarcoma.demo.history-months=0",
      "camunda.bpm.process-engine-name=letterDeliveryTlsIT",
      "spring.autoconfigure.exclude=org.camunda.bpm.spring.boot.starter.webapp.CamundaBpmWebappAutoConfiguration",
      "spring.mail.host=127.0.0.1",
      "spring.mail.protocol=smtp",
      "spring.mail.ssl.enabled=true",
      "spring.mail.ssl.bundle=mssante",
      "spring.ssl.bundle.jks.mssante.keystore.location=classpath:greenmail.p12",
      "spring.ssl.bundle.jks.mssante.keystore.password=changeit",
      "spring.ssl.bundle.jks.mssante.keystore.type=PKCS12",
      "spring.ssl.bundle.jks.mssante.truststore.location=classpath:greenmail.p12",
      "spring.ssl.bundle.jks.mssante.truststore.password=changeit",
      "spring.ssl.bundle.jks.mssante.truststore.type=PKCS12",
      // GreenMail's test certificate does not name 127.0.0.1 (a real relay's does: keep the check
      // there).
      "spring.mail.properties.mail.smtp.ssl.checkserveridentity=false",
      "spring.mail.properties.mail.smtp.connectiontimeout=5000",
      "spring.mail.properties.mail.smtp.timeout=5000",
      "sarcoma.letters.delivery.from=rcp-sarcomes@test.mssante.fr",
      "sarcoma.letters.delivery.poll=PT1H",
      // Letters only: the coordinators' notifications have their own test (NotificationIT).
      "sarcoma.notifications.enabled=false"
    })
@ActiveProfiles("demo")
@ContextConfiguration(initializers = PostgresContextInitializer.class)
@DirtiesContext
class LetterDeliveryTlsIT {

  private static final int RELAY_PORT = freePort();

  @DynamicPropertySource
  static void relay(DynamicPropertyRegistry registry) {
    registry.add("spring.mail.port", () -> RELAY_PORT);
  }

  @Autowired LetterService letters;
  @Autowired LetterDispatcher dispatcher;
  @LocalServerPort int port;

  @Test
  void aLetterGoesOverTlsWithTheSslBundle() throws Exception {
    GreenMail relay =
        new GreenMail(new ServerSetup(RELAY_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS));
    relay.start();
    try {
      HttpCalls.Response created =
          HttpCalls.to(port)
              .as("coordinator", "demo")
              .postJson(
                  "/api/referrals",
                  """
                  {"patientIdentifier": "IPP-%s", "patientDisplayName": "Marie Exemple",
                   "birthDate": "1964-05-12", "sex": "FEMALE", "referringPhysician": "Dr Durand (Nancy)",
                   "referringPhysicianEmail": "dr.durand@chu-nancy.mssante.fr",
                   "presentation": "SWELLING_OR_PAIN", "site": "SOFT_TISSUE", "anatomicalLocation": "cuisse",
                   "largestDimensionCm": 6.0, "depth": "DEEP", "priorProcedure": "NONE"}
                  """
                      .formatted(UUID.randomUUID().toString().substring(0, 8)));
      assertThat(created.status()).as(created.body()).isEqualTo(201);
      letters.sendPriorProcedureMaterialRequest(
          UUID.fromString(created.json().path("id").asText()), "BIOPSY");

      assertThat(dispatcher.deliverDue(Instant.now())).isEqualTo(1);
      assertThat(relay.getReceivedMessages()).hasSize(1);
      assertThat(relay.getReceivedMessages()[0].getAllRecipients()[0].toString())
          .isEqualTo("dr.durand@chu-nancy.mssante.fr");
    } finally {
      relay.stop();
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

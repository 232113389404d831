package fr.sarcoma.referral.letter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * A site that forgot the structure's certificate: its SSL bundle has the relay's CA (trust store) but no key
 * store, and the relay, which requires a client certificate, refuses the TLS handshake. The letter is not
 * lost: its delivery stays PENDING with the reason and a next attempt, then (max-attempts=2) FAILED with a
 * coordinators' task that carries the reason; never SENT.
 */
@TestPropertySource(
    properties = {
      "camunda.bpm.process-engine-name=letterDeliveryNoClientCertificateIT",
      "spring.mail.ssl.enabled=true",
      "spring.mail.ssl.bundle=mssante",
      "spring.ssl.bundle.jks.mssante.truststore.location=classpath:mssante/test-ca.p12",
      "spring.ssl.bundle.jks.mssante.truststore.password=changeit",
      "spring.ssl.bundle.jks.mssante.truststore.type=PKCS12"
    })
class LetterDeliveryNoClientCertificateIT extends MssanteRelayITBase {

  @Test
  @DisplayName(
      "Without a client certificate the relay refuses the handshake: PENDING with the reason and a next"
          + " attempt, then FAILED with a coordinators' task; never SENT, nothing received")
  void refusedWithoutAClientCertificate() throws Exception {
    UUID referral = referralWithALetter();
    Instant now = Instant.now();

    MutualTlsRelay relay = new MutualTlsRelay(RELAY_PORT, MutualTlsRelay.Tls.IMPLICIT);
    int sentFirst;
    JsonNode first;
    int sentSecond;
    try (relay) {
      sentFirst = dispatcher.deliverDue(now);
      first = delivery(referral);
      sentSecond = dispatcher.deliverDue(now.plusSeconds(60));
    }

    assertThat(sentFirst).isZero();
    assertThat(first.path("status").asText()).isEqualTo("PENDING");
    assertThat(first.path("attempts").asInt()).isEqualTo(1);
    assertThat(first.path("lastError").asText()).containsIgnoringCase("certificate");
    assertThat(Instant.parse(first.path("nextAttemptAt").asText()))
        .isBetween(now.plusSeconds(59), now.plusSeconds(61));

    assertThat(sentSecond).isZero();
    JsonNode failed = delivery(referral);
    assertThat(failed.path("status").asText()).isEqualTo("FAILED");
    assertThat(failed.path("attempts").asInt()).isEqualTo(2);
    assertThat(failed.path("lastError").asText()).containsIgnoringCase("certificate");
    assertThat(failed.path("sentAt").isMissingNode() || failed.path("sentAt").isNull()).isTrue();
    assertThat(coordinatorTasks(referral))
        .extracting(Task::getName)
        .containsExactly(LetterDeliveryTasks.FAILED + " — " + businessKey(referral));
    assertThat(coordinatorTasks(referral).get(0).getDescription())
        .containsIgnoringCase("certificate");

    assertThat(relay.received()).isEmpty();
    assertThat(relay.refusedHandshakes())
        .hasSize(2)
        .allSatisfy(reason -> assertThat(reason).containsIgnoringCase("certificate"));
  }
}

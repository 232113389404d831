package fr.sarcoma.referral.letter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * MSSanté over STARTTLS: a plain SMTP port that refuses MAIL before STARTTLS, then requires a client
 * certificate in the upgraded session. The site sets {@code starttls.enable} and {@code starttls.required}
 * (never a letter in clear, even if a relay stops offering STARTTLS) and the same SSL bundle as for implicit
 * TLS, without {@code spring.mail.ssl.enabled}: Angus Mail's STARTTLS takes the bundle's socket factory
 * ({@code mail.smtp.ssl.socketFactory}), client certificate included.
 */
@TestPropertySource(
    properties = {
      "camunda.bpm.process-engine-name=letterDeliveryStartTlsIT",
      "spring.mail.properties.mail.smtp.starttls.enable=true",
      "spring.mail.properties.mail.smtp.starttls.required=true",
      "spring.mail.ssl.bundle=mssante",
      "spring.ssl.bundle.jks.mssante.keystore.location=classpath:mssante/structure.p12",
      "spring.ssl.bundle.jks.mssante.keystore.password=changeit",
      "spring.ssl.bundle.jks.mssante.keystore.type=PKCS12",
      "spring.ssl.bundle.jks.mssante.truststore.location=classpath:mssante/test-ca.p12",
      "spring.ssl.bundle.jks.mssante.truststore.password=changeit",
      "spring.ssl.bundle.jks.mssante.truststore.type=PKCS12"
    })
class LetterDeliveryStartTlsIT extends MssanteRelayITBase {

  @Test
  @DisplayName(
      "STARTTLS required: the plain connection is upgraded, the relay gets the structure's certificate, the"
          + " letter is delivered over the upgraded connection, SENT")
  void deliveredOverStartTls() throws Exception {
    UUID referral = referralWithALetter();

    MutualTlsRelay relay = new MutualTlsRelay(RELAY_PORT, MutualTlsRelay.Tls.STARTTLS);
    int sent;
    try (relay) {
      sent = dispatcher.deliverDue(Instant.now());
    }

    assertThat(sent).isEqualTo(1);
    assertThat(relay.refusedHandshakes()).isEmpty();
    List<MutualTlsRelay.Received> received = relay.received();
    assertThat(received).hasSize(1);
    MutualTlsRelay.Received message = received.get(0);
    assertThat(message.upgradedByStartTls()).isTrue();
    assertThat(message.tlsProtocol()).startsWith("TLSv1.");
    assertThat(message.clientSubject()).isEqualTo(STRUCTURE_SUBJECT);
    assertIsTheLetter(message, referral);

    JsonNode delivery = delivery(referral);
    assertThat(delivery.path("status").asText()).isEqualTo("SENT");
    assertThat(delivery.path("attempts").asInt()).isEqualTo(1);
  }
}

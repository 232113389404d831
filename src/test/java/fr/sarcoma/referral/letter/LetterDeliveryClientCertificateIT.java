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
 * MSSanté over implicit TLS (SMTPS): the relay requires a client certificate, and the site's SSL bundle holds
 * the structure's certificate (key store) and the relay's CA (trust store). The relay's own certificate is
 * checked (names 127.0.0.1) as a real relay's is: no {@code checkserveridentity=false}.
 */
@TestPropertySource(
    properties = {
      "camunda.bpm.process-engine-name=letterDeliveryClientCertificateIT",
      "spring.mail.ssl.enabled=true",
      "spring.mail.ssl.bundle=mssante",
      "spring.ssl.bundle.jks.mssante.keystore.location=classpath:mssante/structure.p12",
      "spring.ssl.bundle.jks.mssante.keystore.password=changeit",
      "spring.ssl.bundle.jks.mssante.keystore.type=PKCS12",
      "spring.ssl.bundle.jks.mssante.truststore.location=classpath:mssante/test-ca.p12",
      "spring.ssl.bundle.jks.mssante.truststore.password=changeit",
      "spring.ssl.bundle.jks.mssante.truststore.type=PKCS12"
    })
class LetterDeliveryClientCertificateIT extends MssanteRelayITBase {

  @Test
  @DisplayName(
      "A relay that requires a client certificate gets the structure's from the SSL bundle: the letter is"
          + " delivered over TLS, SENT")
  void deliveredWithTheStructuresCertificate() throws Exception {
    UUID referral = referralWithALetter();

    MutualTlsRelay relay = new MutualTlsRelay(RELAY_PORT, MutualTlsRelay.Tls.IMPLICIT);
    int sent;
    try (relay) {
      sent = dispatcher.deliverDue(Instant.now());
    }

    assertThat(sent).isEqualTo(1);
    assertThat(relay.refusedHandshakes()).isEmpty();
    List<MutualTlsRelay.Received> received = relay.received();
    assertThat(received).hasSize(1);
    MutualTlsRelay.Received message = received.get(0);
    assertThat(message.clientSubject()).isEqualTo(STRUCTURE_SUBJECT);
    assertThat(message.tlsProtocol()).startsWith("TLSv1.");
    assertThat(message.upgradedByStartTls()).isFalse();
    assertIsTheLetter(message, referral);

    JsonNode delivery = delivery(referral);
    assertThat(delivery.path("status").asText()).isEqualTo("SENT");
    assertThat(delivery.path("attempts").asInt()).isEqualTo(1);
    assertThat(delivery.path("sentAt").asText()).isNotBlank();
    assertThat(coordinatorTasks(referral)).isEmpty();
  }
}

package fr.sarcoma.referral.integration;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The hospital's FHIR order system ({@code SARCOMA_FHIR_BASE_URL}, …). Without a base URL, orders
 * go to the coordinators' worklist: small centres work exactly like this.
 */
@ConfigurationProperties("sarcoma.fhir")
public record FhirSettings(
    String baseUrl,
    String username,
    String password,
    Duration connectTimeout,
    Duration socketTimeout) {

  public FhirSettings {
    connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
    socketTimeout = socketTimeout == null ? Duration.ofSeconds(30) : socketTimeout;
  }

  @Override
  public String toString() {
    return "FhirSettings[baseUrl=" + baseUrl + ", username=" + username + ", password=***]";
  }
}

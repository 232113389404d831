package fr.sarcoma.referral.integration;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The hospital's FHIR order system ({@code SARCOMA_FHIR_BASE_URL}, …). Without a base URL, orders
 * go to the coordinators' worklist: small centres work exactly like this.
 *
 * <p>{@code connectTimeout} (default 3 s) and {@code readTimeout} (default 10 s, the longest wait
 * for the next bytes of an answer) bound how long one send can hold a job executor thread: a
 * receiver that hangs fails the attempt, which the job retries on its schedule (issue 15).
 */
@ConfigurationProperties("sarcoma.fhir")
public record FhirSettings(
    String baseUrl,
    String username,
    String password,
    Duration connectTimeout,
    Duration readTimeout) {

  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(3);
  public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(10);

  public FhirSettings {
    connectTimeout = positive(connectTimeout, DEFAULT_CONNECT_TIMEOUT, "connect-timeout");
    readTimeout = positive(readTimeout, DEFAULT_READ_TIMEOUT, "read-timeout");
  }

  private static Duration positive(Duration value, Duration fallback, String name) {
    if (value == null) {
      return fallback;
    }
    // Zero would mean "wait for ever" to the HTTP client: exactly what these settings prevent.
    if (value.isZero() || value.isNegative()) {
      throw new IllegalArgumentException("sarcoma.fhir." + name + " must be positive: " + value);
    }
    return value;
  }

  @Override
  public String toString() {
    return "FhirSettings[baseUrl="
        + baseUrl
        + ", username="
        + username
        + ", password=***, connectTimeout="
        + connectTimeout
        + ", readTimeout="
        + readTimeout
        + "]";
  }
}

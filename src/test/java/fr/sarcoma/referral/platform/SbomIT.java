package fr.sarcoma.referral.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.sarcoma.referral.support.HttpCalls;
import fr.sarcoma.referral.support.PostgresIntegrationTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 15: the build's CycloneDX SBOM (cyclonedx-maven-plugin, run by every build) is served to the managers'
 * operations door, listing the runtime dependencies with their versions and never the test ones.
 */
@PostgresIntegrationTest
class SbomIT {

  private static final String CYCLONEDX = "application/vnd.cyclonedx+json";

  @LocalServerPort int port;

  @Test
  @DisplayName(
      "The SBOM of the application: CycloneDX, runtime dependencies with versions, no test dependency; managers only")
  void theApplicationsSbomIsServed() {
    HttpCalls.Response sbom =
        HttpCalls.to(port).as("manager", "demo").get("/actuator/sbom/application", "*/*");

    assertThat(sbom.status()).as(sbom.body()).isEqualTo(200);
    assertThat(sbom.header("Content-Type")).startsWith(CYCLONEDX);
    JsonNode bom = sbom.json();
    assertThat(bom.path("bomFormat").asText()).isEqualTo("CycloneDX");
    List<String> components = new ArrayList<>();
    bom.path("components")
        .forEach(
            component ->
                components.add(
                    component.path("group").asText()
                        + ":"
                        + component.path("name").asText()
                        + ":"
                        + component.path("version").asText()));
    assertThat(components)
        .contains("org.camunda.bpm:camunda-engine:7.24.0")
        .anyMatch(component -> component.startsWith("org.postgresql:postgresql:"))
        .noneMatch(component -> component.contains(":greenmail"))
        .noneMatch(component -> component.contains(":selenium"));

    assertThat(HttpCalls.to(port).get("/actuator/sbom/application").status()).isEqualTo(401);
    assertThat(
            HttpCalls.to(port).as("coordinator", "demo").get("/actuator/sbom/application").status())
        .isEqualTo(403);
  }
}

package fr.sarcoma.referral.platform;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.sarcoma.referral.SarcomaReferralApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.mock.env.MockEnvironment;

class ProductionSettingsCheckTest {

  private final ProductionSettingsCheck check = new ProductionSettingsCheck();

  @Test
  void outsideTheDemoTheDatabaseAndTheFirstAdministratorAreRequired() {
    MockEnvironment environment = new MockEnvironment().withProperty("sarcoma.admin.password", " ");

    assertThatThrownBy(() -> check.postProcessEnvironment(environment, null))
        .hasMessageContaining("SPRING_DATASOURCE_URL (spring.datasource.url)")
        .hasMessageContaining("SARCOMA_ADMIN_USER (sarcoma.admin.user)")
        .hasMessageContaining("SARCOMA_ADMIN_PASSWORD (sarcoma.admin.password)");
  }

  @Test
  void namesOnlyWhatIsMissing() {
    MockEnvironment environment =
        new MockEnvironment()
            .withProperty("spring.datasource.url", "jdbc:postgresql://db/sarcoma")
            .withProperty("sarcoma.admin.user", "admin");

    assertThatThrownBy(() -> check.postProcessEnvironment(environment, null))
        .hasMessageContaining("SARCOMA_ADMIN_PASSWORD")
        .hasMessageNotContaining("SPRING_DATASOURCE_URL")
        .hasMessageNotContaining("SARCOMA_ADMIN_USER ");
  }

  @Test
  void aCompleteConfigurationPasses() {
    MockEnvironment environment =
        new MockEnvironment()
            .withProperty("spring.datasource.url", "jdbc:postgresql://db/sarcoma")
            .withProperty("sarcoma.admin.user", "admin")
            .withProperty("sarcoma.admin.password", "Premier-Admin-2026!");

    assertThatCode(() -> check.postProcessEnvironment(environment, null))
        .doesNotThrowAnyException();
  }

  @Test
  void theDemoNeedsNothing() {
    MockEnvironment environment = new MockEnvironment();
    environment.setActiveProfiles("demo");

    assertThatCode(() -> check.postProcessEnvironment(environment, null))
        .doesNotThrowAnyException();
  }

  @Test
  void theApplicationRefusesToStartWithoutThem() {
    assertThatThrownBy(
            () ->
                new SpringApplicationBuilder(SarcomaReferralApplication.class)
                    .properties("server.port=0")
                    .run())
        .hasMessageContaining("Missing required settings outside the demo profile")
        .hasMessageContaining("SARCOMA_ADMIN_USER");
  }
}

package fr.sarcoma.referral.platform;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Profiles;

/**
 * Outside the demo profile there is no embedded database, no demo user and no default password:
 * the database and the first administrator must be configured. Checked before anything starts,
 * so that a missing setting fails with one message naming every variable to set, instead of an
 * application silently running on an in-memory database or without an administrator.
 */
public class ProductionSettingsCheck implements EnvironmentPostProcessor {

  static final String DEMO_PROFILE = "demo";

  /** Property → the environment variable an operator sets. */
  static final Map<String, String> REQUIRED = requiredSettings();

  private static Map<String, String> requiredSettings() {
    Map<String, String> required = new LinkedHashMap<>();
    required.put("spring.datasource.url", "SPRING_DATASOURCE_URL");
    required.put("sarcoma.admin.user", "SARCOMA_ADMIN_USER");
    required.put("sarcoma.admin.password", "SARCOMA_ADMIN_PASSWORD");
    return required;
  }

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    if (environment.acceptsProfiles(Profiles.of(DEMO_PROFILE))) {
      return;
    }
    List<String> missing =
        REQUIRED.entrySet().stream()
            .filter(setting -> isBlank(environment.getProperty(setting.getKey())))
            .map(setting -> setting.getValue() + " (" + setting.getKey() + ")")
            .toList();
    if (!missing.isEmpty()) {
      throw new IllegalStateException(
          "Missing required settings outside the demo profile: "
              + String.join(", ", missing)
              + ". Set them as environment variables (see README, 'Run on PostgreSQL'), "
              + "or start the demo with the 'demo' profile (./mvnw spring-boot:run).");
    }
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}

package fr.sarcoma.referral.chaos;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The run's parameters, each a system property ({@code -Dchaos.rate=2}); README, "Resilience".
 * Durations are ISO-8601 ({@code PT30S}) or a number of seconds.
 */
record ChaosSettings(
    Path jar,
    double rate,
    Duration load,
    int kills,
    int burst,
    Duration killLatency,
    Duration receiverDown,
    Duration hang,
    Duration dbDown,
    Duration drain,
    Duration grace,
    Duration startTimeout,
    Duration requestTimeout,
    String xmx,
    List<String> jvmArgs,
    List<String> appArgs,
    boolean strictReceiver,
    String dbMode,
    String dbStopMode,
    Path pgBin,
    String pgUrl,
    String pgUser,
    String pgPassword,
    boolean publish) {

  static ChaosSettings fromSystemProperties() {
    return new ChaosSettings(
        Path.of(text("chaos.jar", "target/sarcoma-mdt-referral-0.1.0-SNAPSHOT.jar")),
        Double.parseDouble(text("chaos.rate", "1")),
        duration("chaos.load", "PT20S"),
        Integer.parseInt(text("chaos.kills", "3")),
        Integer.parseInt(text("chaos.burst", "6")),
        duration("chaos.killLatency", "PT1S"),
        duration("chaos.receiverDown", "PT30S"),
        duration("chaos.hang", "PT30S"),
        duration("chaos.dbDown", "PT30S"),
        duration("chaos.drain", "PT2M"),
        duration("chaos.grace", "PT5M"),
        duration("chaos.startTimeout", "PT4M"),
        duration("chaos.requestTimeout", "PT60S"),
        text("chaos.xmx", "640m"),
        words(text("chaos.jvmArgs", "")),
        words(text("chaos.appArgs", "")),
        !"lenient".equals(text("chaos.receiver", "strict")),
        text("chaos.db", "auto"),
        text("chaos.dbStopMode", "fast"),
        Path.of(text("chaos.pgBin", defaultPgBin())),
        text(
            "chaos.pgUrl",
            System.getenv()
                .getOrDefault("SARCOMA_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/")),
        text("chaos.pgUser", System.getenv().getOrDefault("SARCOMA_TEST_PG_USER", "postgres")),
        text("chaos.pgPassword", System.getenv().getOrDefault("SARCOMA_TEST_PG_PASSWORD", "")),
        Boolean.parseBoolean(text("chaos.publish", "false")));
  }

  /** Every chaos.* property given on the command line, for the report. */
  static Map<String, String> given() {
    Map<String, String> given = new TreeMap<>();
    System.getProperties()
        .forEach(
            (key, value) -> {
              if (key.toString().startsWith("chaos.")) {
                given.put(key.toString(), value.toString());
              }
            });
    return given;
  }

  private static String text(String key, String fallback) {
    String value = System.getProperty(key);
    return value == null || value.isBlank() ? fallback : value.trim();
  }

  private static Duration duration(String key, String fallback) {
    String value = text(key, fallback);
    return value.matches("\\d+")
        ? Duration.ofSeconds(Long.parseLong(value))
        : Duration.parse(value);
  }

  private static List<String> words(String value) {
    return value.isBlank() ? List.of() : Arrays.asList(value.trim().split("\\s+"));
  }

  /** The newest /usr/lib/postgresql/N/bin with an initdb. */
  private static String defaultPgBin() {
    Path root = Path.of("/usr/lib/postgresql");
    if (!Files.isDirectory(root)) {
      return "/usr/lib/postgresql/15/bin";
    }
    try (Stream<Path> versions = Files.list(root)) {
      return versions
          .map(version -> version.resolve("bin"))
          .filter(bin -> Files.isExecutable(bin.resolve("initdb")))
          .max(
              Comparator.comparingDouble(
                  bin -> {
                    try {
                      return Double.parseDouble(bin.getParent().getFileName().toString());
                    } catch (NumberFormatException e) {
                      return 0;
                    }
                  }))
          .map(Path::toString)
          .orElse("/usr/lib/postgresql/15/bin");
    } catch (java.io.IOException e) {
      return "/usr/lib/postgresql/15/bin";
    }
  }
}

package fr.sarcoma.referral.mdt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** M4: MDT decisions are only ever inserted. No code of the application updates or deletes them. */
class MdtDecisionImmutabilityTest {

  private static final Pattern CHANGES_A_DECISION =
      Pattern.compile(
          "\\b(update\\s+mdt_decision|delete\\s+from\\s+mdt_decision|truncate\\s+(table\\s+)?mdt_decision|merge\\s+into\\s+mdt_decision)\\b",
          Pattern.CASE_INSENSITIVE);

  @Test
  @DisplayName("M4: no statement of the application updates, deletes or merges into mdt_decision")
  void decisionsAreNeverChanged() throws IOException {
    List<Path> offenders;
    try (Stream<Path> sources = Files.walk(Path.of("src", "main"))) {
      offenders =
          sources
              .filter(Files::isRegularFile)
              .filter(file -> CHANGES_A_DECISION.matcher(read(file)).find())
              .toList();
    }
    assertThat(offenders)
        .as("code that changes an MDT decision: record a correction instead")
        .isEmpty();
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (UncheckedIOException | IOException binary) {
      return "";
    }
  }
}

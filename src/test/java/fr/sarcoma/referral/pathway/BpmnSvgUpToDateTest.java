package fr.sarcoma.referral.pathway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The README shows each model as docs/bpmn/&lt;name&gt;.svg, drawn by .ci/bpmn-svg/render.mjs, which records in
 * the picture the SHA-256 of the model it was drawn from. A model changed without its picture fails here, so
 * the README never shows a pathway other than the one that runs.
 *
 * <p>The hash is of the model file's bytes as committed, not of its parsed XML, and no line-ending difference is
 * forgiven: the repository converts no line endings (no .gitattributes eol rule), so a checkout gives the committed
 * bytes, those the picture was drawn from (a clone made with core.autocrlf=true would not, and fails here). Any
 * edit counts, even a layout-only or whitespace one: regenerating is cheaper than judging.
 */
class BpmnSvgUpToDateTest {

  static final String REGENERATE = "npm ci --prefix .ci/bpmn-svg && node .ci/bpmn-svg/render.mjs";

  private static final Path MODELS = Path.of("bpmn");
  private static final Path PICTURES = Path.of("docs", "bpmn");
  private static final Pattern METADATA =
      Pattern.compile("<metadata model=\"([^\"]+)\" model-sha256=\"([0-9a-f]{64})\"");

  static List<String> models() throws IOException {
    try (Stream<Path> files = Files.list(MODELS)) {
      return files
          .map(file -> file.getFileName().toString())
          .filter(name -> name.endsWith(".bpmn"))
          .sorted()
          .toList();
    }
  }

  @Test
  void theModelsAreFound() throws IOException {
    // The parameterized test below passes vacuously on an empty list: make sure it ran from the
    // project root.
    assertThat(models()).contains("SarcomaReferralProcess.bpmn", "ExamOrderProcess.bpmn");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("models")
  void eachModelHasAPictureDrawnFromItsCurrentVersion(String model) throws Exception {
    Path picture = PICTURES.resolve(model.replaceFirst("\\.bpmn$", ".svg"));
    assertThat(Files.exists(picture))
        .withFailMessage(
            "%s has no picture %s: draw it with `%s` and commit it",
            MODELS.resolve(model), picture, REGENERATE)
        .isTrue();

    Matcher recorded = METADATA.matcher(Files.readString(picture));
    assertThat(recorded.find())
        .withFailMessage("%s records no model-sha256: draw it again with `%s`", picture, REGENERATE)
        .isTrue();
    assertThat(recorded.group(1))
        .withFailMessage(
            "%s was drawn from %s, not from bpmn/%s: draw it again with `%s`",
            picture, recorded.group(1), model, REGENERATE)
        .isEqualTo("bpmn/" + model);
    String current = sha256(MODELS.resolve(model));
    assertThat(recorded.group(2))
        .withFailMessage(
            "bpmn/%s changed since %s was drawn (picture drawn from sha256 %s, model now %s): "
                + "draw it again with `%s` and commit the picture with the model",
            model, picture, recorded.group(2), current, REGENERATE)
        .isEqualTo(current);
  }

  @Test
  void everyPictureHasItsModel() throws IOException {
    List<String> models = models();
    try (Stream<Path> files = Files.list(PICTURES)) {
      List<String> orphans =
          files
              .map(file -> file.getFileName().toString())
              .filter(name -> name.endsWith(".svg"))
              .filter(name -> !models.contains(name.replaceFirst("\\.svg$", ".bpmn")))
              .toList();
      assertThat(orphans)
          .withFailMessage(
              "pictures of models that no longer exist in bpmn/, delete them: %s", orphans)
          .isEmpty();
    }
  }

  private static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }
}

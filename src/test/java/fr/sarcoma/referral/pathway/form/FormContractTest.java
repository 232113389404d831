package fr.sarcoma.referral.pathway.form;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.sarcoma.referral.platform.web.FieldProblem;
import fr.sarcoma.referral.platform.web.RuleViolationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Reading the forms' constraints and checking answers against them, without an engine. */
class FormContractTest {

  private static FormContract form(String id) throws IOException {
    try (InputStream in = Files.newInputStream(Path.of("bpmn", "forms", id + ".form"))) {
      return FormContract.read(in);
    }
  }

  private static FormContract inline(String components) {
    String json = "{\"id\":\"Test\",\"type\":\"default\",\"components\":[" + components + "]}";
    return FormContract.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void everyFormOfTheModelsIsReadWithItsAnswerFields() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("bpmn", "forms"))) {
      List<Path> forms = files.filter(file -> file.toString().endsWith(".form")).toList();
      assertThat(forms).hasSizeGreaterThanOrEqualTo(10);
      for (Path file : forms) {
        try (InputStream in = Files.newInputStream(file)) {
          FormContract contract = FormContract.read(in);
          assertThat(contract.id())
              .as(file.toString())
              .isEqualTo(file.getFileName().toString().replace(".form", ""));
          assertThat(contract.fields()).as(file.toString()).isNotEmpty();
        }
      }
    }
  }

  @Test
  void constraintsAreReadAsDeclared() throws IOException {
    FormField size =
        form("CharacterisationReport").fields().stream()
            .filter(field -> field.key().equals("sizeLongAxisCm"))
            .findFirst()
            .orElseThrow();
    assertThat(size.kind()).isEqualTo(FormField.Kind.NUMBER);
    assertThat(size.required()).isTrue();
    assertThat(size.min()).isEqualByComparingTo("0.1");
    assertThat(size.max()).isEqualByComparingTo("100");
    assertThat(size.decimalDigits()).isEqualTo(1);

    FormField fixation =
        form("PrepareMdtCase").fields().stream()
            .filter(field -> field.key().equals("fixationDeferred"))
            .findFirst()
            .orElseThrow();
    assertThat(fixation.hideWhen()).isEqualTo("=presentation != \"PATHOLOGICAL_FRACTURE\"");
  }

  @Test
  void aConstraintTheServerDoesNotKnowIsAnErrorNotSilence() {
    assertThatThrownBy(
            () ->
                inline(
                    "{\"type\":\"textfield\",\"key\":\"a\",\"validate\":{\"validationType\":\"email\"}}"))
        .hasMessageContaining("validationType");
    assertThatThrownBy(() -> inline("{\"type\":\"datetime\",\"key\":\"a\"}"))
        .hasMessageContaining("datetime");
    assertThatThrownBy(
            () -> inline("{\"type\":\"select\",\"key\":\"a\",\"valuesKey\":\"options\"}"))
        .hasMessageContaining("valuesKey");
    assertThatThrownBy(() -> inline("{\"type\":\"textfield\",\"key\":\"a\",\"readonly\":true}"))
        .hasMessageContaining("readonly");
  }

  @Test
  void answersAreCheckedAsFormJsChecksThemInTheBrowser() {
    FormContract contract =
        inline(
            """
        {"type":"textfield","key":"text","label":"Texte","validate":{"required":true,"maxLength":5,"pattern":"^[a-z]+$"}},
        {"type":"number","key":"size","validate":{"min":0.1,"max":100},"decimalDigits":1},
        {"type":"checkbox","key":"agreed","validate":{"required":true}},
        {"type":"radio","key":"choice","values":[{"label":"Oui","value":true},{"label":"Non","value":false}]},
        {"type":"checklist","key":"signs","values":[{"label":"A","value":"A"},{"label":"B","value":"B"}],
         "validate":{"required":true}}""");
    Map<String, Object> valid =
        new HashMap<>(
            Map.of(
                "text",
                "abc",
                "size",
                8.5,
                "agreed",
                true,
                "choice",
                false,
                "signs",
                List.of("A", "B")));
    assertThat(FormCheck.problems(contract, valid)).isEmpty();

    assertThat(fieldsRefused(contract, valid, "text", null)).containsExactly("text");
    assertThat(fieldsRefused(contract, valid, "text", "")).containsExactly("text");
    assertThat(fieldsRefused(contract, valid, "text", "abcdef")).containsExactly("text");
    assertThat(fieldsRefused(contract, valid, "text", "ABC")).containsExactly("text");
    assertThat(fieldsRefused(contract, valid, "text", 12)).containsExactly("text");
    assertThat(fieldsRefused(contract, valid, "text", "a\u0000b")).containsExactly("text");
    assertThat(fieldsRefused(contract, valid, "size", 0.05)).containsExactly("size");
    assertThat(fieldsRefused(contract, valid, "size", 100.5)).containsExactly("size");
    assertThat(fieldsRefused(contract, valid, "size", 8.25)).containsExactly("size");
    assertThat(fieldsRefused(contract, valid, "size", Double.NaN)).containsExactly("size");
    assertThat(fieldsRefused(contract, valid, "size", "8")).containsExactly("size");
    assertThat(fieldsRefused(contract, valid, "size", null)).isEmpty();
    assertThat(fieldsRefused(contract, valid, "agreed", false)).containsExactly("agreed");
    assertThat(fieldsRefused(contract, valid, "agreed", "true")).containsExactly("agreed");
    assertThat(fieldsRefused(contract, valid, "choice", "false")).containsExactly("choice");
    assertThat(fieldsRefused(contract, valid, "signs", List.of())).containsExactly("signs");
    assertThat(fieldsRefused(contract, valid, "signs", List.of("A", "Z"))).containsExactly("signs");
    assertThat(fieldsRefused(contract, valid, "signs", "[\"B\"]")).isEmpty();
    assertThat(fieldsRefused(contract, valid, "notInTheForm", "x\uD800"))
        .containsExactly("notInTheForm");
  }

  @Test
  void aTextAnswerFitsOurTablesWhateverItsFormDeclares() {
    FormContract contract =
        inline(
            """
        {"type":"textarea","key":"unbounded"},
        {"type":"textarea","key":"tooGenerous","validate":{"maxLength":10000}}""");
    Map<String, Object> longest =
        new HashMap<>(
            Map.of(
                "unbounded",
                "x".repeat(FormField.LONGEST_TEXT),
                "tooGenerous",
                "x".repeat(FormField.LONGEST_TEXT)));
    assertThat(FormCheck.problems(contract, longest)).isEmpty();
    String tooLong = "x".repeat(FormField.LONGEST_TEXT + 1);
    assertThat(fieldsRefused(contract, longest, "unbounded", tooLong)).containsExactly("unbounded");
    assertThat(fieldsRefused(contract, longest, "tooGenerous", tooLong))
        .containsExactly("tooGenerous");
  }

  @Test
  void aHiddenFieldIsNeitherRequiredNorChecked() throws IOException {
    FormContract prepare = form("PrepareMdtCase");
    Map<String, Object> fracture =
        new HashMap<>(
            Map.of(
                "mdtQuestion",
                "Biopsie ?",
                "presentation",
                "PATHOLOGICAL_FRACTURE",
                "fixationDeferred",
                false));
    assertThat(fieldsRefused(prepare, fracture, "fixationDeferred", false))
        .containsExactly("fixationDeferred");
    fracture.put("presentation", "SWELLING_OR_PAIN");
    assertThat(fieldsRefused(prepare, fracture, "fixationDeferred", "x")).isEmpty();
  }

  @Test
  void aRefusalNamesEveryBadFieldWithItsLabelInFrench() throws IOException {
    FormContract prepare = form("PrepareMdtCase");
    assertThatThrownBy(
            () -> FormCheck.verify(prepare, Map.of("presentation", "PATHOLOGICAL_FRACTURE")))
        .isInstanceOfSatisfying(
            RuleViolationException.class,
            refused -> {
              assertThat(refused.problems())
                  .extracting(FieldProblem::field)
                  .containsExactlyInAnyOrder("mdtQuestion", "fixationDeferred");
              assertThat(refused.getMessage())
                  .startsWith("Formulaire refusé : ")
                  .contains("« Question posée à la RCP » : champ obligatoire");
            });
  }

  private static List<String> fieldsRefused(
      FormContract contract, Map<String, Object> valid, String key, Object value) {
    Map<String, Object> answers = new HashMap<>(valid);
    answers.put(key, value);
    return FormCheck.problems(contract, answers).stream().map(FieldProblem::field).toList();
  }
}

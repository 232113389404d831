package fr.sarcoma.referral.pathway.form;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.ConditionExpression;
import org.camunda.bpm.model.bpmn.instance.Gateway;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.InputExpression;
import org.junit.jupiter.api.Test;

/**
 * The process holds ids and routing facts only (docs/pathway-contract.md, "What stays in the process"). Each
 * form says which of its answers the process reads after the task ({@code keptInProcess}: the readers); every
 * other answer leaves the engine on completion. Read from the files themselves, so a new form or a new
 * reading of an answer is checked without touching this class:
 *
 * <ul>
 *   <li>free text is never kept (a form that tries fails to load);
 *   <li>every declared reader exists and reads the answer (a decision table's input, a gateway's condition, a
 *       later task's form that shows or pre-fills it);
 *   <li>nothing in the models (an expression, a decision's input) nor another form (a condition, a template)
 *       reads an answer that leaves the engine: it would find nothing;
 *   <li>an answer shared by two forms (one variable) has one fate;
 *   <li>the contract lists, form by form, what stays and what leaves.
 * </ul>
 */
class RoutingFactsTest {

  private static final Path BPMN = Path.of("bpmn");
  private static final Pattern EXPRESSION = Pattern.compile("[$#]\\{([^}]*)}");
  private static final Pattern TEMPLATE = Pattern.compile("\\{\\{([^}]*)}}");
  private static final Pattern WORD = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  @Test
  void freeTextNeverStaysInTheProcessAndOnlyKnownPropertiesAreRead() {
    assertThatThrownBy(
            () ->
                inline(
                    "{\"type\":\"textarea\",\"key\":\"note\",\"properties\":{\"keptInProcess\":\"Gateway_X\"}}"))
        .hasMessageContaining("free text never stays in the process");
    assertThatThrownBy(
            () ->
                inline(
                    "{\"type\":\"radio\",\"key\":\"a\",\"values\":[{\"label\":\"A\",\"value\":\"A\"}],"
                        + "\"properties\":{\"keepInProcess\":\"Gateway_X\"}}"))
        .hasMessageContaining("keepInProcess");
    assertThatThrownBy(
            () ->
                inline(
                    "{\"type\":\"checkbox\",\"key\":\"a\",\"properties\":{\"keptInProcess\":\" \"}}"))
        .hasMessageContaining("names no reader");

    FormField kept =
        inline(
                "{\"type\":\"checkbox\",\"key\":\"a\",\"properties\":{\"keptInProcess\":\"Gateway_X, Decision_Y\"}}")
            .fields()
            .get(0);
    assertThat(kept.keptInProcess()).isTrue();
    assertThat(kept.readInProcessBy()).containsExactly("Gateway_X", "Decision_Y");
    assertThat(inline("{\"type\":\"checkbox\",\"key\":\"a\"}").fields().get(0).keptInProcess())
        .isFalse();
  }

  @Test
  void everyAnswerKeptInTheProcessIsReadByTheReadersItNames() {
    Map<String, Decision> decisions = decisions();
    List<BpmnModelInstance> models = models();
    int readers = 0;
    for (FormContract form : forms()) {
      for (FormField field : form.fields()) {
        for (String reader : field.readInProcessBy()) {
          String where = form.id() + "." + field.key() + " read by " + reader;
          Set<String> read =
              decisions.containsKey(reader)
                  ? decisionInputs(decisions.get(reader))
                  : readByModelElement(models, reader, where);
          assertThat(read).as(where).contains(field.key());
          readers++;
        }
      }
    }
    assertThat(readers).as("readers declared").isGreaterThan(15);
  }

  @Test
  void nothingReadsAnAnswerThatLeavesTheEngine() {
    Set<String> leaving = new LinkedHashSet<>();
    Set<String> kept = new LinkedHashSet<>();
    for (FormContract form : forms()) {
      for (FormField field : form.fields()) {
        (field.keptInProcess() ? kept : leaving).add(field.key());
      }
    }
    assertThat(leaving)
        .as("answers that leave the engine")
        .contains("hypotheses", "pathologyReview");

    Map<String, Set<String>> readBy = new HashMap<>();
    for (Path model : files(".bpmn")) {
      Matcher expression = EXPRESSION.matcher(read(model));
      while (expression.find()) {
        words(expression.group(1))
            .forEach(
                word ->
                    readBy.computeIfAbsent(word, w -> new LinkedHashSet<>()).add(model.toString()));
      }
    }
    decisions()
        .values()
        .forEach(
            decision ->
                decisionInputs(decision)
                    .forEach(
                        word ->
                            readBy
                                .computeIfAbsent(word, w -> new LinkedHashSet<>())
                                .add(decision.getId())));
    for (FormContract form : forms()) {
      Set<String> ownKeys =
          new LinkedHashSet<>(form.fields().stream().map(FormField::key).toList());
      formReads(form).stream()
          .filter(word -> !ownKeys.contains(word))
          .forEach(word -> readBy.computeIfAbsent(word, w -> new LinkedHashSet<>()).add(form.id()));
    }

    List<String> broken = new ArrayList<>();
    for (String answer : leaving) {
      if (readBy.containsKey(answer)) {
        broken.add(answer + " is read by " + readBy.get(answer));
      }
    }
    assertThat(broken)
        .as("answers removed on completion but read afterwards: declare keptInProcess on the field")
        .isEmpty();
    assertThat(kept).as("one variable, one fate").doesNotContainAnyElementsOf(leaving);
  }

  @Test
  void theContractSaysFormByFormWhatStaysAndWhatLeaves() throws IOException {
    String contract = Files.readString(Path.of("docs", "pathway-contract.md"));
    for (FormContract form : forms()) {
      String row =
          contract
              .lines()
              .filter(line -> line.startsWith("| `" + form.id() + ".form`"))
              .findFirst()
              .orElseThrow(
                  () ->
                      new AssertionError(
                          form.id()
                              + " is not in docs/pathway-contract.md, What stays in the process"));
      String[] cells = row.split("\\|");
      for (FormField field : form.fields()) {
        assertThat(cells[field.keptInProcess() ? 2 : 3])
            .as(form.id() + "." + field.key() + (field.keptInProcess() ? " stays" : " leaves"))
            .contains("`" + field.key() + "`");
      }
    }
  }

  /** The variables a model element reads: a gateway's conditions, a user task's form (shown, pre-filled). */
  private static Set<String> readByModelElement(
      List<BpmnModelInstance> models, String id, String where) {
    for (BpmnModelInstance model : models) {
      Object element = model.getModelElementById(id);
      if (element instanceof Gateway gateway) {
        Set<String> read = new LinkedHashSet<>();
        for (SequenceFlow flow : gateway.getOutgoing()) {
          ConditionExpression condition = flow.getConditionExpression();
          if (condition != null) {
            read.addAll(words(condition.getTextContent()));
          }
        }
        return read;
      }
      if (element instanceof UserTask task) {
        FormContract form = form(task.getCamundaFormRef());
        Set<String> read = new LinkedHashSet<>(formReads(form));
        form.fields().forEach(field -> read.add(field.key()));
        return read;
      }
      if (element != null) {
        throw new AssertionError(where + ": a reader is a decision, a gateway or a user task");
      }
    }
    throw new AssertionError(where + ": no such decision or model element");
  }

  /** What a form reads from the process: its hide conditions and its texts' templates. */
  private static Set<String> formReads(FormContract form) {
    Set<String> read = new LinkedHashSet<>();
    form.fields().stream()
        .filter(field -> field.hideWhen() != null)
        .forEach(field -> read.addAll(words(field.hideWhen())));
    Matcher template = TEMPLATE.matcher(read(BPMN.resolve("forms").resolve(form.id() + ".form")));
    while (template.find()) {
      read.addAll(words(template.group(1)));
    }
    return read;
  }

  private static Set<String> decisionInputs(Decision decision) {
    Set<String> read = new LinkedHashSet<>();
    decision
        .getModelInstance()
        .getModelElementsByType(InputExpression.class)
        .forEach(
            input -> {
              if (decision.equals(input.getParentElement().getParentElement().getParentElement())) {
                read.addAll(words(input.getText().getTextContent()));
              }
            });
    return read;
  }

  private static Map<String, Decision> decisions() {
    Map<String, Decision> decisions = new HashMap<>();
    for (Path file : files(".dmn")) {
      DmnModelInstance model = Dmn.readModelFromFile(file.toFile());
      model
          .getModelElementsByType(Decision.class)
          .forEach(decision -> decisions.put(decision.getId(), decision));
    }
    return decisions;
  }

  private static List<BpmnModelInstance> models() {
    return files(".bpmn").stream().map(file -> Bpmn.readModelFromFile(file.toFile())).toList();
  }

  private static Set<String> words(String text) {
    Set<String> words = new LinkedHashSet<>();
    Matcher word = WORD.matcher(text == null ? "" : text);
    while (word.find()) {
      words.add(word.group());
    }
    return words;
  }

  private static List<FormContract> forms() {
    try (Stream<Path> files = Files.list(BPMN.resolve("forms"))) {
      return files
          .filter(file -> file.toString().endsWith(".form"))
          .sorted()
          .map(file -> form(file.getFileName().toString().replace(".form", "")))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static FormContract form(String id) {
    try (InputStream in = Files.newInputStream(BPMN.resolve("forms").resolve(id + ".form"))) {
      return FormContract.read(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static FormContract inline(String component) {
    String json = "{\"id\":\"Test\",\"type\":\"default\",\"components\":[" + component + "]}";
    return FormContract.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
  }

  private static List<Path> files(String extension) {
    try (Stream<Path> files = Files.list(BPMN)) {
      return files.filter(file -> file.toString().endsWith(extension)).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

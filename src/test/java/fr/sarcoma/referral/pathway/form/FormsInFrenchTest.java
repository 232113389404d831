package fr.sarcoma.referral.pathway.form;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.sarcoma.referral.support.EnglishWords;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Documentation;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.Test;

/**
 * What Tasklist shows of the models and forms, read without a browser, so that no form is missed
 * (the browser walk of ClinicalScreensInFrenchIT opens the main path only): every label,
 * description, text and option of every Camunda Form, and the process names, user task names and
 * task descriptions (Tasklist's "Description" tab) of every model. None holds an English word.
 */
class FormsInFrenchTest {

  private static final Set<String> SHOWN = Set.of("label", "description", "text", "placeholder");

  @Test
  void everyFormTextIsFrench() throws IOException {
    List<String> english = new ArrayList<>();
    List<String> read = new ArrayList<>();
    ObjectMapper json = new ObjectMapper();
    try (Stream<Path> forms = Files.list(Path.of("bpmn", "forms"))) {
      for (Path form : forms.filter(path -> path.toString().endsWith(".form")).toList()) {
        collect(json.readTree(form.toFile()), form.getFileName().toString(), read, english);
      }
    }
    assertThat(read).as("texts read from the forms").hasSizeGreaterThan(100);
    assertThat(english).as("English in the forms").isEmpty();
  }

  @Test
  void everyNameAndDescriptionTasklistShowsIsFrench() throws IOException {
    List<String> english = new ArrayList<>();
    List<String> read = new ArrayList<>();
    try (Stream<Path> models = Files.list(Path.of("bpmn"))) {
      for (Path file : models.filter(path -> path.toString().endsWith(".bpmn")).toList()) {
        BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
        List<String> shown = new ArrayList<>();
        model
            .getModelElementsByType(Process.class)
            .forEach(process -> shown.add(process.getName()));
        for (UserTask task : model.getModelElementsByType(UserTask.class)) {
          shown.add(task.getName());
          task.getDocumentations().stream().map(Documentation::getTextContent).forEach(shown::add);
        }
        for (String text : shown) {
          read.add(text);
          check(file.getFileName() + ": " + text, text, english);
        }
      }
    }
    assertThat(read).as("names and descriptions read").hasSizeGreaterThan(20);
    assertThat(english).as("English in the models").isEmpty();
  }

  private static void collect(
      JsonNode node, String where, List<String> read, List<String> english) {
    if (node.isObject()) {
      node.properties()
          .forEach(
              field -> {
                if (SHOWN.contains(field.getKey()) && field.getValue().isTextual()) {
                  // Template tags ({{#if site = "BONE"}}) are not shown, only what they hold.
                  String text = field.getValue().asText().replaceAll("\\{\\{[^}]*}}", " ");
                  read.add(text);
                  check(where + " " + field.getKey() + ": " + text, text, english);
                } else {
                  collect(field.getValue(), where, read, english);
                }
              });
    } else if (node.isArray()) {
      node.forEach(element -> collect(element, where, read, english));
    }
  }

  private static void check(String where, String text, List<String> english) {
    List<String> words = EnglishWords.in(text == null ? "" : text);
    if (!words.isEmpty()) {
      english.add(where + "  <- " + words);
    }
  }
}

package fr.sarcoma.referral;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * The modules (top-level packages under fr.sarcoma.referral) and the one way their dependencies run: no cycle, no
 * module reaching into another's subpackages (only a module's base package, and platform's named interface web, are
 * API), and each module using only those its package-info allows. Modules below tell those above through events.
 */
class ModularityTest {

  static final ApplicationModules MODULES = ApplicationModules.of(SarcomaReferralApplication.class);

  static final Path DOCS = Path.of("docs", "modules");

  @Test
  void modulesHaveNoCycleAndUseOnlyEachOthersApi() {
    MODULES.verify();
  }

  @Test
  void theModulesAreTheOnesTheReadmeDescribes() {
    assertThat(MODULES.stream().map(ApplicationModule::getIdentifier).map(Object::toString))
        .containsExactlyInAnyOrder(
            "platform",
            "security",
            "orders",
            "referral",
            "mdt",
            "letter",
            "pathway",
            "agenda",
            "insight",
            "integration",
            "dossier",
            "audit",
            "notification");
  }

  /**
   * Writes the modules' diagrams (PlantUML: all modules, then one per module) and canvases (AsciiDoc) into
   * docs/modules/, committed so the README can link them; run again after a module's dependencies change.
   */
  @Test
  void writesTheModulesDocumentation() throws IOException {
    new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder(DOCS.toString()))
        .writeModulesAsPlantUml()
        .writeIndividualModulesAsPlantUml()
        .writeModuleCanvases();
    try (var files = Files.list(DOCS)) {
      for (Path file : files.filter(file -> file.toString().endsWith(".puml")).toList()) {
        Files.write(file, inStableOrder(Files.readAllLines(file)));
      }
    }

    try (var files = Files.list(DOCS)) {
      List<String> names = files.map(file -> file.getFileName().toString()).toList();
      assertThat(names)
          .contains(
              "components.puml",
              "module-orders.puml",
              "module-pathway.puml",
              "module-insight.adoc");
    }
  }

  /**
   * The Documenter lists components and relations in hash order: sorted here, so the committed diagrams change only
   * when the modules do.
   */
  static List<String> inStableOrder(List<String> lines) {
    List<String> sorted = new ArrayList<>(lines);
    for (String kind : List.of("Rel(", "  Component(")) {
      List<Integer> positions =
          IntStream.range(0, lines.size())
              .filter(i -> lines.get(i).startsWith(kind))
              .boxed()
              .toList();
      List<String> ordered = positions.stream().map(lines::get).sorted().toList();
      for (int i = 0; i < positions.size(); i++) {
        sorted.set(positions.get(i), ordered.get(i));
      }
    }
    return sorted;
  }
}

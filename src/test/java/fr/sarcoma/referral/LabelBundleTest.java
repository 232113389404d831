package fr.sarcoma.referral;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.sarcoma.referral.audit.AuditAction;
import fr.sarcoma.referral.insight.PathwayInterval;
import fr.sarcoma.referral.letter.DeliveryStatus;
import fr.sarcoma.referral.letter.LetterService;
import fr.sarcoma.referral.mdt.BiopsyTechnique;
import fr.sarcoma.referral.mdt.MdtOutcome;
import fr.sarcoma.referral.mdt.MdtSession;
import fr.sarcoma.referral.mdt.PathologyDiagnosis;
import fr.sarcoma.referral.mdt.Specialty;
import fr.sarcoma.referral.orders.Modality;
import fr.sarcoma.referral.orders.OrderStatus;
import fr.sarcoma.referral.platform.PatientReads;
import fr.sarcoma.referral.referral.Milestones;
import fr.sarcoma.referral.referral.ReferralRequest;
import fr.sarcoma.referral.referral.Site;
import fr.sarcoma.referral.referral.Stage;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * messages_fr.properties holds every French label of the application's codes: each code of each code list below has
 * its label, and the bundle holds no label for a code that no list has (a typo, or a code since removed). A code list
 * is a key prefix and its codes, taken from the enum or list that defines them where there is one.
 */
class LabelBundleTest {

  private record CodeList(String prefix, List<String> codes) {}

  private static List<String> names(Class<? extends Enum<?>> codes) {
    return Arrays.stream(codes.getEnumConstants()).map(Enum::name).toList();
  }

  private static final List<String> SEXES = names(ReferralRequest.Sex.class);

  /** Every code list the letters, the agenda, the sessions page and the dashboard label. */
  private static final List<CodeList> CODE_LISTS =
      List.of(
          new CodeList("mdtOutcome", names(MdtOutcome.class)),
          new CodeList("mdtSessionKind", List.of(MdtSession.RECURRING, MdtSession.ONE_OFF)),
          new CodeList("biopsyTechnique", names(BiopsyTechnique.class)),
          new CodeList("specialty", names(Specialty.class)),
          new CodeList("modality", names(Modality.class)),
          new CodeList("orderStatus", names(OrderStatus.class)),
          new CodeList("group", List.of("radiologists", "pathologists")),
          new CodeList("site", names(Site.class)),
          new CodeList("presentation", names(ReferralRequest.Presentation.class)),
          new CodeList("priorProcedure", names(ReferralRequest.PriorProcedure.class)),
          new CodeList("depth", names(ReferralRequest.Depth.class)),
          new CodeList("patientTitle", SEXES),
          new CodeList("born", SEXES),
          new CodeList("thePatient", SEXES),
          // The outputs of LesionNature.dmn.
          new CodeList(
              "imagingConclusion",
              List.of("NO_LESION", "TYPICAL_BENIGN", "INDETERMINATE", "AGGRESSIVE")),
          // The end events of SarcomaReferralProcess.bpmn that close a referral with a letter but
          // without the MDT.
          new CodeList(
              "referralOutcome",
              List.of("OUT_OF_SCOPE", "TYPICAL_BENIGN_DISCHARGED", "NO_TOUCH_LESION_DISCHARGED")),
          new CodeList(
              "interval", PathwayInterval.ALL.stream().map(PathwayInterval::name).toList()),
          // insight/InsightService's compliance rules.
          new CodeList(
              "complianceRule",
              List.of(
                  "mdt-before-biopsy",
                  "characterisation-before-biopsy",
                  "chest-ct-before-mdt",
                  "after-unplanned-excision")),
          new CodeList(
              "stage", Stream.concat(Stage.OPEN_STAGES.stream(), Stream.of("CLOSED")).toList()),
          // The patient's file (dossier/): sex, Triage.dmn's urgency, milestones, letter kinds.
          new CodeList("sex", SEXES),
          new CodeList("urgency", List.of("URGENT", "ROUTINE")),
          new CodeList(
              "milestone",
              Stream.concat(
                      Milestones.NAMES.stream(), Stream.of("PRIOR_PROCEDURE_MATERIAL_REQUESTED"))
                  .toList()),
          new CodeList(
              "letterKind",
              List.of(
                  "OUTCOME",
                  "MDT_DECISION",
                  LetterService.MATERIAL_REQUEST,
                  LetterService.DIAGNOSIS)),
          // ReviewBiopsyResult.form's diagnosis categories (M6), also on the diagnosis letter.
          new CodeList(
              "pathologyDiagnosis",
              Arrays.stream(PathologyDiagnosis.Category.values()).map(Enum::name).toList()),
          new CodeList("deliveryStatus", names(DeliveryStatus.class)),
          new CodeList(
              "recipientRole",
              List.of(LetterService.REFERRING_PHYSICIAN, LetterService.GENERAL_PRACTITIONER)),
          // The notifications' e-mails (notification/NotificationKind): a subject and a body per
          // kind, the task's
          // line and the footer.
          new CodeList(
              "notification",
              Stream.concat(
                      Stream.of(
                              "URGENT_REFERRAL",
                              "EXAM_OVERDUE",
                              "MDT_CUTOFF_MISSED",
                              "LETTER_NOT_DELIVERED",
                              "ACCOUNT_LOCKED")
                          .flatMap(kind -> Stream.of(kind + ".subject", kind + ".body")),
                      Stream.of("task", "footer", "alertFooter"))
                  .toList()),
          // CharacterisationReport.form's options (same labels: see below).
          new CodeList(
              "aggressiveSign",
              List.of(
                  "OSTEOLYSIS",
                  "PERIOSTEAL_REACTION",
                  "HYPERVASCULARITY",
                  "CORTICAL_BREAKTHROUGH",
                  "SOFT_TISSUE_EXTENSION")),
          new CodeList("lesionPattern", List.of("LYTIC", "CONDENSING", "MIXED", "NOT_APPLICABLE")),
          new CodeList("skipMetastasis", List.of("YES", "NO", "NOT_ASSESSED")),
          // The audit trail's page and CSV (audit/): actions, doors (PatientReads' and the
          // actions' "system"), the need-to-know rules and what allows an action.
          new CodeList("auditAction", names(AuditAction.class)),
          new CodeList(
              "auditDoor",
              Stream.concat(
                      Arrays.stream(PatientReads.Door.values())
                          .map(door -> door.name().toLowerCase().replace('_', '-')),
                      Stream.of("system"))
                  .toList()),
          new CodeList(
              "auditReason",
              List.of(
                  "COORDINATOR",
                  "ASSIGNED_TASK",
                  "CANDIDATE_TASK",
                  "COMPLETED_TASK_WITHIN",
                  "MDT_AGENDA",
                  "ADMIN_REPAIR",
                  "ENGINE_GRANT",
                  "NO_RULE",
                  "SYSTEM",
                  "GROUP_PERMISSION",
                  "LOGIN_THROTTLE")),
          new CodeList(
              "suspectedType",
              List.of(
                  "EWING",
                  "OSTEOSARCOMA",
                  "CHONDROSARCOMA",
                  "SOFT_TISSUE_SARCOMA",
                  "OTHER",
                  "UNKNOWN")));

  /** Bundle prefix → key of the field in CharacterisationReport.form whose options it labels. */
  private static final Map<String, String> CHARACTERISATION_FIELDS =
      Map.of(
          "aggressiveSign", "aggressiveSigns",
          "lesionPattern", "lesionPattern",
          "skipMetastasis", "skipMetastasis",
          "suspectedType", "suspectedType",
          "imagingConclusion", "characterisationConclusion");

  @Test
  @DisplayName("The patient's file labels the characterisation report's codes as its form does")
  void theCharacterisationCodesAreLabelledAsOnTheForm() throws IOException {
    Map<String, String> bundle = bundle();
    JsonNode form =
        new ObjectMapper()
            .readTree(Path.of("bpmn", "forms", "CharacterisationReport.form").toFile());
    Map<String, String> onTheForm = new TreeMap<>();
    form.findParents("key")
        .forEach(
            field ->
                CHARACTERISATION_FIELDS.forEach(
                    (prefix, key) -> {
                      if (key.equals(field.path("key").asText())) {
                        field
                            .path("values")
                            .forEach(
                                option ->
                                    onTheForm.put(
                                        prefix + "." + option.path("value").asText(),
                                        option.path("label").asText()));
                      }
                    }));

    assertThat(onTheForm).hasSizeGreaterThan(20);
    assertThat(bundle).containsAllEntriesOf(onTheForm);
  }

  @Test
  @DisplayName(
      "Every code of every code list has its French label, and every label is of a listed code")
  void everyCodeHasItsLabel() throws IOException {
    Map<String, String> bundle = bundle();
    Set<String> expected =
        CODE_LISTS.stream()
            .flatMap(list -> list.codes().stream().map(code -> list.prefix() + "." + code))
            .collect(Collectors.toCollection(TreeSet::new));

    assertThat(expected)
        .as("codes without a label")
        .allSatisfy(key -> assertThat(bundle).containsKey(key));
    assertThat(bundle.keySet())
        .as("labels of no listed code")
        .allSatisfy(key -> assertThat(expected).contains(key));
    assertThat(bundle.values())
        .as("labels are French text, never empty")
        .allSatisfy(label -> assertThat(label).isNotBlank());
  }

  @Test
  @DisplayName("M4, S3: one wording per biopsy technique (it used to be worded two ways)")
  void oneWordingPerBiopsyTechnique() throws IOException {
    assertThat(bundle())
        .containsEntry(
            "biopsyTechnique.PERCUTANEOUS_CORE_NEEDLE",
            "biopsie percutanée au trocart, guidée par l'imagerie");
  }

  private static Map<String, String> bundle() throws IOException {
    Properties properties = new Properties();
    try (InputStream in = LabelBundleTest.class.getResourceAsStream("/messages_fr.properties")) {
      assertThat(in).as("messages_fr.properties on the classpath").isNotNull();
      properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
    return properties.stringPropertyNames().stream()
        .collect(
            Collectors.toMap(
                key -> key, properties::getProperty, (a, b) -> a, java.util.TreeMap::new));
  }
}

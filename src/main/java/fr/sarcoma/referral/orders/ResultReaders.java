package fr.sarcoma.referral.orders;

import java.util.Collection;
import java.util.Map;
import java.util.Set;

/**
 * Who may send the result of an order: the group that reads that modality (radiologists for imaging,
 * pathologists for a biopsy), and the coordination, which enters results received on paper for every
 * modality. Checked before anything of the result is written, whatever the channel (JSON or FHIR).
 */
final class ResultReaders {

  static final String RADIOLOGISTS = "radiologists";
  static final String PATHOLOGISTS = "pathologists";
  /** Coordinators (and administrators) may send any result. */
  static final Set<String> ANY_MODALITY = Set.of("coordinators", "camunda-admin");

  private static final Map<Modality, String> READING_GROUP = Map.of(
      Modality.ULTRASOUND, RADIOLOGISTS,
      Modality.XRAY, RADIOLOGISTS,
      Modality.XRAY_AND_CT, RADIOLOGISTS,
      Modality.MRI, RADIOLOGISTS,
      Modality.CHEST_CT, RADIOLOGISTS,
      Modality.FDG_PET, RADIOLOGISTS,
      Modality.BONE_SCINTIGRAPHY, RADIOLOGISTS,
      Modality.BIOPSY, PATHOLOGISTS);

  private static final Map<Modality, String> MODALITY_LABELS = Map.of(
      Modality.ULTRASOUND, "échographie",
      Modality.XRAY, "radiographie",
      Modality.XRAY_AND_CT, "radiographie et scanner",
      Modality.MRI, "IRM",
      Modality.CHEST_CT, "scanner thoracique",
      Modality.FDG_PET, "TEP-TDM au FDG",
      Modality.BONE_SCINTIGRAPHY, "scintigraphie osseuse",
      Modality.BIOPSY, "biopsie");

  private static final Map<String, String> GROUP_LABELS = Map.of(
      RADIOLOGISTS, "radiologues", PATHOLOGISTS, "pathologistes");

  private ResultReaders() {
  }

  /** Refuses a sender who is in neither the modality's reading group nor the coordination. */
  static void check(ExamOrder order, Collection<String> senderGroups) {
    String readingGroup = READING_GROUP.get(order.modality());
    boolean allowed = senderGroups.stream().anyMatch(group -> ANY_MODALITY.contains(group)
        || group.equals(readingGroup));
    if (!allowed) {
      throw new ResultSenderNotAllowedException(readingGroup, message(order.modality(), readingGroup));
    }
  }

  private static String message(Modality modality, String readingGroup) {
    String exam = MODALITY_LABELS.getOrDefault(modality, modality.name());
    String readers = readingGroup == null ? "seule la coordination (« coordinators »)"
        : "seul le groupe « " + readingGroup + " » (" + GROUP_LABELS.get(readingGroup)
            + ") ou la coordination (« coordinators »)";
    return "Résultat refusé (" + exam + ") : " + readers + " peut transmettre ce résultat.";
  }
}

package fr.sarcoma.referral.orders;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Who may send the result of an order: the group that reads that modality (radiologists for imaging,
 * pathologists for a biopsy), and the coordination, which enters results received on paper for every
 * modality. Checked before anything of the result is written, whatever the channel (JSON or FHIR).
 */
@Component
class ResultReaders {

  static final String RADIOLOGISTS = "radiologists";
  static final String PATHOLOGISTS = "pathologists";

  /** Coordinators (and administrators) may send any result. */
  static final Set<String> ANY_MODALITY = Set.of("coordinators", "camunda-admin");

  private static final Map<Modality, String> READING_GROUP =
      Map.of(
          Modality.ULTRASOUND, RADIOLOGISTS,
          Modality.XRAY, RADIOLOGISTS,
          Modality.XRAY_AND_CT, RADIOLOGISTS,
          Modality.MRI, RADIOLOGISTS,
          Modality.CHEST_CT, RADIOLOGISTS,
          Modality.FDG_PET, RADIOLOGISTS,
          Modality.BONE_SCINTIGRAPHY, RADIOLOGISTS,
          Modality.BIOPSY, PATHOLOGISTS);

  /** The French labels (modality.*, group.* in messages_fr.properties). */
  private final MessageSource labels;

  ResultReaders(MessageSource labels) {
    this.labels = labels;
  }

  /** Refuses a sender who is in neither the modality's reading group nor the coordination. */
  void check(ExamOrder order, Collection<String> senderGroups) {
    String readingGroup = READING_GROUP.get(order.modality());
    boolean allowed =
        senderGroups.stream()
            .anyMatch(group -> ANY_MODALITY.contains(group) || group.equals(readingGroup));
    if (!allowed) {
      throw new ResultSenderNotAllowedException(
          readingGroup, message(order.modality(), readingGroup));
    }
  }

  private String message(Modality modality, String readingGroup) {
    String exam =
        labels
            .getMessage("modality." + modality.name(), null, modality.name(), Locale.FRENCH)
            .toLowerCase(Locale.FRENCH);
    String readers =
        readingGroup == null
            ? "seule la coordination (« coordinators »)"
            : "seul le groupe « "
                + readingGroup
                + " » ("
                + labels.getMessage("group." + readingGroup, null, readingGroup, Locale.FRENCH)
                + ") ou la coordination (« coordinators »)";
    return "Résultat refusé (" + exam + ") : " + readers + " peut transmettre ce résultat.";
  }
}

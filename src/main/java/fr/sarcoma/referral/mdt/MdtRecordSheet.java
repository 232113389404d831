package fr.sarcoma.referral.mdt;

import java.util.List;

/**
 * The MDT record ("fiche RCP", PATHWAY.md: INCa/HAS minimum content) beside the decision and its named participants
 * ({@link MdtDecision#participants()}): the question put to the MDT, the clinical summary filled from our records,
 * the guideline followed and whether the proposal conforms (if not, why), whether a clinical trial was considered,
 * who informs the patient, and the chair by name, who validated it. Kept with each version of a decision; every
 * field is null for a decision recorded before the record existed.
 */
public record MdtRecordSheet(
    String question,
    String clinicalSummary,
    String guideline,
    Boolean guidelineConform,
    String nonConformityReason,
    Boolean clinicalTrialConsidered,
    String clinicalTrialDetail,
    String patientInformedBy,
    String chairName) {

  /** A decision recorded before the fiche RCP: nothing of it is known. */
  public static final MdtRecordSheet NONE =
      new MdtRecordSheet(null, null, null, null, null, null, null, null, null);

  public boolean isRecorded() {
    return chairName != null;
  }

  /** The clinical summary's lines (one fact each), for the letter's annex; none when nothing was recorded. */
  public List<String> getClinicalSummaryLines() {
    return clinicalSummary == null || clinicalSummary.isBlank()
        ? List.of()
        : clinicalSummary.lines().filter(line -> !line.isBlank()).toList();
  }
}

package fr.sarcoma.referral.insight.metrics;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The stage of an open referral, read from the last milestone it passed: the same mapping as the
 * referral API's stage ({@code referral/Stage}, package-private there), copied so that the metrics
 * do not reach into the referral package. Keep the two in step.
 */
final class WorkStage {

  static final String TRIAGE = "TRIAGE";
  static final String IN_PROGRESS = "IN_PROGRESS";

  private static final Map<String, String> AFTER_MILESTONE = Map.ofEntries(
      Map.entry("REFERRAL_RECEIVED", "TRIAGE"),
      Map.entry("FIRST_IMAGING_ORDERED", "INITIAL_IMAGING"),
      Map.entry("FIRST_IMAGING_REPORTED", "INITIAL_IMAGING_CLASSIFICATION"),
      Map.entry("CHARACTERISATION_ORDERED", "CHARACTERISATION"),
      Map.entry("CHARACTERISATION_REPORTED", "EXTENSION_WORKUP"),
      Map.entry("EXTENSION_WORKUP_COMPLETE", "MDT_REGISTRATION"),
      Map.entry("MDT_REGISTERED", "MDT"),
      Map.entry("MDT_DECIDED", "AFTER_MDT"),
      Map.entry("APPROACH_AGREED", "BIOPSY_ORDER"),
      Map.entry("BIOPSY_ORDERED", "BIOPSY"));

  /** Every stage an open referral can be in, in pathway order, so that each has a series (0 included). */
  static final List<String> OPEN_STAGES;

  static {
    Set<String> stages = new LinkedHashSet<>(List.of(TRIAGE, "INITIAL_IMAGING", "INITIAL_IMAGING_CLASSIFICATION",
        "CHARACTERISATION", "EXTENSION_WORKUP", "MDT_REGISTRATION", "MDT", "AFTER_MDT", "BIOPSY_ORDER", "BIOPSY"));
    stages.addAll(AFTER_MILESTONE.values());
    stages.add(IN_PROGRESS);
    OPEN_STAGES = List.copyOf(stages);
  }

  private WorkStage() {
  }

  /** The stage of an open referral whose last milestone is {@code lastMilestone} (null: none yet). */
  static String afterMilestone(String lastMilestone) {
    if (lastMilestone == null || lastMilestone.isEmpty()) {
      return TRIAGE;
    }
    return AFTER_MILESTONE.getOrDefault(lastMilestone, IN_PROGRESS);
  }
}

package fr.sarcoma.referral.referral;

import java.util.List;
import java.util.Map;

/** The stage a referral is in, read from the last milestone it passed. */
public final class Stage {

  private static final Map<String, String> AFTER_MILESTONE =
      Map.ofEntries(
          Map.entry("REFERRAL_RECEIVED", "TRIAGE"),
          Map.entry("FIRST_IMAGING_ORDERED", "INITIAL_IMAGING"),
          Map.entry("FIRST_IMAGING_REPORTED", "INITIAL_IMAGING_CLASSIFICATION"),
          Map.entry("CHARACTERISATION_ORDERED", "CHARACTERISATION"),
          Map.entry("CHARACTERISATION_REPORTED", "EXTENSION_WORKUP"),
          Map.entry("EXTENSION_WORKUP_COMPLETE", "MDT_REGISTRATION"),
          Map.entry("MDT_REGISTERED", "MDT"),
          Map.entry("MDT_DECIDED", "AFTER_MDT"),
          Map.entry("APPROACH_AGREED", "BIOPSY_ORDER"),
          Map.entry("BIOPSY_ORDERED", "BIOPSY"),
          // S3: the gate refused the biopsy order; the case waits for a coordinator before a new
          // order.
          Map.entry("BIOPSY_REFUSED", "BIOPSY_ORDER"));

  /** Every stage an open referral can be in, in pathway order (so each gets a metric series, zeros included). */
  public static final List<String> OPEN_STAGES =
      List.of(
          "TRIAGE",
          "INITIAL_IMAGING",
          "INITIAL_IMAGING_CLASSIFICATION",
          "CHARACTERISATION",
          "EXTENSION_WORKUP",
          "MDT_REGISTRATION",
          "MDT",
          "AFTER_MDT",
          "BIOPSY_ORDER",
          "BIOPSY",
          "IN_PROGRESS");

  private Stage() {}

  /** The stage after the latest step of the pathway; events logged beside the steps (not in {@link Milestones#NAMES}) do not count. */
  public static String of(String outcome, List<Milestones.Milestone> milestones) {
    if (outcome != null) {
      return "CLOSED";
    }
    for (int i = milestones.size() - 1; i >= 0; i--) {
      if (Milestones.NAMES.contains(milestones.get(i).name())) {
        return afterMilestone(milestones.get(i).name());
      }
    }
    return "TRIAGE";
  }

  /** The stage a referral is in once it passed this milestone (its latest). */
  public static String afterMilestone(String milestone) {
    return milestone == null || milestone.isEmpty()
        ? "TRIAGE"
        : AFTER_MILESTONE.getOrDefault(milestone, "IN_PROGRESS");
  }
}

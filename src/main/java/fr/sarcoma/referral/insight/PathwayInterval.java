package fr.sarcoma.referral.insight;

import fr.sarcoma.referral.referral.Milestones;
import java.util.List;
import java.util.Locale;

/**
 * An interval managers measure: from the first time a referral passed one milestone to the first
 * time it passed another (PATHWAY.md "Measures managers ask for"). Its days are kept ready in
 * {@code pathway_timeline} (column {@link #column()}, see {@link IntervalDays}); a new interval needs its column.
 */
public record PathwayInterval(String name, String from, String to) {

  public static final List<PathwayInterval> ALL =
      List.of(
          new PathwayInterval(
              "referral-to-first-imaging", "REFERRAL_RECEIVED", "FIRST_IMAGING_REPORTED"),
          new PathwayInterval("first-imaging-to-mdt", "FIRST_IMAGING_REPORTED", "MDT_DECIDED"),
          new PathwayInterval("mdt-to-biopsy", "MDT_DECIDED", "BIOPSY_ORDERED"),
          new PathwayInterval("referral-to-diagnosis", "REFERRAL_RECEIVED", "MDT_DECIDED"));

  /** The column of pathway_timeline holding this interval's days: referral_to_first_imaging_days. */
  public String column() {
    return name.replace('-', '_').toLowerCase(Locale.ROOT) + "_days";
  }

  /** The days between the two milestones' columns of pathway_timeline, as SQL (null unless both are there, in order). */
  String daysBetweenMilestones() {
    return Sql.days(Milestones.column(from), Milestones.column(to));
  }

  boolean touches(String milestone) {
    return from.equals(milestone) || to.equals(milestone);
  }
}

package fr.sarcoma.referral.insight;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What managers ask every quarter: how long each step takes, and whether the guideline was followed. */
public record Measures(Filters filters, List<Interval> intervals, List<Compliance> compliance, List<Volume> volumes,
    List<Month> monthly, WorkInProgress workInProgress) {

  public record Filters(Instant from, Instant to, String site, String referrer) {
  }

  /** An interval between two milestones: median and 90th percentile in days, against its target. */
  public record Interval(String name, String from, String to, int count, Double medianDays, Double p90Days,
      Double targetDays, List<Breach> breaches) {
  }

  public record Breach(UUID referralId, String referralNumber, double days) {
  }

  /** A guideline rule: how many referrals it applied to, how many followed it. */
  public record Compliance(String rule, int eligible, int compliant, Double rate, Double target) {
  }

  public record Volume(String dimension, String value, int count) {
  }

  /** Referrals received and closed in a month (YYYY-MM), for the trend. */
  public record Month(String month, int received, int closed) {
  }

  /** Now, whatever the period: open referrals by stage, open tasks by group, the longest waiting referrals. */
  public record WorkInProgress(List<Volume> byStage, List<Volume> tasksByGroup, List<Waiting> oldest) {
  }

  public record Waiting(UUID referralId, String referralNumber, String stage, double daysSinceReferral) {
  }
}

package fr.sarcoma.referral.insight;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What managers ask every quarter: how long each step takes, and whether the guideline was followed. */
public record Measures(
    Filters filters,
    List<Interval> intervals,
    List<TaskTime> tasks,
    List<Compliance> compliance,
    List<Volume> volumes,
    List<Month> monthly,
    WorkInProgress workInProgress) {

  /** Referrals received in [from, to), optionally of one site and one referrer (centre). */
  public record Filters(Instant from, Instant to, String site, String referrer) {}

  /**
   * An interval between two milestones: median and 90th percentile in days, against its target;
   * {@code breachCount} referrals over the target, the longest {@value InsightService#LISTED_BREACHES} listed.
   */
  public record Interval(
      String name,
      String from,
      String to,
      int count,
      Double medianDays,
      Double p90Days,
      Double targetDays,
      int breachCount,
      List<Breach> breaches) {}

  /**
   * A user task of the models, over its completed occurrences: waiting (created → taken) and working
   * (taken → completed) hours; a breach is a task completed after its due date (the service level,
   * {@code targetHours}, capped for urgent referrals).
   */
  public record TaskTime(
      String taskKey,
      String name,
      int count,
      Double waitingMedianHours,
      Double waitingP90Hours,
      Double workingMedianHours,
      Double workingP90Hours,
      Double targetHours,
      int breachCount,
      List<Breach> breaches) {}

  public record Breach(UUID referralId, String referralNumber, double days) {}

  /** A guideline rule: how many referrals it applied to, how many followed it. */
  public record Compliance(String rule, int eligible, int compliant, Double rate, Double target) {}

  public record Volume(String dimension, String value, int count) {}

  /** Referrals received and closed in a month (YYYY-MM, Paris time), for the trend. */
  public record Month(String month, int received, int closed) {}

  /** Now, whatever the period: open referrals by stage, open tasks by group, the longest waiting referrals. */
  public record WorkInProgress(
      List<Volume> byStage, List<Volume> tasksByGroup, List<Waiting> oldest) {}

  public record Waiting(
      UUID referralId, String referralNumber, String stage, double daysSinceReferral) {}
}

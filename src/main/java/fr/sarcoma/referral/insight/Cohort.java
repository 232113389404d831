package fr.sarcoma.referral.insight;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The referrals a measure is about, as SQL on {@code pathway_timeline t}: received in the period, of
 * the site and referrer (centre, matched anywhere in the referring physician) when given.
 *
 * @param where the conditions, starting with " where "
 * @param args their values, in order
 */
record Cohort(Measures.Filters filters, String where, List<Object> args) {

  static final String TIMELINE = " from pathway_timeline t";

  static Cohort of(Measures.Filters filters) {
    List<Object> args =
        new ArrayList<>(List.of(Timestamp.from(filters.from()), Timestamp.from(filters.to())));
    return new Cohort(
        filters,
        " where t.received_at >= ? and t.received_at < ?" + siteAndReferrer(filters, args),
        List.copyOf(args));
  }

  /** Open referrals now, whatever the period, of the site and referrer when given. */
  static Cohort open(Measures.Filters filters) {
    List<Object> args = new ArrayList<>();
    return new Cohort(
        filters, " where t.outcome is null" + siteAndReferrer(filters, args), List.copyOf(args));
  }

  /**
   * The user tasks ({@code task_time k}) of the cohort's referrals, from and where: the period alone
   * reads task_time only (it carries its referral's reception); a site or referrer joins the timeline.
   */
  String tasksFromWhere() {
    if (filters.site() == null && filters.referrer() == null) {
      return " from task_time k where k.received_at >= ? and k.received_at < ?";
    }
    return tasksWithTimelineFromWhere();
  }

  /** The cohort's user tasks ({@code task_time k}) with their referral's timeline ({@code t}). */
  String tasksWithTimelineFromWhere() {
    return " from task_time k join pathway_timeline t on t.referral_id = k.referral_id" + where;
  }

  /** The values of the conditions followed by more values (for conditions added after these). */
  Object[] argsThen(Object... more) {
    List<Object> all = new ArrayList<>(args);
    all.addAll(List.of(more));
    return all.toArray();
  }

  private static String siteAndReferrer(Measures.Filters filters, List<Object> args) {
    StringBuilder conditions = new StringBuilder();
    if (filters.site() != null) {
      conditions.append(" and t.site = ?");
      args.add(filters.site());
    }
    if (filters.referrer() != null) {
      conditions.append(" and lower(t.referring_physician) like ?");
      args.add("%" + filters.referrer().toLowerCase(Locale.ROOT) + "%");
    }
    return conditions.toString();
  }
}

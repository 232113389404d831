package fr.sarcoma.referral.insight;

import java.util.Locale;

/** The measures as CSV (semicolon-separated, as French spreadsheets expect): one row per figure. */
final class MeasuresCsv {

  static final String HEADER =
      "kind;name;count;median;p90;target;breaches_or_compliant;rate;unit\n";

  private MeasuresCsv() {}

  static String of(Measures measures) {
    StringBuilder csv = new StringBuilder(HEADER);
    measures
        .intervals()
        .forEach(
            i ->
                row(
                    csv,
                    "interval",
                    i.name(),
                    i.count(),
                    number(i.medianDays()),
                    number(i.p90Days()),
                    number(i.targetDays()),
                    String.valueOf(i.breachCount()),
                    "",
                    "days"));
    measures
        .tasks()
        .forEach(
            t -> {
              row(
                  csv,
                  "task-waiting",
                  t.taskKey(),
                  t.count(),
                  number(t.waitingMedianHours()),
                  number(t.waitingP90Hours()),
                  number(t.targetHours()),
                  String.valueOf(t.breachCount()),
                  "",
                  "hours");
              row(
                  csv,
                  "task-working",
                  t.taskKey(),
                  t.count(),
                  number(t.workingMedianHours()),
                  number(t.workingP90Hours()),
                  "",
                  "",
                  "",
                  "hours");
            });
    measures
        .compliance()
        .forEach(
            c ->
                row(
                    csv,
                    "compliance",
                    c.rule(),
                    c.eligible(),
                    "",
                    "",
                    number(c.target()),
                    String.valueOf(c.compliant()),
                    number(c.rate()),
                    ""));
    measures
        .volumes()
        .forEach(
            v ->
                row(
                    csv,
                    "volume",
                    v.dimension() + "=" + v.value(),
                    v.count(),
                    "",
                    "",
                    "",
                    "",
                    "",
                    ""));
    measures
        .monthly()
        .forEach(
            m -> {
              row(csv, "received", m.month(), m.received(), "", "", "", "", "", "");
              row(csv, "closed", m.month(), m.closed(), "", "", "", "", "", "");
            });
    return csv.toString();
  }

  private static void row(StringBuilder csv, String kind, String name, int count, String... rest) {
    csv.append(kind).append(';').append(name).append(';').append(count);
    for (String value : rest) {
      csv.append(';').append(value);
    }
    csv.append('\n');
  }

  private static String number(Double value) {
    return value == null ? "" : String.format(Locale.ROOT, "%.2f", value);
  }
}

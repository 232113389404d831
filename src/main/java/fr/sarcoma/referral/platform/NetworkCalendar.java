package fr.sarcoma.referral.platform;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;

/** The network's calendar: months (for the managers' trend) are Paris months, whatever the server's zone. */
public final class NetworkCalendar {

  public static final ZoneId ZONE = ZoneId.of("Europe/Paris");

  private NetworkCalendar() {}

  /** YYYY-MM. */
  public static String month(Instant instant) {
    return YearMonth.from(instant.atZone(ZONE)).toString();
  }

  public static Instant startOf(YearMonth month) {
    return month.atDay(1).atStartOfDay(ZONE).toInstant();
  }
}

package fr.sarcoma.referral.mdt;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * M1: the weekly sarcoma MDT session and its registration cutoff (both configurable; the full
 * session calendar comes with the MDT feature).
 */
@ConfigurationProperties("sarcoma.mdt.schedule")
public record MdtSchedule(DayOfWeek day, LocalTime time, ZoneId zone, Duration registrationCutoff) {

  public MdtSchedule {
    day = day == null ? DayOfWeek.THURSDAY : day;
    time = time == null ? LocalTime.of(14, 0) : time;
    zone = zone == null ? ZoneId.of("Europe/Paris") : zone;
    registrationCutoff = registrationCutoff == null ? Duration.ofDays(2) : registrationCutoff;
  }

  /** The first session whose registration cutoff is still ahead of {@code now}. */
  public Instant nextSessionOpenAt(Instant now) {
    ZonedDateTime session = now.atZone(zone).with(TemporalAdjusters.nextOrSame(day)).with(time);
    while (!session.toInstant().minus(registrationCutoff).isAfter(now)) {
      session = session.plusWeeks(1);
    }
    return session.toInstant();
  }
}

package fr.sarcoma.referral.mdt;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * M1: the weekly sarcoma MDT session (day, time, duration, registration cutoff, capacity), from which
 * {@link MdtSessions} keeps the calendar some weeks ahead.
 */
@ConfigurationProperties("sarcoma.mdt.schedule")
public record MdtSchedule(
    DayOfWeek day,
    LocalTime time,
    ZoneId zone,
    Duration registrationCutoff,
    Duration duration,
    Integer capacity,
    Integer weeksAhead) {

  public MdtSchedule {
    day = day == null ? DayOfWeek.THURSDAY : day;
    time = time == null ? LocalTime.of(14, 0) : time;
    zone = zone == null ? ZoneId.of("Europe/Paris") : zone;
    registrationCutoff = registrationCutoff == null ? Duration.ofDays(2) : registrationCutoff;
    duration = duration == null ? Duration.ofHours(3) : duration;
    capacity = capacity == null ? 12 : capacity;
    weeksAhead = weeksAhead == null ? 8 : weeksAhead;
  }

  /** The starts of the weekly sessions from {@code now} on, for the weeks the calendar keeps ahead. */
  public List<Instant> weeklyStartsFrom(Instant now) {
    ZonedDateTime first = now.atZone(zone).with(TemporalAdjusters.nextOrSame(day)).with(time);
    if (first.toInstant().isBefore(now)) {
      first = first.plusWeeks(1);
    }
    List<Instant> starts = new ArrayList<>();
    for (int week = 0; week < weeksAhead; week++) {
      starts.add(first.plusWeeks(week).toInstant());
    }
    return starts;
  }
}

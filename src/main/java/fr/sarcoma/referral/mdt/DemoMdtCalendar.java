package fr.sarcoma.referral.mdt;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.List;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The demo calendar ({@code seeds/demo/mdt-calendar.json}): the weekly sessions, plus a one-off
 * session and a cancelled week, relative to today so that the demo always shows some. Once only:
 * nothing is added if the demo already has one-off or cancelled sessions.
 */
@Component
@Profile("demo")
class DemoMdtCalendar implements ApplicationRunner {

  static final String FILE = "seeds/demo/mdt-calendar.json";

  record Entry(
      String type,
      Integer inDays,
      LocalTime time,
      Integer durationMinutes,
      Integer capacity,
      Integer inWeeks,
      String note) {}

  private final MdtSessions sessions;
  private final MdtSchedule schedule;
  private final JdbcTemplate jdbc;
  private final ObjectMapper mapper;
  private final Clock clock;

  DemoMdtCalendar(
      MdtSessions sessions,
      MdtSchedule schedule,
      JdbcTemplate jdbc,
      ObjectMapper mapper,
      Clock clock) {
    this.sessions = sessions;
    this.schedule = schedule;
    this.jdbc = jdbc;
    this.mapper = mapper;
    this.clock = clock;
  }

  @Override
  public void run(ApplicationArguments args) {
    sessions.ensureWeeklySessions();
    if (jdbc.queryForObject(
            "select count(*) from mdt_session where kind = ? or cancelled_at is not null",
            Integer.class,
            MdtSession.ONE_OFF)
        > 0) {
      return;
    }
    for (Entry entry : read()) {
      if ("ONE_OFF".equals(entry.type())) {
        ZonedDateTime start =
            clock.instant().atZone(schedule.zone()).plusDays(entry.inDays()).with(entry.time());
        sessions.addOneOff(
            start.toInstant(),
            Duration.ofMinutes(entry.durationMinutes()),
            start.minus(schedule.registrationCutoff()).toInstant(),
            entry.capacity(),
            entry.note());
      } else if ("CANCEL_WEEKLY".equals(entry.type())) {
        Instant start = schedule.weeklyStartsFrom(clock.instant()).get(entry.inWeeks());
        sessions.between(start, start.plusSeconds(1)).stream()
            .filter(session -> MdtSession.RECURRING.equals(session.kind()))
            .forEach(session -> sessions.cancel(session.id(), entry.note()));
      }
    }
  }

  private List<Entry> read() {
    try (InputStream in = new ClassPathResource(FILE).getInputStream()) {
      return mapper.readValue(in, new TypeReference<List<Entry>>() {});
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + FILE, e);
    }
  }
}

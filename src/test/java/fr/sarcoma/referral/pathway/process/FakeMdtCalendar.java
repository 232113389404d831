package fr.sarcoma.referral.pathway.process;

import java.time.Duration;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * Stands in for the MDT sessions (M1): {@code registerForMdtDelegate} puts the case on the session a week ahead,
 * {@code rollOverMdtCaseDelegate} on the one after; both set mdtSessionAt and mdtSessionEndsAt as the real delegates do.
 */
final class FakeMdtCalendar {

  static final Duration SESSION_LENGTH = Duration.ofHours(3);

  private int sessionsBooked;

  JavaDelegate registerForMdtDelegate() {
    return this::book;
  }

  JavaDelegate rollOverMdtCaseDelegate() {
    return this::book;
  }

  int sessionsBooked() {
    return sessionsBooked;
  }

  private void book(DelegateExecution execution) {
    sessionsBooked++;
    Date startsAt =
        Date.from(
            ClockUtil.getCurrentTime().toInstant().plus(Duration.ofDays(7L * sessionsBooked)));
    execution.setVariable("mdtSessionAt", startsAt);
    execution.setVariable("mdtSessionEndsAt", Date.from(startsAt.toInstant().plus(SESSION_LENGTH)));
  }
}

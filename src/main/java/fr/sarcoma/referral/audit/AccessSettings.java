package fr.sarcoma.referral.audit;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How long need-to-know lasts beyond a task and around an MDT session ({@code sarcoma.access}).
 *
 * @param afterTask a clinician reads a referral's file for this long after completing one of its
 *     tasks
 * @param mdtAgendaBefore the MDT team reads a case this long before the start of a session whose
 *     agenda holds it
 * @param mdtAgendaAfter and this long after the session's end (letters, follow-up)
 */
@ConfigurationProperties("sarcoma.access")
record AccessSettings(Duration afterTask, Duration mdtAgendaBefore, Duration mdtAgendaAfter) {

  AccessSettings {
    afterTask = afterTask == null ? Duration.ofDays(30) : afterTask;
    mdtAgendaBefore = mdtAgendaBefore == null ? Duration.ofDays(14) : mdtAgendaBefore;
    mdtAgendaAfter = mdtAgendaAfter == null ? Duration.ofDays(7) : mdtAgendaAfter;
  }
}

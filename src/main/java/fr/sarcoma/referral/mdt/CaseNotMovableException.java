package fr.sarcoma.referral.mdt;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/** M1: a coordinator asked to move a case that does not wait for an MDT session; the message says why, in French. */
public class CaseNotMovableException extends RuntimeException {

  private static final DateTimeFormatter SESSION =
      DateTimeFormatter.ofPattern("dd/MM/yyyy 'à' HH'h'mm").withZone(ZoneId.of("Europe/Paris"));

  private CaseNotMovableException(String message) {
    super(message);
  }

  static CaseNotMovableException notRegistered(UUID referralId) {
    return new CaseNotMovableException(
        "Le dossier "
            + referralId
            + " n'est inscrit à aucune séance de RCP (M1) :"
            + " seul un dossier inscrit et en attente de sa séance peut être déplacé.");
  }

  static CaseNotMovableException notWaiting(UUID referralId, Instant sessionAt) {
    return new CaseNotMovableException(
        "Le dossier "
            + referralId
            + " est inscrit à la séance de RCP du "
            + SESSION.format(sessionAt)
            + ", mais son parcours n'attend plus de séance (séance ouverte, report"
            + " en cours ou parcours arrêté) : il ne peut pas être déplacé (M1).");
  }
}

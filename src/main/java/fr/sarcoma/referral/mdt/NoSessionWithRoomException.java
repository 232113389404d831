package fr.sarcoma.referral.mdt;

import fr.sarcoma.referral.platform.web.RefusedRequestException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.springframework.http.HttpStatus;

/**
 * M1: a session cannot be cancelled while one of its cases would have no later session with room to go to; the
 * cancellation is undone (409, in French) rather than leaving a case on no session.
 */
public class NoSessionWithRoomException extends RefusedRequestException {

  private static final DateTimeFormatter SESSION =
      DateTimeFormatter.ofPattern("dd/MM/yyyy 'à' HH'h'mm").withZone(ZoneId.of("Europe/Paris"));

  NoSessionWithRoomException(MdtSession session, int cases) {
    super(
        HttpStatus.CONFLICT,
        "La séance de RCP du "
            + SESSION.format(session.startsAt())
            + " n'est pas annulée : aucune séance suivante n'a de place pour "
            + (cases == 1 ? "son dossier" : "ses " + cases + " dossiers")
            + " (M1). Ajoutez d'abord une séance après celle-ci, puis annulez-la.");
  }
}

package fr.sarcoma.referral.mdt;

import fr.sarcoma.referral.platform.web.RefusedRequestException;
import java.util.UUID;
import org.springframework.http.HttpStatus;

public class SessionUnavailableException extends RefusedRequestException {

  SessionUnavailableException(UUID sessionId) {
    super(
        HttpStatus.CONFLICT, "La séance de RCP " + sessionId + " est annulée, complète ou passée");
  }
}

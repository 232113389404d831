package fr.sarcoma.referral.mdt;

import fr.sarcoma.referral.platform.web.RefusedRequestException;
import java.util.UUID;
import org.springframework.http.HttpStatus;

public class UnknownSessionException extends RefusedRequestException {

  public UnknownSessionException(UUID sessionId) {
    super(HttpStatus.NOT_FOUND, "Aucune séance de RCP " + sessionId);
  }
}

package fr.sarcoma.referral.mdt;

import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

@ResponseStatus(HttpStatus.CONFLICT)
public class SessionUnavailableException extends RuntimeException {

  SessionUnavailableException(UUID sessionId) {
    super("MDT session " + sessionId + " is cancelled, full or past");
  }
}

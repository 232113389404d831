package fr.sarcoma.referral.mdt;

import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

@ResponseStatus(HttpStatus.NOT_FOUND)
public class UnknownSessionException extends RuntimeException {

  public UnknownSessionException(UUID sessionId) {
    super("No MDT session " + sessionId);
  }
}

package fr.sarcoma.referral.mdt;

import java.util.UUID;

import org.springframework.http.HttpStatus;

import fr.sarcoma.referral.platform.web.RefusedRequestException;

public class UnknownSessionException extends RefusedRequestException {

  public UnknownSessionException(UUID sessionId) {
    super(HttpStatus.NOT_FOUND, "Aucune séance de RCP " + sessionId);
  }
}

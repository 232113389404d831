package fr.sarcoma.referral.platform.web;

import org.springframework.http.HttpStatus;

/**
 * A read of a patient's identity or clinical file that need-to-know does not allow (403). Its French
 * message says which rule was missing and names no patient.
 */
public class ReadRefusedException extends RefusedRequestException {

  public ReadRefusedException(String reason) {
    super(HttpStatus.FORBIDDEN, reason);
  }
}

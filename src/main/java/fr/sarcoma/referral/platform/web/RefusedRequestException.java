package fr.sarcoma.referral.platform.web;

import org.springframework.http.HttpStatus;

/**
 * A request refused for a reason of the domain (an unknown id: 404, a conflict with the current state: 409).
 * Its message is French and becomes the {@code detail} of the problem the API answers with.
 */
public abstract class RefusedRequestException extends RuntimeException {

  private final HttpStatus status;

  protected RefusedRequestException(HttpStatus status, String reason) {
    super(reason);
    this.status = status;
  }

  public HttpStatus status() {
    return status;
  }
}

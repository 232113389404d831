package fr.sarcoma.referral.platform.web;

/** A request field that is well formed but not acceptable (e.g. a period that ends before it starts): a 400. */
public class InvalidFieldException extends RuntimeException {

  private final String field;

  public InvalidFieldException(String field, String reason) {
    super(reason);
    this.field = field;
  }

  public String field() {
    return field;
  }
}

package fr.sarcoma.referral.orders;

import java.util.List;

/** S3: a biopsy order was refused because evidence the guideline requires is not on record. */
public class BiopsyGateClosedException extends RuntimeException {

  private final List<String> missing;

  public BiopsyGateClosedException(List<String> missing) {
    super("Biopsie refusée (S3) : " + String.join(" ; ", missing));
    this.missing = List.copyOf(missing);
  }

  public List<String> missing() {
    return missing;
  }
}

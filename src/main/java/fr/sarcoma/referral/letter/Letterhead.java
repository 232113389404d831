package fr.sarcoma.referral.letter;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The network's letterhead on every letter ({@code sarcoma.network.*}): its name, postal address and telephone;
 * the address and telephone lines are left out when not set.
 */
@Component
class Letterhead {

  static final String DEFAULT_NAME = "RCP de recours sarcomes — réseau régional";

  private final String name;
  private final String address;
  private final String telephone;

  Letterhead(
      @Value("${sarcoma.network.name:" + DEFAULT_NAME + "}") String name,
      @Value("${sarcoma.network.address:}") String address,
      @Value("${sarcoma.network.telephone:}") String telephone) {
    this.name = name.isBlank() ? DEFAULT_NAME : name.strip();
    this.address = blankToNull(address);
    this.telephone = blankToNull(telephone);
  }

  /** The default letterhead: the network's name only. */
  static Letterhead standard() {
    return new Letterhead(DEFAULT_NAME, "", "");
  }

  public String getName() {
    return name;
  }

  public String getAddress() {
    return address;
  }

  public String getTelephone() {
    return telephone;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}

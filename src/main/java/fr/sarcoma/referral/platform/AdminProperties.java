package fr.sarcoma.referral.platform;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** The first administrator, outside the demo profile: {@code SARCOMA_ADMIN_USER} / {@code SARCOMA_ADMIN_PASSWORD}. */
@ConfigurationProperties("sarcoma.admin")
public record AdminProperties(String user, String password) {

  @Override
  public String toString() {
    return "AdminProperties[user=" + user + ", password=***]";
  }
}

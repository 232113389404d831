package fr.sarcoma.referral;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class SarcomaReferralApplication {

  public static void main(String[] args) {
    SpringApplication.run(SarcomaReferralApplication.class, args);
  }
}

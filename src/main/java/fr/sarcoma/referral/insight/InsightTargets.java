package fr.sarcoma.referral.insight;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Local targets (PATHWAY.md "Measures managers ask for"): interval targets in days, compliance
 * targets as rates between 0 and 1. Configurable: they are the network's, not the guideline's.
 */
@ConfigurationProperties("sarcoma.insight")
public record InsightTargets(
    Map<String, Double> intervalDays, Map<String, Double> complianceRates) {

  public InsightTargets {
    intervalDays = intervalDays == null ? Map.of() : Map.copyOf(intervalDays);
    complianceRates = complianceRates == null ? Map.of() : Map.copyOf(complianceRates);
  }
}

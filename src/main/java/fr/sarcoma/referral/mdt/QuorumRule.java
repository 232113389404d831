package fr.sarcoma.referral.mdt;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * M2: at least N specialties among the named participants, among them those always required (surgeon, radiologist,
 * pathologist).
 */
@ConfigurationProperties("sarcoma.mdt.quorum")
public record QuorumRule(Integer minimumSpecialties, Set<String> requiredSpecialties) {

  public QuorumRule {
    minimumSpecialties = minimumSpecialties == null ? 3 : minimumSpecialties;
    requiredSpecialties =
        requiredSpecialties == null
            ? Specialty.ALWAYS_REQUIRED.stream()
                .map(Specialty::name)
                .collect(Collectors.toUnmodifiableSet())
            : Set.copyOf(requiredSpecialties);
  }

  /** What is missing, with the codes as they are; empty when the quorum is met. */
  List<String> shortfall(Set<String> present) {
    return shortfall(present, Function.identity());
  }

  /**
   * What is missing among the specialties of the named participants, in French for the chair ({@code label}
   * names a specialty code); empty when the quorum is met.
   */
  List<String> shortfall(Set<String> present, Function<String, String> label) {
    List<String> missing = new ArrayList<>();
    requiredSpecialties.stream()
        .sorted()
        .filter(required -> !present.contains(required))
        .forEach(required -> missing.add("spécialité requise absente : " + label.apply(required)));
    if (present.size() < minimumSpecialties) {
      missing.add(
          "au moins " + minimumSpecialties + " spécialités (présentes : " + present.size() + ")");
    }
    return missing;
  }
}

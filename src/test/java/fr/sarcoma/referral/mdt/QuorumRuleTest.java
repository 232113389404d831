package fr.sarcoma.referral.mdt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.io.ClassPathResource;

/** M2: the quorum of the sarcoma MDT, as configured (sarcoma.mdt.quorum) and by default. */
class QuorumRuleTest {

  private final QuorumRule defaults = new QuorumRule(null, null);

  @Test
  @DisplayName(
      "M2: by default, at least 3 specialties among them a surgeon, a radiologist and a pathologist")
  void m2DefaultsAreThreeSpecialtiesWithSurgeonRadiologistPathologist() {
    assertThat(defaults.minimumSpecialties()).isEqualTo(3);
    assertThat(defaults.requiredSpecialties())
        .containsExactlyInAnyOrder("SURGEON", "RADIOLOGIST", "PATHOLOGIST");
  }

  @Test
  @DisplayName("M2: surgeon, radiologist and pathologist present → the quorum is met")
  void m2TheThreeRequiredSpecialtiesMeetTheQuorum() {
    assertThat(defaults.shortfall(Set.of("SURGEON", "RADIOLOGIST", "PATHOLOGIST"))).isEmpty();
    assertThat(
            defaults.shortfall(
                Set.of("SURGEON", "RADIOLOGIST", "PATHOLOGIST", "MEDICAL_ONCOLOGIST")))
        .isEmpty();
  }

  @Test
  @DisplayName("M2: a required specialty missing → named, even with enough specialties present")
  void m2AMissingRequiredSpecialtyIsNamed() {
    assertThat(
            defaults.shortfall(
                Set.of("SURGEON", "RADIOLOGIST", "MEDICAL_ONCOLOGIST", "RADIOTHERAPIST")))
        .containsExactly("spécialité requise absente : PATHOLOGIST");
  }

  @Test
  @DisplayName(
      "M2: every missing required specialty is named, in a stable order, with the count shortfall")
  void m2EveryMissingSpecialtyAndTheCountAreNamed() {
    assertThat(defaults.shortfall(Set.of("MEDICAL_ONCOLOGIST")))
        .containsExactly(
            "spécialité requise absente : PATHOLOGIST", "spécialité requise absente : RADIOLOGIST",
            "spécialité requise absente : SURGEON", "au moins 3 spécialités (présentes : 1)");
  }

  @Test
  @DisplayName("M2: too few specialties → the minimum and the count present are named")
  void m2TooFewSpecialtiesIsNamed() {
    QuorumRule fourNeeded = new QuorumRule(4, Set.of("SURGEON", "RADIOLOGIST", "PATHOLOGIST"));

    assertThat(fourNeeded.shortfall(Set.of("SURGEON", "RADIOLOGIST", "PATHOLOGIST")))
        .containsExactly("au moins 4 spécialités (présentes : 3)");
  }

  @Test
  @DisplayName(
      "M2: configured values replace the defaults (a centre requiring a medical oncologist, 2 specialties)")
  void m2ConfiguredValuesReplaceTheDefaults() {
    QuorumRule configured = new QuorumRule(2, Set.of("SURGEON", "MEDICAL_ONCOLOGIST"));

    assertThat(configured.shortfall(Set.of("SURGEON", "MEDICAL_ONCOLOGIST")))
        .as("no radiologist needed")
        .isEmpty();
    assertThat(configured.shortfall(Set.of("SURGEON", "RADIOLOGIST", "PATHOLOGIST")))
        .containsExactly("spécialité requise absente : MEDICAL_ONCOLOGIST");
    assertThat(configured.shortfall(Set.of("MEDICAL_ONCOLOGIST")))
        .containsExactly(
            "spécialité requise absente : SURGEON", "au moins 2 spécialités (présentes : 1)");
  }

  @Test
  @DisplayName(
      "M2: application.yml configures 3 specialties with surgeon, radiologist and pathologist")
  void m2TheShippedConfigurationIsTheGuidelineQuorum() throws IOException {
    Binder binder =
        new Binder(
            ConfigurationPropertySources.from(
                new YamlPropertySourceLoader()
                    .load("application", new ClassPathResource("application.yml"))));

    QuorumRule shipped = binder.bind("sarcoma.mdt.quorum", QuorumRule.class).get();

    assertThat(shipped.minimumSpecialties()).isEqualTo(3);
    assertThat(shipped.requiredSpecialties())
        .containsExactlyInAnyOrder("SURGEON", "RADIOLOGIST", "PATHOLOGIST");
    assertThat(shipped.shortfall(Set.of("SURGEON", "RADIOLOGIST")))
        .containsExactly(
            "spécialité requise absente : PATHOLOGIST", "au moins 3 spécialités (présentes : 2)");
  }
}

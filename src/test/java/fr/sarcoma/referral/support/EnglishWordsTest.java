package fr.sarcoma.referral.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EnglishWordsTest {

  @Test
  void findsTheEnglishOfTasklistAndFormJs() {
    assertThat(EnglishWords.count()).isGreaterThan(300);
    assertThat(EnglishWords.in("Field is required.")).containsExactly("field", "is", "required");
    assertThat(EnglishWords.in("Claim")).containsExactly("claim");
    assertThat(EnglishWords.in("zoom out")).containsExactly("out");
    assertThat(EnglishWords.in("Due in 3 days, dd/mm/yyyy")).contains("days", "dd", "yyyy");
  }

  @Test
  void leavesFrenchAlone() {
    assertThat(EnglishWords.in("Champ obligatoire. Sélectionner")).isEmpty();
    assertThat(EnglishWords.in("29/11/2026 · 1re imagerie prescrite, détail du compte rendu"))
        .isEmpty();
    assertThat(EnglishWords.in("Date, description, type, total, note, minutes, session")).isEmpty();
  }

  @Test
  void theGuidelinesOwnEnglishTermsAreFrench() {
    assertThat(EnglishWords.in("Os : une lésion bénigne typique est une « no touch lesion »"))
        .isEmpty();
    assertThat(EnglishWords.in("no results")).containsExactly("no", "results");
  }

  @Test
  void addressesAreNames() {
    assertThat(EnglishWords.in("nadia.chevalier@demo.invalid, http://localhost/login")).isEmpty();
    assertThat(EnglishWords.in("invalid login")).containsExactly("invalid", "login");
  }
}

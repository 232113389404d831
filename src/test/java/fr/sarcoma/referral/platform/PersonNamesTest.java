package fr.sarcoma.referral.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Names compared as the search and the duplicate check compare them: words, without case, accents or order. */
class PersonNamesTest {

  @Test
  void wordsAreFoldedWithoutCaseAccentsOrPunctuation() {
    assertThat(PersonNames.words("LEFÈVRE-Hénaff Éloïse"))
        .containsExactly("lefevre", "henaff", "eloise");
    assertThat(PersonNames.words("Jean-Pierre d'Arc"))
        .containsExactly("jean", "pierre", "d", "arc");
    assertThat(PersonNames.words("Çağla Œuvrard Ærø Strauß"))
        .containsExactly("cagla", "oeuvrard", "aero", "strauss");
    assertThat(PersonNames.words("  ")).isEmpty();
    assertThat(PersonNames.words(null)).isEmpty();
  }

  @Test
  void hyphenatedAndApostrophisedNamesAreFoundJoinedUpToo() {
    assertThat(PersonNames.searchWords("Jean-Pierre d'Arc"))
        .containsExactly("jean", "pierre", "jeanpierre", "d", "arc", "darc");
  }

  @Test
  void theKeyIsTheSameWhateverTheOrderCaseAndAccents() {
    assertThat(PersonNames.key("Marie-Hélène DUPONT"))
        .isEqualTo(PersonNames.key("dupont marie helene"))
        .isEqualTo(PersonNames.key("Dupont, Marie Hélène"))
        .isEqualTo("dupont helene marie");
    assertThat(PersonNames.key("Marie Dupont")).isNotEqualTo(PersonNames.key("Marie Dupond"));
    assertThat(PersonNames.key("---")).isEmpty();
  }

  @Test
  void aVeryLongWordIsCut() {
    assertThat(PersonNames.words("x".repeat(150))).singleElement().asString().hasSize(100);
  }
}

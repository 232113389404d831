package fr.sarcoma.referral.dossier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.sarcoma.referral.platform.web.InvalidFieldException;
import fr.sarcoma.referral.referral.PatientRegistry.Criteria;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The patient search box read word by word: a birth date, a referral number, the rest the name or the IPP. */
class PatientQueryTest {

  @Test
  void aNameOrAnIppIsText() {
    assertThat(PatientQuery.parse("  Lefèvre  Éloïse "))
        .isEqualTo(new Criteria("Lefèvre Éloïse", null, null));
    assertThat(PatientQuery.parse("IPP-12ab")).isEqualTo(new Criteria("IPP-12ab", null, null));
  }

  @Test
  void aBirthDateIsReadDayFirstOrIso() {
    LocalDate november3 = LocalDate.of(1958, 11, 3);
    assertThat(PatientQuery.parse("03/11/1958").birthDate()).isEqualTo(november3);
    assertThat(PatientQuery.parse("3/11/1958").birthDate()).isEqualTo(november3);
    assertThat(PatientQuery.parse("03.11.1958").birthDate()).isEqualTo(november3);
    assertThat(PatientQuery.parse("1958-11-03").birthDate()).isEqualTo(november3);
    assertThat(PatientQuery.parse("dupont 03/11/1958"))
        .isEqualTo(new Criteria("dupont", november3, null));
  }

  @Test
  void aReferralNumberIsTheReferral() {
    assertThat(PatientQuery.parse("sarc-2026-000123"))
        .isEqualTo(new Criteria(null, null, "SARC-2026-000123"));
  }

  @Test
  void anUnreadableQueryIsRefusedInFrench() {
    assertRefused(null, "recherche vide");
    assertRefused("   ", "recherche vide");
    assertRefused("d", "recherche trop courte");
    assertRefused("é-", "recherche trop courte");
    assertRefused("31/02/1971", "date de naissance illisible ou impossible : « 31/02/1971 »");
    assertRefused("11/13/1970", "attendu jj/mm/aaaa");
    assertRefused("03/11/58", "attendu jj/mm/aaaa");
    assertRefused("01/01/1850", "hors de la période 1900–2199");
    assertRefused("01/01/1950 02/02/1960", "une seule date de naissance");
    assertRefused("x".repeat(201), "au plus 200 caractères");
  }

  private static void assertRefused(String query, String reason) {
    assertThatThrownBy(() -> PatientQuery.parse(query))
        .isInstanceOfSatisfying(
            InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("q"))
        .hasMessageContaining(reason);
  }
}

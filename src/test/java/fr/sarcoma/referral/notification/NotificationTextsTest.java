package fr.sarcoma.referral.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

/** The notifications' French texts, from the application's bundle: every kind, and the link to the task. */
class NotificationTextsTest {

  private final NotificationTexts texts =
      new NotificationTexts(bundle(), "https://rcp.chu.example/");

  @Test
  @DisplayName(
      "Each kind's subject and body carry the referral number, the task's title and its Tasklist link; the"
          + " apostrophes survive the pattern")
  void everyKind() {
    String overdue =
        texts.body(
            NotificationKind.EXAM_OVERDUE,
            "SARC-2026-000123",
            "a1b2c3",
            "Relancer l'examen en retard",
            texts.label("modality.", "MRI"));
    assertThat(texts.subject(NotificationKind.EXAM_OVERDUE, "SARC-2026-000123"))
        .isEqualTo("RCP sarcomes : examen en retard — dossier SARC-2026-000123");
    assertThat(overdue)
        .startsWith(
            "Le compte rendu de l’examen prescrit pour le dossier SARC-2026-000123 (IRM) n’est pas arrivé dans"
                + " le délai prévu : l’examen est à relancer.\n\n")
        .contains(
            "\n\nTâche : Relancer l'examen en retard\n"
                + "https://rcp.chu.example/camunda/app/tasklist/default/#/?task=a1b2c3\n\n")
        .endsWith("La coordination de la RCP de recours sarcomes");

    String cutoff =
        texts.body(
            NotificationKind.MDT_CUTOFF_MISSED,
            "SARC-2026-000123",
            "t1",
            "Préparer le dossier RCP",
            NotificationTexts.session(Instant.parse("2026-12-03T13:00:00Z")),
            NotificationTexts.session(Instant.parse("2026-12-01T13:00:00Z")),
            NotificationTexts.session(Instant.parse("2026-12-10T13:00:00Z")));
    assertThat(cutoff)
        .startsWith(
            "Le dossier SARC-2026-000123 a été inscrit en RCP après la date limite d’inscription de la séance du"
                + " jeudi 3 décembre 2026 à 14h00 (le mardi 1er décembre 2026 à 14h00) : il passera à la séance du"
                + " jeudi 10 décembre 2026 à 14h00.");

    String letter =
        texts.body(
            NotificationKind.LETTER_NOT_DELIVERED,
            "SARC-2026-000123",
            "letter-delivery-1",
            "Courrier non remis : refusé par la messagerie sécurisée — SARC-2026-000123",
            texts.label("letterKind.", "MDT_DECISION"),
            texts.label("recipientRole.", "GENERAL_PRACTITIONER"),
            texts.label("deliveryStatus.", "REFUSED"));
    assertThat(letter)
        .startsWith(
            "Le courrier « Courrier de décision de RCP » du dossier SARC-2026-000123, destiné au médecin traitant,"
                + " n’a pas été remis : refusé par la messagerie sécurisée.");

    String urgent =
        texts.body(
            NotificationKind.URGENT_REFERRAL,
            "SARC-2026-000123",
            "t2",
            "Programmer l'examen : Échographie");
    assertThat(urgent)
        .startsWith(
            "Une nouvelle demande d’avis a été orientée en urgence par le tri : dossier SARC-2026-000123.");
  }

  private static ResourceBundleMessageSource bundle() {
    ResourceBundleMessageSource bundle = new ResourceBundleMessageSource();
    bundle.setBasename("messages_fr");
    bundle.setDefaultEncoding(StandardCharsets.UTF_8.name());
    bundle.setFallbackToSystemLocale(false);
    return bundle;
  }
}

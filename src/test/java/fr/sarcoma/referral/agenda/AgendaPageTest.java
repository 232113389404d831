package fr.sarcoma.referral.agenda;

import static org.assertj.core.api.Assertions.assertThat;

import fr.sarcoma.referral.mdt.MdtSession;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/** The printable agenda (templates/mdt/agenda.html) without the application: French labels, flags, escaping. */
class AgendaPageTest {

  private static final MdtSession SESSION =
      new MdtSession(
          UUID.randomUUID(),
          Instant.parse("2026-03-12T13:00:00Z"),
          Instant.parse("2026-03-12T15:00:00Z"),
          Instant.parse("2026-03-10T12:00:00Z"),
          12,
          MdtSession.RECURRING,
          null,
          null,
          null,
          2);

  @Test
  @DisplayName(
      "M3: each case with its labels in French, the incomplete one flagged with what is missing")
  void casesInFrench() {
    AgendaCase complete =
        new AgendaCase(
            UUID.randomUUID(),
            "SARC-2026-000001",
            "Marie Exemple",
            LocalDate.of(1964, 5, 12),
            "SWELLING_OR_PAIN",
            "SOFT_TISSUE",
            "cuisse gauche",
            8.5,
            "Dr Durand",
            "Biopsie ?",
            List.of(
                new AgendaCase.Exam(
                    "MRI",
                    "REPORTED",
                    Instant.parse("2026-03-01T09:00:00Z"),
                    LocalDate.of(2026, 3, 3),
                    "Masse profonde")),
            "INDETERMINATE",
            "sarcome ?",
            List.of());
    AgendaCase incomplete =
        new AgendaCase(
            UUID.randomUUID(),
            "SARC-2026-000002",
            "<script>alert(1)</script>",
            null,
            "INCIDENTAL_FINDING",
            "BONE",
            "fémur",
            null,
            "Dr Martin",
            null,
            List.of(
                new AgendaCase.Exam(
                    "CHEST_CT", "SENT", Instant.parse("2026-03-02T09:00:00Z"), null, null)),
            null,
            null,
            List.of("Scanner thoracique non reçu"));

    String page = render(new Agenda(SESSION, List.of(complete, incomplete)));

    assertThat(page)
        .contains(
            "RCP de recours sarcomes — ordre du jour",
            "Séance du jeudi 12 mars 2026 à 14h00",
            "2 dossier(s), 1 incomplet(s)",
            "SARC-2026-000001 — Marie Exemple (né(e) le 12/05/1964)",
            "Tuméfaction et/ou douleur",
            "Parties molles",
            "8.5 cm",
            "<td>IRM</td>",
            "03/03/2026",
            "Lésion indéterminée — sarcome ?",
            "Dossier complet",
            "Découverte fortuite",
            "Os",
            "<td>Scanner thoracique</td>",
            "<em>en attente</em>",
            "<em>non renseignée</em>",
            "<em>absente</em>",
            "Dossier incomplet",
            "<li>Scanner thoracique non reçu</li>",
            "class=\"case incomplete\"",
            "&lt;script&gt;alert(1)&lt;/script&gt;")
        .doesNotContain("<script>", "INDETERMINATE", "SOFT_TISSUE", "??");
  }

  @Test
  @DisplayName("M1: a cancelled session without cases says so")
  void cancelledAndEmpty() {
    MdtSession cancelled =
        new MdtSession(
            SESSION.id(),
            SESSION.startsAt(),
            SESSION.endsAt(),
            SESSION.registrationCutoffAt(),
            12,
            MdtSession.RECURRING,
            null,
            Instant.parse("2026-03-11T08:00:00Z"),
            "Férié",
            0);
    assertThat(render(new Agenda(cancelled, List.of())))
        .contains("<strong>ANNULÉE</strong>", "Aucun dossier inscrit.");
  }

  private static String render(Agenda agenda) {
    ClassLoaderTemplateResolver html = new ClassLoaderTemplateResolver();
    html.setPrefix("templates/");
    html.setSuffix(".html");
    html.setTemplateMode(TemplateMode.HTML);
    html.setCharacterEncoding(StandardCharsets.UTF_8.name());
    ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
    messages.setBasename("messages_fr");
    messages.setDefaultEncoding(StandardCharsets.UTF_8.name());
    SpringTemplateEngine engine = new SpringTemplateEngine();
    engine.setTemplateResolver(html);
    engine.setTemplateEngineMessageSource(messages);
    return engine.process(
        "mdt/agenda",
        new Context(Locale.FRENCH, Map.of("agenda", agenda, "zone", ZoneId.of("Europe/Paris"))));
  }
}

package fr.sarcoma.referral.agenda;

import static org.assertj.core.api.Assertions.assertThat;

import fr.sarcoma.referral.agenda.SessionsOverview.Overview;
import fr.sarcoma.referral.agenda.SessionsOverview.SessionCase;
import fr.sarcoma.referral.agenda.SessionsOverview.SessionRow;
import fr.sarcoma.referral.mdt.MdtSchedule;
import fr.sarcoma.referral.mdt.MdtSession;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/** The MDT sessions page (templates/mdt/sessions.html) without the application: French, actions for coordinators only. */
class SessionsPageTest {

  private static final MdtSession WEEKLY =
      new MdtSession(
          UUID.randomUUID(),
          Instant.parse("2026-12-03T13:00:00Z"),
          Instant.parse("2026-12-03T16:00:00Z"),
          Instant.parse("2026-12-01T13:00:00Z"),
          12,
          MdtSession.RECURRING,
          null,
          null,
          null,
          2);

  private static final MdtSession ONE_OFF =
      new MdtSession(
          UUID.randomUUID(),
          Instant.parse("2026-12-22T08:30:00Z"),
          Instant.parse("2026-12-22T10:30:00Z"),
          Instant.parse("2026-12-19T11:00:00Z"),
          4,
          MdtSession.ONE_OFF,
          "Avant les congés <b>",
          null,
          null,
          0);

  private static final MdtSession CANCELLED =
      new MdtSession(
          UUID.randomUUID(),
          Instant.parse("2026-12-10T13:00:00Z"),
          Instant.parse("2026-12-10T16:00:00Z"),
          Instant.parse("2026-12-08T13:00:00Z"),
          12,
          MdtSession.RECURRING,
          null,
          Instant.parse("2026-11-30T08:00:00Z"),
          "Salle indisponible",
          0);

  private static final SessionCase WAITING =
      new SessionCase(UUID.randomUUID(), "SARC-2026-000001", "Marie Exemple", true);
  private static final SessionCase DISCUSSED =
      new SessionCase(UUID.randomUUID(), "SARC-2026-000002", "Jean <i>Test</i>", false);

  private static final Overview OVERVIEW =
      new Overview(
          List.of(
              new SessionRow(WEEKLY, false, false, List.of(WAITING, DISCUSSED)),
              new SessionRow(CANCELLED, false, false, List.of()),
              new SessionRow(ONE_OFF, false, false, List.of())),
          List.of(WEEKLY, ONE_OFF));

  @Test
  @DisplayName("M1: every session with its date, hours, cutoff, cases and status, in French")
  void sessionsInFrench() {
    String page = render(false, "");

    assertThat(page)
        .contains(
            "RCP de recours sarcomes — séances",
            "jeudi 3 décembre 2026",
            "14h00 – 17h00",
            "mardi 1 décembre à 14h00",
            "2 / 12",
            "hebdomadaire",
            "ponctuelle",
            "Inscriptions ouvertes",
            "Annulée</span> : Salle indisponible",
            "mardi 22 décembre 2026",
            "09h30 – 11h30",
            "Avant les congés &lt;b&gt;",
            "SARC-2026-000001",
            "Marie Exemple",
            "Jean &lt;i&gt;Test&lt;/i&gt;",
            "(discuté)",
            "href=\"/mdt/sessions/" + WEEKLY.id() + "/agenda\"",
            "Ordre du jour")
        .doesNotContain("RECURRING", "ONE_OFF", "<b>", "<i>Test");
  }

  @Test
  @DisplayName("M1: a reader sees no action, no script and no token")
  void readersGetNoAction() {
    String page = render(false, "");

    assertThat(page)
        .doesNotContain(
            "Ajouter une séance ponctuelle",
            "Annuler la séance",
            "Déplacer vers",
            "/mdt/assets/sessions.js")
        .contains("<meta name=\"sarcoma-csrf-token\">");
  }

  @Test
  @DisplayName(
      "M1: a coordinator adds, cancels (not a cancelled session) and moves (a waiting case only)")
  void coordinatorsGetTheActions() {
    String page = render(true, "0123ABCD");

    assertThat(page)
        .contains(
            "<meta name=\"sarcoma-csrf-token\" content=\"0123ABCD\">",
            "Ajouter une séance ponctuelle",
            "value=\"180\"",
            "value=\"12\"",
            "value=\"14:00\"",
            "<script src=\"/mdt/assets/sessions.js\"></script>");
    assertThat(count(page, "Annuler la séance…")).as("not the cancelled one").isEqualTo(2);
    assertThat(count(page, "Déplacer vers")).as("the waiting case only").isEqualTo(1);
    assertThat(page)
        .as("a case moves to another session only")
        .contains("value=\"" + ONE_OFF.id() + "\"")
        .doesNotContain("<option value=\"" + WEEKLY.id() + "\"");
  }

  @Test
  void coordinatorsAndAdministratorsManageTheCalendar() {
    assertThat(SessionsPageController.canManage(user("coordinators"))).isTrue();
    assertThat(SessionsPageController.canManage(user("camunda-admin"))).isTrue();
    assertThat(SessionsPageController.canManage(user("mdt-chairs", "oncologists"))).isFalse();
    assertThat(SessionsPageController.canManage(null)).isFalse();
  }

  private static UsernamePasswordAuthenticationToken user(String... groups) {
    return UsernamePasswordAuthenticationToken.authenticated(
        "someone", null, AuthorityUtils.createAuthorityList(groups));
  }

  private static int count(String text, String part) {
    return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
  }

  private static String render(boolean canManage, String token) {
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
        "mdt/sessions",
        new Context(
            Locale.FRENCH,
            Map.of(
                "overview", OVERVIEW,
                "canManage", canManage,
                "csrfToken", token,
                "schedule", new MdtSchedule(null, null, null, null, null, null, null),
                "zone", SessionsOverview.PARIS)));
  }
}

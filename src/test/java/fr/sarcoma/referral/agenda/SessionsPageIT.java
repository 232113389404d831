package fr.sarcoma.referral.agenda;

import static org.assertj.core.api.Assertions.assertThat;

import fr.sarcoma.referral.mdt.MdtSessions;
import fr.sarcoma.referral.referral.Site;
import fr.sarcoma.referral.support.HttpCalls;
import fr.sarcoma.referral.support.PathwayDriver;
import fr.sarcoma.referral.support.PathwayDriver.Referral;
import fr.sarcoma.referral.support.PostgresIntegrationTest;
import fr.sarcoma.referral.support.WebappLogin;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The MDT sessions page (/mdt/sessions) with the webapps' session, on PostgreSQL (M1): the whole MDT team reads it,
 * coordinators get its actions and the token their page writes with; others are refused.
 */
@PostgresIntegrationTest
class SessionsPageIT {

  private static final Pattern TOKEN =
      Pattern.compile("<meta name=\"sarcoma-csrf-token\" content=\"([0-9A-F]+)\">");

  @Autowired PathwayDriver pathway;
  @Autowired MdtSessions sessions;
  @LocalServerPort int port;

  @Test
  void m1ACoordinatorsPageListsTheCasesAndCarriesTheTokenItWritesWith() {
    Referral referral = pathway.awaitingMdtSession(Site.SOFT_TISSUE);
    UUID sessionId = sessions.currentSessionOf(referral.id()).orElseThrow().id();
    WebappLogin coordinator = WebappLogin.toTasklist(port, "coordinator");

    HttpCalls.Response page = coordinator.browser().get("/mdt/sessions", "text/html");

    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body())
        .contains(
            "RCP de recours sarcomes — séances",
            "Ajouter une séance ponctuelle",
            "data-session-id=\"" + sessionId + "\"",
            "href=\"/mdt/sessions/" + sessionId + "/agenda\"",
            "data-referral-id=\"" + referral.id() + "\"",
            referral.businessKey(),
            "Déplacer vers");
    Matcher token = TOKEN.matcher(page.body());
    assertThat(token.find()).as("the page carries the session's CSRF token").isTrue();
    assertThat(token.group(1)).isEqualTo(coordinator.csrfToken());
  }

  @Test
  void m1TheMdtTeamReadsThePageWithoutItsActions() {
    HttpCalls chair = WebappLogin.toTasklist(port, "mdtchair").browser();

    HttpCalls.Response page = chair.get("/mdt/sessions", "text/html");

    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body())
        .contains("RCP de recours sarcomes — séances", "Ordre du jour")
        .doesNotContain("Ajouter une séance", "Déplacer vers", "/mdt/assets/sessions.js");
    assertThat(TOKEN.matcher(page.body()).find()).as("no token for a reader").isFalse();
    assertThat(
            chair
                .postJson(
                    "/api/mdt/sessions",
                    "{}",
                    Map.of("X-XSRF-TOKEN", WebappLogin.toTasklist(port, "mdtchair").csrfToken()))
                .status())
        .as("another session's token")
        .isEqualTo(403);
  }

  @Test
  void m1AManagerIsNotOfTheMdtTeam() {
    HttpCalls manager = WebappLogin.to(port, "cockpit", "manager").browser();

    assertThat(manager.get("/mdt/sessions", "text/html").status()).isEqualTo(403);
    assertThat(manager.get("/dashboard", "text/html").status()).isEqualTo(200);
  }

  @Test
  void m1ThePagesScriptIsServedToAnyone() {
    HttpCalls.Response script = HttpCalls.to(port).get("/mdt/assets/sessions.js", "*/*");

    assertThat(script.status()).isEqualTo(200);
    assertThat(script.body()).contains("X-XSRF-TOKEN", "/api/mdt/sessions");
  }
}

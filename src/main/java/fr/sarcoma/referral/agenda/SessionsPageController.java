package fr.sarcoma.referral.agenda;

import fr.sarcoma.referral.mdt.MdtSchedule;
import fr.sarcoma.referral.security.WebappCsrfToken;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * The MDT sessions page (templates/mdt/sessions.html, in French): the coming sessions with their cases, each
 * session's agenda a click away, reached from Tasklist's navbar ("Séances RCP"). Every member of the MDT team reads
 * it; coordinators (and administrators) also get its actions, which call the sessions API (mdt/MdtSessionController)
 * from the page's script (static/mdt/assets/sessions.js) with the user's webapp session and its CSRF token, put in
 * the page for that. The API is the guard: it checks the group again and every field.
 */
@RestController
class SessionsPageController {

  /** Who manages the calendar: the groups the API lets write under /api/mdt/sessions (security/). */
  private static final Set<String> COORDINATION = Set.of("coordinators", "camunda-admin");

  private final SessionsOverview overview;
  private final MdtSchedule schedule;
  private final ITemplateEngine templates;

  SessionsPageController(
      SessionsOverview overview, MdtSchedule schedule, ITemplateEngine templates) {
    this.overview = overview;
    this.schedule = schedule;
    this.templates = templates;
  }

  @GetMapping(
      path = {"/mdt/sessions", "/mdt/sessions/"},
      produces = MediaType.TEXT_HTML_VALUE)
  String sessions(HttpServletRequest request, Authentication user) {
    boolean canManage = canManage(user);
    return templates.process(
        "mdt/sessions",
        new Context(
            Locale.FRENCH,
            Map.of(
                "overview",
                overview.coming(),
                "canManage",
                canManage,
                // Only for the page's actions: a reader's page carries no token.
                "csrfToken",
                canManage ? WebappCsrfToken.of(request).orElse("") : "",
                "schedule",
                schedule,
                "zone",
                SessionsOverview.PARIS)));
  }

  static boolean canManage(Authentication user) {
    return user != null
        && user.getAuthorities().stream()
            .map(GrantedAuthority::getAuthority)
            .anyMatch(COORDINATION::contains);
  }
}

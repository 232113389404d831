package fr.sarcoma.referral.security;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * What an unauthenticated request gets, by who sends it. An API client gets HTTP Basic's challenge,
 * as always (401, {@code WWW-Authenticate: Basic}), and so does everyone on {@code /engine-rest/**}
 * and {@code /actuator/**} (HTTP Basic only). On our API and pages a browser must never get it: the
 * challenge opens the browser's own login prompt, a second login beside the webapps'. So:
 *
 * <ul>
 *   <li>a page navigation (GET or HEAD asking for {@code text/html}, no {@code Authorization}
 *       header) gets a French page that leads to the webapps' login (templates/security/login-required.html);
 *   <li>a script of our pages or of the Tasklist plugins (header {@code X-Requested-With:
 *       XMLHttpRequest}, as jQuery and AngularJS used to send, or the browser's own {@code
 *       Sec-Fetch-Site: same-origin}) gets a French problem detail: a session that expired under a
 *       Tasklist plugin does not open the prompt either;
 * </ul>
 *
 * both with a 401 whose challenge names the webapps' session ({@value #SESSION_CHALLENGE}), a scheme
 * no browser prompts for.
 */
class WebappLoginEntryPoint implements AuthenticationEntryPoint {

  static final String SESSION_CHALLENGE =
      "WebappSession realm=\"" + SecurityConfiguration.REALM + "\"";

  private static final byte[] SESSION_EXPIRED_PROBLEM =
      ("{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,\"detail\":\"Connexion"
              + " requise : vous n'êtes pas (ou plus) connecté(e) aux applications Camunda. Connectez-vous"
              + " à Tasklist ou à Cockpit, puis rechargez la page.\"}")
          .getBytes(StandardCharsets.UTF_8);

  private final AuthenticationEntryPoint basic;
  private final RequestMatcher sessionReadable;
  private final ITemplateEngine templates;

  /** {@code sessionReadable}: where the webapps' session is taken; elsewhere HTTP Basic only. */
  WebappLoginEntryPoint(
      AuthenticationEntryPoint basic, RequestMatcher sessionReadable, ITemplateEngine templates) {
    this.basic = basic;
    this.sessionReadable = sessionReadable;
    this.templates = templates;
  }

  @Override
  public void commence(
      HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
      throws IOException, ServletException {
    if (request.getHeader(HttpHeaders.AUTHORIZATION) != null || !sessionReadable.matches(request)) {
      basic.commence(request, response, failure);
    } else if (isPageNavigation(request)) {
      byte[] page =
          templates
              .process("security/login-required", new Context(Locale.FRENCH))
              .getBytes(StandardCharsets.UTF_8);
      // Our pages' policy, wherever the page is answered (under /api/** too).
      response.setHeader("Content-Security-Policy", SecurityConfiguration.PAGE_POLICY);
      answer(response, MediaType.TEXT_HTML_VALUE + ";charset=UTF-8", page, request);
    } else if (isPageScript(request)) {
      answer(response, "application/problem+json", SESSION_EXPIRED_PROBLEM, request);
    } else {
      basic.commence(request, response, failure);
    }
  }

  private static void answer(
      HttpServletResponse response, String contentType, byte[] body, HttpServletRequest request)
      throws IOException {
    response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
    response.setHeader(HttpHeaders.WWW_AUTHENTICATE, SESSION_CHALLENGE);
    response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
    response.setContentType(contentType);
    response.setContentLength(body.length);
    if (!"HEAD".equals(request.getMethod())) {
      response.getOutputStream().write(body);
    }
  }

  /**
   * A script of one of our pages, or of a Tasklist plugin: it says so ({@code X-Requested-With}, our pages' scripts),
   * or the browser does ({@code Sec-Fetch-Site: same-origin}, sent by browsers only, on every fetch and XHR).
   */
  static boolean isPageScript(HttpServletRequest request) {
    return "XMLHttpRequest".equals(request.getHeader("X-Requested-With"))
        || "same-origin".equals(request.getHeader("Sec-Fetch-Site"));
  }

  /** A browser opening a page: it names text/html among what it accepts (fetch and API clients do not). */
  static boolean isPageNavigation(HttpServletRequest request) {
    if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
      return false;
    }
    String accept = request.getHeader(HttpHeaders.ACCEPT);
    if (accept == null) {
      return false;
    }
    try {
      List<MediaType> types = MediaType.parseMediaTypes(accept);
      return types.stream()
          .anyMatch(type -> !type.isWildcardType() && type.isCompatibleWith(MediaType.TEXT_HTML));
    } catch (InvalidMediaTypeException e) {
      return false;
    }
  }
}

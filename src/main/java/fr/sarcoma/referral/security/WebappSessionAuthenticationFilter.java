package fr.sarcoma.referral.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets a user already logged in to the Camunda webapps use our API and pages without a second
 * login: the Tasklist plugins and our pages ({@code /mdt/**}, {@code /dashboard/**}) call {@code
 * /api/**} with the browser's session cookie, no HTTP Basic.
 *
 * <p>The webapps keep their login in the HTTP session under {@code "authenticatedUser"} (an {@link
 * Authentications}, one {@link UserAuthentication} per engine; see Camunda's {@code
 * AuthenticationUtil}). Reads (GET, HEAD) are taken from the session as they come. A write (any
 * other method) is taken from it only when it carries the webapps' CSRF token ({@link
 * WebappCsrfToken}: the {@code X-XSRF-TOKEN} header equal to the session's token): the browser sends
 * the cookie on any cross-site request, so the cookie alone could be forged, the header cannot.
 * A write on a logged-in session without the token, or with another one, is refused (403, French
 * problem detail) rather than left to HTTP Basic, whose challenge would open the browser's login
 * prompt. An explicit {@code Authorization} header always wins, so API clients see no change. The
 * groups are read again from the identity service on every request, as for HTTP Basic, so a user
 * removed from a group loses its rights at once.
 */
class WebappSessionAuthenticationFilter extends OncePerRequestFilter {

  /** Camunda's {@code AuthenticationUtil.CAM_AUTH_SESSION_KEY} (protected there). */
  static final String SESSION_KEY = "authenticatedUser";

  static final String MISSING_TOKEN =
      "Écriture refusée : la requête vient de votre session des applications Camunda mais ne porte"
          + " pas son jeton de sécurité (en-tête "
          + WebappCsrfToken.HEADER
          + " absent ou différent). Rechargez la page, puis recommencez.";

  private static final byte[] MISSING_TOKEN_PROBLEM =
      ("{\"type\":\"about:blank\",\"title\":\"Forbidden\",\"status\":403,\"detail\":\""
              + MISSING_TOKEN
              + "\"}")
          .getBytes(StandardCharsets.UTF_8);

  private static final Logger LOG =
      LoggerFactory.getLogger(WebappSessionAuthenticationFilter.class);

  private static final String ENGINE = "default";

  private final IdentityService identityService;
  private final RequestMatcher sessionReadable;

  WebappSessionAuthenticationFilter(
      IdentityService identityService, RequestMatcher sessionReadable) {
    this.identityService = identityService;
    this.sessionReadable = sessionReadable;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String userId = sessionUser(request);
    if (userId == null) {
      chain.doFilter(request, response);
      return;
    }
    if (!isSafe(request) && !WebappCsrfToken.isCarriedBy(request)) {
      LOG.info(
          "Write with the webapp session of {} refused: no valid CSRF token ({} {})",
          userId,
          request.getMethod(),
          request.getRequestURI());
      response.setStatus(HttpServletResponse.SC_FORBIDDEN);
      response.setContentType("application/problem+json");
      response.setContentLength(MISSING_TOKEN_PROBLEM.length);
      response.getOutputStream().write(MISSING_TOKEN_PROBLEM);
      return;
    }
    List<GrantedAuthority> groups =
        identityService.createGroupQuery().groupMember(userId).list().stream()
            .map(Group::getId)
            .<GrantedAuthority>map(SimpleGrantedAuthority::new)
            .toList();
    SecurityContext context = SecurityContextHolder.createEmptyContext();
    context.setAuthentication(
        UsernamePasswordAuthenticationToken.authenticated(userId, null, groups));
    SecurityContextHolder.setContext(context);
    try {
      chain.doFilter(request, response);
    } finally {
      SecurityContextHolder.clearContext();
    }
  }

  private static boolean isSafe(HttpServletRequest request) {
    return "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
  }

  /** The user logged in to the webapps in this request's session, when the session is to be used. */
  private String sessionUser(HttpServletRequest request) {
    if (request.getHeader(HttpHeaders.AUTHORIZATION) != null
        || SecurityContextHolder.getContext().getAuthentication() != null
        || !sessionReadable.matches(request)) {
      return null;
    }
    HttpSession session = request.getSession(false);
    if (session == null
        || !(session.getAttribute(SESSION_KEY) instanceof Authentications authentications)) {
      return null;
    }
    if (!(authentications.getAuthenticationForProcessEngine(ENGINE)
        instanceof UserAuthentication user)) {
      return null;
    }
    String userId = user.getIdentityId();
    // A user deleted since the login has no session rights left.
    if (userId == null || identityService.createUserQuery().userId(userId).count() == 0) {
      return null;
    }
    return userId;
  }
}

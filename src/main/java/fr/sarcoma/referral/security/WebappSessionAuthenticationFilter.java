package fr.sarcoma.referral.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets a user already logged in to the Camunda webapps read our API and pages without a second
 * login: the Tasklist plugins call {@code /api/**} with the browser's session cookie only.
 *
 * <p>The webapps keep their login in the HTTP session under {@code "authenticatedUser"} (an {@link
 * Authentications}, one {@link UserAuthentication} per engine; see Camunda's {@code
 * AuthenticationUtil}). Only safe methods (GET, HEAD) are taken from the session: a cookie is sent
 * by the browser on any cross-site request, so a write authenticated by it alone could be forged;
 * writes keep needing HTTP Basic. An explicit {@code Authorization} header always wins, so API
 * clients see no change. The groups are read again from the identity service on every request, as
 * for HTTP Basic, so a user removed from a group loses its rights at once.
 */
class WebappSessionAuthenticationFilter extends OncePerRequestFilter {

  /** Camunda's {@code AuthenticationUtil.CAM_AUTH_SESSION_KEY} (protected there). */
  static final String SESSION_KEY = "authenticatedUser";

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

  private String sessionUser(HttpServletRequest request) {
    boolean safe = "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
    if (!safe
        || request.getHeader(HttpHeaders.AUTHORIZATION) != null
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

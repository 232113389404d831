package fr.sarcoma.referral.audit;

import fr.sarcoma.referral.platform.EngineAuthentication;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Who is reading or acting, wherever the request came in: our API (HTTP Basic or the webapp session,
 * both through Spring Security), the engine (the user Camunda's REST API or webapps handed it), or the
 * Camunda webapps' own session (their engine API under {@code /camunda/api/engine}, which Spring
 * Security leaves to Camunda).
 */
@Component
class Callers {

  /** Camunda's {@code AuthenticationUtil.CAM_AUTH_SESSION_KEY}. */
  private static final String WEBAPP_SESSION_KEY = "authenticatedUser";

  private final IdentityService identityService;
  private final EngineAuthentication engineAuthentication;

  Callers(IdentityService identityService, EngineAuthentication engineAuthentication) {
    this.identityService = identityService;
    this.engineAuthentication = engineAuthentication;
  }

  /** The reader of a request to our API: the user Spring Security authenticated, if any. */
  Optional<Caller> ofRequest() {
    org.springframework.security.core.Authentication authentication =
        SecurityContextHolder.getContext().getAuthentication();
    if (authentication == null
        || !authentication.isAuthenticated()
        || authentication instanceof AnonymousAuthenticationToken) {
      return Optional.empty();
    }
    return Optional.of(
        new Caller(
            authentication.getName(),
            authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList()));
  }

  /** Who acts in the engine: its authenticated user, else the request's, else the system. */
  Caller acting() {
    Authentication engine = identityService.getCurrentAuthentication();
    if (engine != null && engine.getUserId() != null) {
      return new Caller(
          engine.getUserId(),
          engine.getGroupIds() == null ? groupsOf(engine.getUserId()) : engine.getGroupIds());
    }
    return ofRequest().orElse(Caller.SYSTEM);
  }

  /** The user logged in to the Camunda webapps with this request's session, on that engine. */
  Optional<Caller> ofWebappSession(HttpServletRequest request, String engineName) {
    HttpSession session = request.getSession(false);
    if (session == null
        || !(session.getAttribute(WEBAPP_SESSION_KEY) instanceof Authentications authentications)
        || !(authentications.getAuthenticationForProcessEngine(engineName)
            instanceof UserAuthentication user)
        || user.getIdentityId() == null) {
      return Optional.empty();
    }
    return Optional.of(
        new Caller(
            user.getIdentityId(),
            user.getGroupIds() == null
                ? groupsOf(user.getIdentityId())
                : List.copyOf(user.getGroupIds())));
  }

  /**
   * The door an action came through: the API it was called on, or {@code system} when no request
   * carries it (the job executor).
   */
  static String actionDoor() {
    if (!(RequestContextHolder.getRequestAttributes()
        instanceof ServletRequestAttributes request)) {
      return "system";
    }
    String path = request.getRequest().getRequestURI();
    if (path.startsWith("/engine-rest/history")) {
      return "engine-history";
    }
    if (path.startsWith("/engine-rest")) {
      return "engine-rest";
    }
    if (path.startsWith("/camunda/")) {
      return "webapp";
    }
    return "api";
  }

  /** The request's method and path (ids only, never a query string: it could hold anything). */
  static String requestDetail() {
    if (!(RequestContextHolder.getRequestAttributes()
        instanceof ServletRequestAttributes request)) {
      return null;
    }
    return request.getRequest().getMethod() + " " + request.getRequest().getRequestURI();
  }

  private List<String> groupsOf(String userId) {
    return engineAuthentication.asSystem(
        () ->
            identityService.createGroupQuery().groupMember(userId).list().stream()
                .map(Group::getId)
                .toList());
  }
}

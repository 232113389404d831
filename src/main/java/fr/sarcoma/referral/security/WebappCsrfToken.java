package fr.sarcoma.referral.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * The Camunda webapps' CSRF token: the proof that a write carrying the webapps' session cookie comes from a page of
 * ours (or of the webapps), not from another site the browser happens to show.
 *
 * <p>Camunda's {@code CsrfPreventionFilter} (7.24, {@code CsrfConstants}) keeps one token per HTTP session under
 * {@code CAMUNDA_CSRF_TOKEN}, hands it to the webapps in the {@code XSRF-TOKEN} cookie (path {@code /camunda}) and
 * the {@code X-XSRF-TOKEN} response header, and expects it back in the {@code X-XSRF-TOKEN} request header. Our
 * pages get it in their HTML ({@link #of}); another site can neither read that page nor the cookie, so it cannot
 * send the header. Only the header counts: the cookie rides along on every request, forged ones included.
 */
public final class WebappCsrfToken {

  /** The request header that carries the token (Camunda's {@code CSRF_TOKEN_HEADER_NAME}). */
  public static final String HEADER = "X-XSRF-TOKEN";

  /** Where the webapps keep the token in the HTTP session (Camunda's {@code CSRF_TOKEN_SESSION_ATTR_NAME}). */
  static final String SESSION_ATTRIBUTE = "CAMUNDA_CSRF_TOKEN";

  private WebappCsrfToken() {}

  /**
   * The token of the request's webapp session, for a page of ours that writes with that session; empty without a
   * session or before the webapps issued one (the session is never created here, nor a token: the webapps would then
   * never send their cookie).
   */
  public static Optional<String> of(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    if (session == null || !(session.getAttribute(SESSION_ATTRIBUTE) instanceof String token)) {
      return Optional.empty();
    }
    return token.isBlank() ? Optional.empty() : Optional.of(token);
  }

  /** Whether the request's {@value #HEADER} header is its session's token, compared in constant time. */
  static boolean isCarriedBy(HttpServletRequest request) {
    String sent = request.getHeader(HEADER);
    return sent != null
        && of(request)
            .map(
                token ->
                    MessageDigest.isEqual(
                        token.getBytes(StandardCharsets.UTF_8),
                        sent.getBytes(StandardCharsets.UTF_8)))
            .orElse(false);
  }
}

package fr.sarcoma.referral.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.stereotype.Component;

/**
 * Spring Security's firewall refuses addresses that could fool path matching ({@code //}, {@code ../},
 * {@code %2F}, {@code ;}, {@code %00}…). That is the caller's fault: a 400 with a French problem detail, not
 * the 500 an unhandled RequestRejectedException becomes. Picked up by Spring Security as the one bean of
 * its type. The address itself stays out of the answer and the log (it is hostile, and may be long).
 */
@Component
class RejectedRequestHandler implements RequestRejectedHandler {

  private static final Logger LOG = LoggerFactory.getLogger(RejectedRequestHandler.class);

  private static final byte[] PROBLEM =
      """
      {"type":"about:blank","title":"Bad Request","status":400,\
      "detail":"Adresse de requête refusée : elle contient une séquence interdite (//, ../, %2F, ;, %00 ou un \
      caractère de contrôle)"}"""
          .getBytes(StandardCharsets.UTF_8);

  @Override
  public void handle(
      HttpServletRequest request, HttpServletResponse response, RequestRejectedException rejected)
      throws IOException {
    LOG.debug("Request refused by the firewall: {}", rejected.getClass().getSimpleName());
    if (response.isCommitted()) {
      return;
    }
    response.resetBuffer();
    response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
    response.setContentType("application/problem+json");
    response.setContentLength(PROBLEM.length);
    response.getOutputStream().write(PROBLEM);
  }
}

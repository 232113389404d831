package fr.sarcoma.referral.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code /error} is where the container forwards a failed request to render it. Requested directly it has no
 * error to show, and Spring Boot would answer 500: it is no page of ours, so 404. Only the REQUEST dispatch is
 * filtered (a OncePerRequestFilter skips the ERROR dispatch), so real error pages still render.
 */
@Component
class DirectErrorRequestFilter extends OncePerRequestFilter {

  static final String ERROR_PATH = "/error";

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !(request.getContextPath() + ERROR_PATH).equals(request.getRequestURI());
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    response.sendError(HttpServletResponse.SC_NOT_FOUND);
  }
}

package fr.sarcoma.referral.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The net under every door: a request whose failure comes from an unreachable database answers 503 with
 * {@link DatabaseUnavailable}'s French problem detail and {@code Retry-After}, wherever it failed. Most
 * requests fail before any controller: HTTP Basic checks the password against the engine's users, so with the
 * database away Spring Security's authentication throws, and the container would answer a bare 500. Ahead of
 * Spring Security and of the webapps' filters (only Spring Boot's character encoding comes first); it reads
 * nothing from the database itself.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class DatabaseUnavailableFilter extends OncePerRequestFilter {

  private static final Logger LOG = LoggerFactory.getLogger(DatabaseUnavailableFilter.class);

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    try {
      chain.doFilter(request, response);
    } catch (ServletException | IOException | RuntimeException failure) {
      if (!DatabaseUnavailable.isCause(failure) || response.isCommitted()) {
        throw failure;
      }
      answer(request, response, failure);
    }
  }

  static void answer(HttpServletRequest request, HttpServletResponse response, Throwable failure)
      throws IOException {
    // The path only: a query string may name a patient (patient search).
    LOG.warn(
        "Database unavailable: {} {} answered 503 ({})",
        request.getMethod(),
        request.getRequestURI(),
        rootMessage(failure));
    response.reset();
    byte[] body = DatabaseUnavailable.body(request.getRequestURI());
    response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
    response.setHeader(
        HttpHeaders.RETRY_AFTER, String.valueOf(DatabaseUnavailable.RETRY_AFTER_SECONDS));
    response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
    response.setContentType(DatabaseUnavailable.PROBLEM_JSON);
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }

  private static String rootMessage(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName() + ": " + root.getMessage();
  }
}

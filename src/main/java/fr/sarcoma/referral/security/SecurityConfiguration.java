package fr.sarcoma.referral.security;

import org.camunda.bpm.engine.IdentityService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.header.writers.ContentSecurityPolicyHeaderWriter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.thymeleaf.ITemplateEngine;

/**
 * Two doors. The REST APIs (Camunda's {@code /engine-rest/**} and ours under {@code /api/**}) and
 * the actuator ({@code /actuator/**}: health public, metrics for managers) are stateless and take
 * HTTP Basic against the engine's users; {@code /api/**} and our pages ({@code /mdt/**}, {@code /patients/**}, {@code
 * /dashboard/**}) also accept a browser's Camunda webapp session, for writes only with the webapps'
 * CSRF token (see {@link WebappSessionAuthenticationFilter}), and a browser that opens one of our
 * pages without that session is led to the webapps' login rather than to HTTP Basic's prompt (see
 * {@link WebappLoginEntryPoint}). The Camunda webapps keep their own session login and CSRF
 * protection; here we only shut the first-run setup endpoint, which in 7.24 lets an anonymous
 * caller create an administrator while {@code camunda-admin} has no direct member. Headers: our
 * pages carry {@link #PAGE_POLICY}; HTTPS responses of both doors carry HSTS (README, "TLS, cookies
 * and HSTS"). Passwords are throttled in the engine ({@link LoginThrottle}), whichever door checks
 * them.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

  static final String REALM = "Sarcoma MDT";

  private static final String[] COORDINATION = {"coordinators", "camunda-admin"};
  private static final String[] MDT_TEAM = {
    "coordinators",
    "mdt-chairs",
    "radiologists",
    "surgeons",
    "pathologists",
    "oncologists",
    "camunda-admin"
  };
  private static final String[] MDT_CHAIRS = {"mdt-chairs", "camunda-admin"};
  private static final String[] MANAGERS = {"managers", "camunda-admin"};

  /** The audit trail (audit/): its readers audit everyone else, administrators included. */
  private static final String[] AUDITORS = {"auditors"};

  private static final String[] RESULT_SENDERS = {
    "coordinators", "radiologists", "pathologists", "camunda-admin"
  };
  private static final String[] CLINICAL_AND_MANAGERS = {
    "coordinators",
    "radiologists",
    "surgeons",
    "pathologists",
    "oncologists",
    "mdt-chairs",
    "managers",
    "camunda-admin"
  };

  private static final PathPatternRequestMatcher.Builder PATHS =
      PathPatternRequestMatcher.withDefaults();

  /**
   * The Content Security Policy of our pages (and of the login-required page they answer without a session): their
   * scripts and style sheets are files of ours ({@code <area>/assets/}, Tasklist's {@code scripts/}); data they carry
   * is in {@code <script type="application/json">} blocks, which run nothing. So no inline script or style, no
   * {@code eval}, nothing from another site, no framing. The Camunda webapps ({@code /camunda/**}) keep the policy of
   * their own header filter.
   */
  static final String PAGE_POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self';"
          + " connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self';"
          + " frame-ancestors 'none'";

  /** Our pages: HTML for people (their assets are files, and hold no data). */
  private static final RequestMatcher PAGES =
      new OrRequestMatcher(
          PATHS.matcher("/mdt/**"),
          PATHS.matcher("/patients/**"),
          PATHS.matcher("/dashboard/**"),
          PATHS.matcher("/audit/**"));

  @Bean
  @Order(1)
  SecurityFilterChain restApi(
      HttpSecurity http, IdentityService identityService, ITemplateEngine templates)
      throws Exception {
    BasicAuthenticationEntryPoint entryPoint = new BasicAuthenticationEntryPoint();
    entryPoint.setRealmName(REALM);
    RequestMatcher sessionReadable =
        new OrRequestMatcher(
            PATHS.matcher("/api/**"),
            PATHS.matcher("/mdt/**"),
            PATHS.matcher("/patients/**"),
            PATHS.matcher("/dashboard/**"),
            PATHS.matcher("/audit/**"));
    return http
        // Path patterns on the whole request path: /engine-rest is Jersey's servlet, not Spring
        // MVC's.
        .securityMatcher(
            new OrRequestMatcher(
                PATHS.matcher("/engine-rest/**"),
                PATHS.matcher("/api/**"),
                PATHS.matcher("/fhir/**"),
                PATHS.matcher("/mdt/**"),
                PATHS.matcher("/patients/**"),
                PATHS.matcher("/dashboard/**"),
                PATHS.matcher("/audit/**"),
                PATHS.matcher("/actuator/**")))
        .authorizeHttpRequests(
            requests ->
                requests
                    .requestMatchers(PATHS.matcher(HttpMethod.POST, "/api/referrals"))
                    .hasAnyAuthority(COORDINATION)
                    .requestMatchers(PATHS.matcher(HttpMethod.GET, "/api/referrals/**"))
                    .hasAnyAuthority(CLINICAL_AND_MANAGERS)
                    // Finding a patient: the clinical groups and the coordinators, never managers
                    // (who never read identity); the intake's check for a known patient is the
                    // coordinators', who register referrals.
                    .requestMatchers(
                        PATHS.matcher(HttpMethod.GET, "/api/patients/possible-duplicates"))
                    .hasAnyAuthority(COORDINATION)
                    .requestMatchers(
                        PATHS.matcher("/api/patients/**"), PATHS.matcher("/patients/**"))
                    .hasAnyAuthority(MDT_TEAM)
                    .requestMatchers(PATHS.matcher(HttpMethod.GET, "/api/letters/**"))
                    .hasAnyAuthority(CLINICAL_AND_MANAGERS)
                    .requestMatchers(PATHS.matcher(HttpMethod.POST, "/api/orders/*/result"))
                    .hasAnyAuthority(RESULT_SENDERS)
                    .requestMatchers(PATHS.matcher(HttpMethod.POST, "/fhir/DiagnosticReport"))
                    .hasAnyAuthority(RESULT_SENDERS)
                    .requestMatchers(PATHS.matcher("/api/orders/**"))
                    .hasAnyAuthority(COORDINATION)
                    // M4: MDT chairs correct decisions (GET /api/referrals/{id}/mdt-decisions:
                    // under /api/referrals/**).
                    .requestMatchers(
                        PATHS.matcher(HttpMethod.POST, "/api/mdt/decisions/*/corrections"))
                    .hasAnyAuthority(MDT_CHAIRS)
                    .requestMatchers(PATHS.matcher(HttpMethod.GET, "/api/mdt/decisions/*"))
                    .hasAnyAuthority(CLINICAL_AND_MANAGERS)
                    .requestMatchers(PATHS.matcher("/api/mdt/decisions/**"))
                    .denyAll()
                    // The pages' scripts and style sheets (Chart.js, the drawing code, the sessions
                    // page's actions) hold no data. The login-required page's sheet is /assets/,
                    // outside this chain.
                    .requestMatchers(
                        PATHS.matcher(HttpMethod.GET, "/dashboard/assets/**"),
                        PATHS.matcher(HttpMethod.GET, "/mdt/assets/**"),
                        PATHS.matcher(HttpMethod.GET, "/patients/assets/**"),
                        PATHS.matcher(HttpMethod.GET, "/audit/assets/**"))
                    .permitAll()
                    .requestMatchers(
                        PATHS.matcher(HttpMethod.GET, "/api/mdt/sessions/**"),
                        PATHS.matcher(HttpMethod.GET, "/mdt/**"))
                    .hasAnyAuthority(MDT_TEAM)
                    .requestMatchers(
                        PATHS.matcher("/api/mdt/sessions/**"),
                        PATHS.matcher("/api/mdt/registrations/**"))
                    .hasAnyAuthority(COORDINATION)
                    // Fiche RCP: the network's clinicians (staff, not patients); administrators
                    // describe their title and specialty.
                    .requestMatchers(PATHS.matcher(HttpMethod.GET, "/api/network/members"))
                    .hasAnyAuthority(MDT_TEAM)
                    .requestMatchers(PATHS.matcher(HttpMethod.PUT, "/api/network/members/*"))
                    .hasAnyAuthority("camunda-admin")
                    .requestMatchers(PATHS.matcher("/api/network/**"))
                    .denyAll()
                    .requestMatchers(
                        PATHS.matcher("/api/insight/**"), PATHS.matcher("/dashboard/**"))
                    .hasAnyAuthority(MANAGERS)
                    .requestMatchers(PATHS.matcher("/api/audit/**"), PATHS.matcher("/audit/**"))
                    .hasAnyAuthority(AUDITORS)
                    .requestMatchers(PATHS.matcher("/fhir/**"))
                    .denyAll()
                    // Operations: the health status (no details) for load balancers, metrics for
                    // managers.
                    .requestMatchers(PATHS.matcher(HttpMethod.GET, "/actuator/health"))
                    .permitAll()
                    .requestMatchers(PATHS.matcher("/actuator/**"))
                    .hasAnyAuthority(MANAGERS)
                    .anyRequest()
                    .authenticated())
        // Wrong Basic credentials get Basic's challenge again; no credentials at all get the
        // challenge that suits the caller (a browser is never sent Basic's prompt).
        .httpBasic(basic -> basic.realmName(REALM).authenticationEntryPoint(entryPoint))
        .exceptionHandling(
            errors ->
                errors.authenticationEntryPoint(
                    new WebappLoginEntryPoint(entryPoint, sessionReadable, templates)))
        // No session fixation protection: this chain logs no one in to a session, and changing the
        // id of the webapps' session under a read from it (the Tasklist plugins) raced Tasklist's
        // own calls into a 401.
        .sessionManagement(
            session ->
                session
                    .sessionCreationPolicy(SessionCreationPolicy.STATELESS)
                    .sessionFixation(fixation -> fixation.none()))
        // Spring Security's default headers (nosniff, no-store, DENY framing, HSTS on HTTPS
        // requests), and our pages' Content Security Policy.
        .headers(
            headers ->
                headers.addHeaderWriter(
                    new DelegatingRequestMatcherHeaderWriter(
                        PAGES, new ContentSecurityPolicyHeaderWriter(PAGE_POLICY))))
        // Stateless Basic authentication carries no ambient cookie to forge, so CSRF tokens add
        // nothing here.
        .csrf(AbstractHttpConfigurer::disable)
        // A browser already logged in to the webapps (Tasklist plugins, our pages): reads, and
        // writes that carry the webapps' CSRF token.
        .addFilterAfter(
            new WebappSessionAuthenticationFilter(identityService, sessionReadable),
            BasicAuthenticationFilter.class)
        .addFilterAfter(
            new EngineAuthenticationFilter(identityService),
            WebappSessionAuthenticationFilter.class)
        .build();
  }

  @Bean
  @Order(2)
  SecurityFilterChain webapps(HttpSecurity http) throws Exception {
    return http.authorizeHttpRequests(
            requests ->
                requests
                    .requestMatchers(PATHS.matcher("/camunda/api/admin/setup/**"))
                    .denyAll()
                    .anyRequest()
                    .permitAll())
        .exceptionHandling(
            errors ->
                errors.authenticationEntryPoint(new HttpStatusEntryPoint(HttpStatus.FORBIDDEN)))
        // The webapps run their own login, CSRF filter and security headers (camunda.bpm.webapp.*,
        // their Content Security Policy among them). HSTS is ours, on HTTPS requests only
        // (Camunda's would go out on plain HTTP too). Behind a TLS-terminating proxy, its
        // X-Forwarded-Proto makes the request HTTPS (server.forward-headers-strategy).
        .csrf(AbstractHttpConfigurer::disable)
        .headers(
            headers ->
                headers.defaultsDisabled().httpStrictTransportSecurity(Customizer.withDefaults()))
        .requestCache(AbstractHttpConfigurer::disable)
        .build();
  }
}

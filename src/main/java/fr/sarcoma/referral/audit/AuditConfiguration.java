package fr.sarcoma.referral.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import fr.sarcoma.referral.referral.ReferralService;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The engine's variable reads pass through {@link EngineReadAudit}: after Spring Security (which
 * authenticates {@code /engine-rest}), around the engine's REST servlets.
 */
@Configuration(proxyBeanMethods = false)
class AuditConfiguration {

  @Bean
  FilterRegistrationBean<EngineReadAudit> engineReadAudit(
      Callers callers,
      ReferralAccess access,
      AuditTrail trail,
      ProcessReferrals processes,
      ReferralService referrals,
      ObjectMapper json) {
    FilterRegistrationBean<EngineReadAudit> registration =
        new FilterRegistrationBean<>(
            new EngineReadAudit(callers, access, trail, processes, referrals, json));
    registration.addUrlPatterns("/engine-rest/*", "/camunda/api/engine/*");
    registration.setOrder(Ordered.LOWEST_PRECEDENCE - 100);
    return registration;
  }
}

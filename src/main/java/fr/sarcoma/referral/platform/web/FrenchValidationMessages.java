package fr.sarcoma.referral.platform.web;

import jakarta.validation.MessageInterpolator;
import java.util.Locale;
import org.springframework.boot.autoconfigure.validation.ValidationConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Bean Validation speaks French whatever the caller's Accept-Language or the server's locale: our refusals
 * are read by clinicians and coordinators (Hibernate Validator ships the French texts of the standard
 * constraints; ours are written in French). Applies to the application's one validator, so the REST API
 * and the Tasklist start form give the same reasons.
 */
@Configuration(proxyBeanMethods = false)
class FrenchValidationMessages {

  static final Locale FRENCH = Locale.FRENCH;

  // Static: the validator is created early, as a dependency of the method validation
  // post-processor.
  @Bean
  static ValidationConfigurationCustomizer frenchMessageInterpolator() {
    return configuration ->
        configuration.messageInterpolator(
            new French(configuration.getDefaultMessageInterpolator()));
  }

  private record French(MessageInterpolator delegate) implements MessageInterpolator {

    @Override
    public String interpolate(String template, Context context) {
      return delegate.interpolate(template, context, FRENCH);
    }

    @Override
    public String interpolate(String template, Context context, Locale locale) {
      return delegate.interpolate(template, context, FRENCH);
    }
  }
}

package fr.sarcoma.referral.platform.logging;

import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.event.GenericApplicationListener;
import org.springframework.core.ResolvableType;

/**
 * Puts {@link RedactingTurboFilter} in Logback's context right after Spring Boot configured logging (which resets
 * the context), before the engine starts: registered in META-INF/spring.factories, as it must run before any bean.
 * Once per context, whatever the number of applications started in the JVM (tests).
 */
public class LogRedactionInstaller implements GenericApplicationListener {

  @Override
  public boolean supportsEventType(ResolvableType eventType) {
    return ApplicationEnvironmentPreparedEvent.class.isAssignableFrom(eventType.toClass());
  }

  @Override
  public void onApplicationEvent(ApplicationEvent event) {
    install();
  }

  @Override
  public int getOrder() {
    return LoggingApplicationListener.DEFAULT_ORDER + 1;
  }

  static void install() {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)
        || context.getTurboFilterList().stream().anyMatch(RedactingTurboFilter.class::isInstance)) {
      return;
    }
    RedactingTurboFilter filter = new RedactingTurboFilter();
    filter.setName("sarcoma-log-redaction");
    filter.setContext(context);
    filter.start();
    context.addTurboFilter(filter);
  }
}

package fr.sarcoma.referral.platform.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.EventArgUtil;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxy;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.Marker;
import org.slf4j.helpers.MessageFormatter;

/**
 * Every log event, of every logger (the engine's, the drivers', ours), before any appender sees it: when its message
 * or the message of its exception (causes included) may carry a variable's value ({@link LogRedaction}), the event is
 * logged again, redacted, to the same appenders, and the original dropped. Events with nothing to hide go their way
 * untouched. Whatever the appender or the format (plain or structured), no line carries what was hidden.
 */
final class RedactingTurboFilter extends TurboFilter {

  private static final String FQCN = Logger.class.getName();

  @Override
  public FilterReply decide(
      Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
    if (!isStarted()
        || (format == null && t == null)
        || !level.isGreaterOrEqual(logger.getEffectiveLevel())) {
      return FilterReply.NEUTRAL;
    }
    Throwable thrown = t != null ? t : EventArgUtil.extractThrowable(params);
    Object[] arguments = t == null && thrown != null ? EventArgUtil.trimmedCopy(params) : params;
    String message =
        format == null || arguments == null || arguments.length == 0
            ? format
            : MessageFormatter.arrayFormat(format, arguments).getMessage();
    String redacted = LogRedaction.redact(message);
    boolean throwableRedacted = thrown != null && LogRedaction.changes(thrown);
    if (!throwableRedacted && (message == null || message.equals(redacted))) {
      return FilterReply.NEUTRAL;
    }
    LoggingEvent event = new LoggingEvent(FQCN, logger, level, redacted, null, null);
    if (thrown != null) {
      event.setThrowableProxy(
          throwableRedacted ? new RedactedThrowableProxy(thrown) : new ThrowableProxy(thrown));
    }
    if (marker != null) {
      event.addMarker(marker);
    }
    logger.callAppenders(event);
    return FilterReply.DENY;
  }
}

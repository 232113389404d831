package fr.sarcoma.referral.platform.logging;

import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.classic.spi.ThrowableProxy;
import java.util.Arrays;

/**
 * Logback's view of a {@link RedactedThrowable}: its messages are the redacted ones, its class names the originals'
 * (a plain proxy would name the copy's class). A {@link ThrowableProxy}, as the structured log formats read the
 * throwable through it.
 */
final class RedactedThrowableProxy extends ThrowableProxy {

  private final String className;
  private final IThrowableProxy cause;
  private final IThrowableProxy[] suppressed;

  RedactedThrowableProxy(Throwable original) {
    super(RedactedThrowable.of(original));
    className = ((RedactedThrowable) getThrowable()).originalClassName();
    cause = named(super.getCause());
    suppressed = named(super.getSuppressed());
  }

  @Override
  public String getClassName() {
    return className;
  }

  @Override
  public IThrowableProxy getCause() {
    return cause;
  }

  @Override
  public IThrowableProxy[] getSuppressed() {
    return suppressed;
  }

  private static IThrowableProxy named(IThrowableProxy proxy) {
    return proxy == null ? null : new Named(proxy);
  }

  private static IThrowableProxy[] named(IThrowableProxy[] proxies) {
    return proxies == null
        ? null
        : Arrays.stream(proxies).map(RedactedThrowableProxy::named).toArray(IThrowableProxy[]::new);
  }

  /** A cause's or a suppressed throwable's proxy, under its original's class name. */
  private record Named(IThrowableProxy delegate) implements IThrowableProxy {

    @Override
    public String getMessage() {
      return delegate.getMessage();
    }

    @Override
    public String getClassName() {
      return delegate instanceof ThrowableProxy proxy
              && proxy.getThrowable() instanceof RedactedThrowable copy
          ? copy.originalClassName()
          : delegate.getClassName();
    }

    @Override
    public StackTraceElementProxy[] getStackTraceElementProxyArray() {
      return delegate.getStackTraceElementProxyArray();
    }

    @Override
    public int getCommonFrames() {
      return delegate.getCommonFrames();
    }

    @Override
    public IThrowableProxy getCause() {
      return named(delegate.getCause());
    }

    @Override
    public IThrowableProxy[] getSuppressed() {
      return named(delegate.getSuppressed());
    }

    @Override
    public boolean isCyclic() {
      return delegate.isCyclic();
    }
  }
}

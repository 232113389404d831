package fr.sarcoma.referral.platform;

import fr.sarcoma.referral.platform.web.RuleViolationException;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.springframework.stereotype.Component;

/**
 * The engine wraps whatever a task listener throws in a generic "ENGINE-03051" exception. A Java caller of the
 * engine's API gets our {@link RuleViolationException} itself instead, with its French message and its fields, by
 * type. Runs outside the transaction interceptor, so the command has been rolled back when it rethrows.
 */
@Component
class RefusalUnwrapping extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setCustomPreCommandInterceptorsTxRequired(
        with(configuration.getCustomPreCommandInterceptorsTxRequired()));
    configuration.setCustomPreCommandInterceptorsTxRequiresNew(
        with(configuration.getCustomPreCommandInterceptorsTxRequiresNew()));
  }

  private static List<CommandInterceptor> with(List<CommandInterceptor> interceptors) {
    List<CommandInterceptor> all =
        interceptors == null ? new ArrayList<>() : new ArrayList<>(interceptors);
    all.add(0, new Unwrap());
    return all;
  }

  private static final class Unwrap extends CommandInterceptor {
    @Override
    public <T> T execute(Command<T> command) {
      try {
        return next.execute(command);
      } catch (ProcessEngineException thrown) {
        for (Throwable cause = thrown.getCause();
            cause != null && cause != cause.getCause();
            cause = cause.getCause()) {
          if (cause instanceof RuleViolationException refused) {
            throw refused;
          }
        }
        throw thrown;
      }
    }
  }
}

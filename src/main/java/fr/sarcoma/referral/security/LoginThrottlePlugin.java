package fr.sarcoma.referral.security;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.springframework.stereotype.Component;

/**
 * Puts {@link ThrottledIdentityProvider} in place of the engine's user store (read and write: the engine registers
 * the one factory for both), so that {@code IdentityService.checkPassword} is throttled whoever calls it.
 */
@Component
class LoginThrottlePlugin extends AbstractProcessEnginePlugin {

  private final LoginThrottle throttle;

  LoginThrottlePlugin(LoginThrottle throttle) {
    this.throttle = throttle;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setIdentityProviderSessionFactory(
        new SessionFactory() {
          @Override
          public Class<?> getSessionType() {
            return ThrottledIdentityProvider.class;
          }

          @Override
          public Session openSession() {
            return new ThrottledIdentityProvider(throttle);
          }
        });
  }
}

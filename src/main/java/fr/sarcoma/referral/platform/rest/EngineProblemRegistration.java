package fr.sarcoma.referral.platform.rest;

import java.util.List;
import java.util.stream.Collectors;
import org.glassfish.jersey.server.ServerProperties;
import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Puts {@link EngineProblemMappers} on both doors to the engine's REST resources: {@code /engine-rest}
 * (Spring Boot's Jersey application) and the webapps' "Engine Api" servlet that Tasklist submits its forms to
 * (registered by Camunda's webapp initializer; its JAX-RS application is not a bean, so the mappers go in
 * through Jersey's configuration).
 */
@Configuration(proxyBeanMethods = false)
class EngineProblemRegistration {

  private static final List<Class<?>> PROVIDERS =
      List.of(
          VariableValueCheck.class,
          EngineProblemMappers.RestExceptions.class,
          EngineProblemMappers.EngineExceptions.class,
          EngineProblemMappers.AnyFailure.class,
          EngineProblemMappers.HttpErrors.class,
          EngineProblemMappers.UnreadableJson.class,
          EngineProblemMappers.UnmappableJson.class);

  @Bean
  ResourceConfigCustomizer engineProblemMappers() {
    return config -> PROVIDERS.forEach(config::register);
  }

  /**
   * Jersey's servlet takes properties from the servlet context's attributes too (WebComponent, Utils
   * .getContextParams): set there, the provider class names reach the webapps' JAX-RS applications (Tasklist's
   * engine API among them) whatever the order the initializers run in.
   */
  @Bean
  ServletContextInitializer webappEngineProblemMappers() {
    return servletContext ->
        servletContext.setAttribute(
            ServerProperties.PROVIDER_CLASSNAMES,
            PROVIDERS.stream().map(Class::getName).collect(Collectors.joining(",")));
  }
}

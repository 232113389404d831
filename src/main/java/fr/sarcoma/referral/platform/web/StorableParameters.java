package fr.sarcoma.referral.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Request parameters and path variables of our controllers must be {@link StorableText storable} too: a
 * {@code %00} in {@code ?referrer=} would otherwise reach a PostgreSQL query and fail there (a 500). Refused
 * before the controller runs, as a 400 naming the parameter.
 */
@Configuration(proxyBeanMethods = false)
class StorableParameters implements WebMvcConfigurer {

  private static final String OUR_PACKAGE = "fr.sarcoma.referral";

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(new Guard());
  }

  private static final class Guard implements HandlerInterceptor {

    @Override
    public boolean preHandle(
        HttpServletRequest request, HttpServletResponse response, Object handler) {
      if (!(handler instanceof HandlerMethod method)
          || !method.getBeanType().getPackageName().startsWith(OUR_PACKAGE)) {
        return true;
      }
      request
          .getParameterMap()
          .forEach(
              (name, values) -> {
                for (String value : values) {
                  check(name, value);
                }
              });
      if (request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE)
          instanceof Map<?, ?> variables) {
        variables.forEach((name, value) -> check(String.valueOf(name), String.valueOf(value)));
      }
      return true;
    }

    private static void check(String name, String value) {
      if (!StorableText.isStorable(name)) {
        throw new InvalidFieldException("?", "un nom de paramètre " + StorableText.REASON);
      }
      if (!StorableText.isStorable(value)) {
        throw new InvalidFieldException(name, StorableText.REASON);
      }
    }
  }
}

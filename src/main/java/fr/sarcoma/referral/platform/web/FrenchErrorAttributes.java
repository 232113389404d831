package fr.sarcoma.referral.platform.web;

import java.util.Map;
import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.web.servlet.error.DefaultErrorAttributes;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.WebRequest;

/**
 * Spring Boot's error body (the 401, 403 and 404 that no controller answers: unknown address, refused
 * credentials) says what happened in French, like the rest of our refusals.
 */
@Component
class FrenchErrorAttributes extends DefaultErrorAttributes {

  @Override
  public Map<String, Object> getErrorAttributes(
      WebRequest webRequest, ErrorAttributeOptions options) {
    Map<String, Object> attributes = super.getErrorAttributes(webRequest, options);
    if (attributes.get("status") instanceof Integer status && HttpReasons.of(status) != null) {
      attributes.put("error", HttpReasons.of(status));
    }
    return attributes;
  }
}

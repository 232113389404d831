package fr.sarcoma.referral.platform.web;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * A code that must be one of an enum's constants. Codes arrive as strings so that every bad field
 * of a request is reported at once (a JSON enum would stop at the first unknown value).
 */
@Documented
@Constraint(validatedBy = OneOf.Validator.class)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
public @interface OneOf {

  Class<? extends Enum<?>> value();

  String message() default "doit être l'une des valeurs autorisées";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  class Validator implements ConstraintValidator<OneOf, String> {

    private String allowed;

    @Override
    public void initialize(OneOf annotation) {
      allowed =
          Arrays.stream(annotation.value().getEnumConstants())
              .map(Enum::name)
              .collect(Collectors.joining(", "));
    }

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
      if (value == null || Arrays.asList(allowed.split(", ")).contains(value)) {
        return true;
      }
      context.disableDefaultConstraintViolation();
      context
          .buildConstraintViolationWithTemplate("doit être l'une des valeurs : " + allowed)
          .addConstraintViolation();
      return false;
    }
  }
}

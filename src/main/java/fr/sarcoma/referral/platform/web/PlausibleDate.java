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
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.Temporal;

/**
 * A date of the clinical world, between 1900 and 2199. Java reads years up to ±999,999,999; PostgreSQL's
 * columns stop long before (and a query on such a date fails), so a date outside this range is a 400 at the
 * door, not a 500 in the database. For {@link LocalDate}, {@link OffsetDateTime} and {@link Instant}.
 */
@Documented
@Constraint(validatedBy = PlausibleDate.Validator.class)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
public @interface PlausibleDate {

  int FIRST_YEAR = 1900;
  int LAST_YEAR = 2199;

  String message() default "doit être une date entre " + FIRST_YEAR + " et " + LAST_YEAR;

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  class Validator implements ConstraintValidator<PlausibleDate, Temporal> {

    private static final long FIRST_SECOND =
        LocalDate.of(FIRST_YEAR, 1, 1).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
    private static final long END_SECOND =
        LocalDate.of(LAST_YEAR + 1, 1, 1).atStartOfDay(ZoneOffset.UTC).toEpochSecond();

    @Override
    public boolean isValid(Temporal value, ConstraintValidatorContext context) {
      if (value == null) {
        return true;
      }
      if (value instanceof LocalDate date) {
        return date.getYear() >= FIRST_YEAR && date.getYear() <= LAST_YEAR;
      }
      // Epoch seconds, never a conversion to another offset: that would overflow at the extremes.
      long second;
      if (value instanceof OffsetDateTime dateTime) {
        second = dateTime.toEpochSecond();
      } else if (value instanceof Instant instant) {
        second = instant.getEpochSecond();
      } else {
        throw new IllegalArgumentException("@PlausibleDate on " + value.getClass().getSimpleName());
      }
      return second >= FIRST_SECOND && second < END_SECOND;
    }
  }
}

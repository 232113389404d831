package fr.sarcoma.referral.mdt;

import fr.sarcoma.referral.platform.web.OneOf;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A correction of an MDT decision (POST /api/mdt/decisions/{id}/corrections): the whole decision as it should
 * have been recorded, and why it is corrected (M4). The same fields as Task_RecordMdtDecision's form; codes are
 * strings checked against the enums ({@link MdtOutcome}, {@link BiopsyTechnique}, {@link Specialty}), so that
 * every bad field is reported at once.
 */
@MdtDecisionCorrection.Consistent
public record MdtDecisionCorrection(
    @NotNull @OneOf(MdtOutcome.class) String outcome,
    @OneOf(BiopsyTechnique.class) String biopsyTechnique,
    @Size(max = 2000) String biopsyTargetZone,
    @Size(max = 200) String biopsyCentre,
    @NotBlank @Size(max = 2000) String rationale,
    @NotBlank @Size(max = 2000) String attendees,
    @NotNull List<String> specialties,
    @NotBlank @Size(max = 2000) String correctionReason) {

  MdtService.DecisionInput toInput() {
    return new MdtService.DecisionInput(
        specialties,
        attendees,
        outcome,
        biopsyTechnique,
        biopsyTargetZone,
        biopsyCentre,
        rationale);
  }

  /**
   * The biopsy fields are required for a BIOPSY decision and empty otherwise (as the form shows them), and every
   * specialty is a known one.
   */
  @Documented
  @Constraint(validatedBy = Consistent.Validator.class)
  @Target(ElementType.TYPE)
  @Retention(RetentionPolicy.RUNTIME)
  public @interface Consistent {

    String message() default "est incohérente";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<Consistent, MdtDecisionCorrection> {

      private static final Set<String> SPECIALTIES =
          Arrays.stream(Specialty.values()).map(Enum::name).collect(Collectors.toSet());

      @Override
      public boolean isValid(MdtDecisionCorrection correction, ConstraintValidatorContext context) {
        if (correction == null) {
          return true;
        }
        context.disableDefaultConstraintViolation();
        boolean valid = true;
        boolean biopsy = MdtOutcome.BIOPSY.name().equals(correction.outcome());
        String[][] biopsyFields = {
          {"biopsyTechnique", correction.biopsyTechnique()},
          {"biopsyTargetZone", correction.biopsyTargetZone()},
          {"biopsyCentre", correction.biopsyCentre()}
        };
        for (String[] field : biopsyFields) {
          boolean given = field[1] != null && !field[1].isBlank();
          if (biopsy && !given) {
            valid = violation(context, field[0], "est obligatoire quand outcome vaut BIOPSY");
          } else if (!biopsy && correction.outcome() != null && field[1] != null) {
            valid = violation(context, field[0], "doit être vide sauf quand outcome vaut BIOPSY");
          }
        }
        if (correction.specialties() != null) {
          // Positions, not values: what the caller sent never goes into a message template.
          List<String> unknown =
              IntStream.range(0, correction.specialties().size())
                  .filter(index -> !SPECIALTIES.contains(correction.specialties().get(index)))
                  .mapToObj(Integer::toString)
                  .toList();
          if (!unknown.isEmpty()) {
            valid =
                violation(
                    context,
                    "specialties",
                    "ne doit contenir que "
                        + Arrays.stream(Specialty.values())
                            .map(Enum::name)
                            .collect(Collectors.joining(", "))
                        + " (valeur inconnue en position "
                        + String.join(", ", unknown)
                        + ")");
          }
        }
        return valid;
      }

      private static boolean violation(
          ConstraintValidatorContext context, String field, String reason) {
        context
            .buildConstraintViolationWithTemplate(reason)
            .addPropertyNode(field)
            .addConstraintViolation();
        return false;
      }
    }
  }
}

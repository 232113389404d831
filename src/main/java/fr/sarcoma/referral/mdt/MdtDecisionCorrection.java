package fr.sarcoma.referral.mdt;

import fr.sarcoma.referral.platform.web.OneOf;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;

/**
 * A correction of an MDT decision (POST /api/mdt/decisions/{id}/corrections): the whole decision and its fiche RCP
 * as they should have been recorded, and why it is corrected (M4). The same fields as Task_RecordMdtDecision's form
 * ({@code participants}: user ids of the network; the yes/no answers as booleans); codes are strings checked
 * against the enums ({@link MdtOutcome}, {@link BiopsyTechnique}), so that every bad field is reported at once.
 * The participants' specialties come from the identity store, and the quorum (M2) is checked on them.
 */
@MdtDecisionCorrection.Consistent
public record MdtDecisionCorrection(
    @NotNull @OneOf(MdtOutcome.class) String outcome,
    @OneOf(BiopsyTechnique.class) String biopsyTechnique,
    @Size(max = 2000) String biopsyTargetZone,
    @Size(max = 200) String biopsyCentre,
    @NotBlank @Size(max = 2000) String rationale,
    @NotEmpty List<@NotBlank @Size(max = 64) String> participants,
    @NotBlank @Size(max = 500) String guideline,
    @NotNull Boolean guidelineConform,
    @Size(max = 2000) String nonConformityReason,
    @NotNull Boolean clinicalTrialConsidered,
    @Size(max = 2000) String clinicalTrialDetail,
    @NotBlank @Size(max = 500) String patientInformedBy,
    @NotBlank @Size(max = 2000) String correctionReason) {

  MdtService.DecisionInput toInput() {
    return new MdtService.DecisionInput(
        participants,
        outcome,
        biopsyTechnique,
        biopsyTargetZone,
        biopsyCentre,
        rationale,
        guideline,
        guidelineConform,
        nonConformityReason,
        clinicalTrialConsidered,
        clinicalTrialDetail,
        patientInformedBy);
  }

  /**
   * The biopsy fields are required for a BIOPSY decision and empty otherwise (as the form shows them), and a
   * proposal that does not conform to the guideline says why.
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
        if (Boolean.FALSE.equals(correction.guidelineConform())
            && (correction.nonConformityReason() == null
                || correction.nonConformityReason().isBlank())) {
          valid =
              violation(
                  context,
                  "nonConformityReason",
                  "est obligatoire quand guidelineConform vaut false");
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

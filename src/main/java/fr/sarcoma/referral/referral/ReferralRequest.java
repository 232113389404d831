package fr.sarcoma.referral.referral;

import fr.sarcoma.referral.platform.web.OneOf;
import fr.sarcoma.referral.platform.web.PlausibleDate;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Past;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A referral as the referring side sends it (POST /api/referrals, or the Tasklist start form).
 * Codes are strings checked against the enums below, so that every bad field is reported at once. The
 * correspondents' addresses and secure (MSSanté) e-mails are optional: the letters go to them by e-mail
 * when known (LetterDispatcher), else on paper.
 */
public record ReferralRequest(
    @Size(max = 100) String clientRequestId,
    @NotBlank @Size(max = 64) String patientIdentifier,
    @NotBlank @Size(max = 200) String patientDisplayName,
    @NotNull @Past @PlausibleDate LocalDate birthDate,
    @NotNull @OneOf(Sex.class) String sex,
    @NotBlank @Size(max = 200) String referringPhysician,
    @NotNull @OneOf(Presentation.class) String presentation,
    @NotNull @OneOf(Site.class) String site,
    @NotBlank @Size(max = 200) String anatomicalLocation,
    @DecimalMin("0.1") @DecimalMax("100.0") BigDecimal largestDimensionCm,
    @NotNull @OneOf(Depth.class) String depth,
    @NotNull @OneOf(PriorProcedure.class) String priorProcedure,
    @Size(max = 4000) String notes,
    @Size(max = 500) String referringPhysicianAddress,
    @Email @Size(max = 254) String referringPhysicianEmail,
    @Size(max = 200) String generalPractitioner,
    @Size(max = 500) String generalPractitionerAddress,
    @Email @Size(max = 254) String generalPractitionerEmail) {

  /** A referral without its correspondents' addresses: its letters are printed and posted. */
  public ReferralRequest(
      String clientRequestId,
      String patientIdentifier,
      String patientDisplayName,
      LocalDate birthDate,
      String sex,
      String referringPhysician,
      String presentation,
      String site,
      String anatomicalLocation,
      BigDecimal largestDimensionCm,
      String depth,
      String priorProcedure,
      String notes) {
    this(
        clientRequestId,
        patientIdentifier,
        patientDisplayName,
        birthDate,
        sex,
        referringPhysician,
        presentation,
        site,
        anatomicalLocation,
        largestDimensionCm,
        depth,
        priorProcedure,
        notes,
        null,
        null,
        null,
        null,
        null);
  }

  /** The longest name we store (a person, a physician, a place). */
  public static final int MAX_NAME = 200;

  public enum Sex {
    FEMALE,
    MALE,
    OTHER,
    UNKNOWN
  }

  /** G1. */
  public enum Presentation {
    SWELLING_OR_PAIN,
    PATHOLOGICAL_FRACTURE,
    INCIDENTAL_FINDING
  }

  public enum Depth {
    SUPERFICIAL,
    DEEP,
    UNKNOWN
  }

  public enum PriorProcedure {
    NONE,
    BIOPSY,
    EXCISION
  }
}

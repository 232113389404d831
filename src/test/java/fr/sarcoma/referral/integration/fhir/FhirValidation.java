package fr.sarcoma.referral.integration.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import java.util.List;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * Validates R4 resources against the base R4 profiles (structure, cardinality, invariants, the
 * bindings the core terminologies can check; SNOMED CT and other external code systems cannot be
 * checked offline and give warnings at most). The validator is built once, on first use (a few
 * seconds), and shared by every test in the JVM; it is thread-safe.
 */
public final class FhirValidation {

  private FhirValidation() {}

  /** Every message (errors, warnings, information). */
  public static List<SingleValidationMessage> messages(IBaseResource resource) {
    return Holder.VALIDATOR.validateWithResult(resource).getMessages();
  }

  /** The ERROR and FATAL messages only: an empty list means the resource is valid. */
  public static List<SingleValidationMessage> errors(IBaseResource resource) {
    return messages(resource).stream().filter(FhirValidation::isError).toList();
  }

  /** The messages below ERROR (warnings, information). */
  public static List<SingleValidationMessage> nonErrors(IBaseResource resource) {
    return messages(resource).stream().filter(message -> !isError(message)).toList();
  }

  public static boolean isError(SingleValidationMessage message) {
    return message.getSeverity() == ResultSeverityEnum.ERROR
        || message.getSeverity() == ResultSeverityEnum.FATAL;
  }

  /** One line per message: severity, location, text. */
  public static String describe(SingleValidationMessage message) {
    return message.getSeverity() + " " + message.getLocationString() + ": " + message.getMessage();
  }

  /** Initialised on first use only (lazy holder), so merely loading the class costs nothing. */
  private static final class Holder {

    static final FhirValidator VALIDATOR = build(ServiceRequestMapper.fhirContext());

    private static FhirValidator build(FhirContext ctx) {
      ValidationSupportChain support =
          new ValidationSupportChain(
              new DefaultProfileValidationSupport(ctx),
              new InMemoryTerminologyServerValidationSupport(ctx),
              new CommonCodeSystemsTerminologyService(ctx),
              new SnapshotGeneratingValidationSupport(ctx));
      FhirInstanceValidator instanceValidator = new FhirInstanceValidator(support);
      FhirValidator validator = ctx.newValidator();
      validator.registerValidatorModule(instanceValidator);
      return validator;
    }
  }
}

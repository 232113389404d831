package fr.sarcoma.referral.integration.fhir;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * One order of the pathway with what the receiving department needs to perform it, ready to be
 * mapped to a FHIR R4 ServiceRequest by {@link ServiceRequestMapper}.
 *
 * @param orderId our order id: the ServiceRequest identifier, used by the receiver for conditional
 *     create and sent back with the result
 * @param modality one of ULTRASOUND, XRAY, XRAY_AND_CT, MRI, CHEST_CT, FDG_PET, BONE_SCINTIGRAPHY, BIOPSY
 * @param urgency ROUTINE or URGENT
 * @param protocol the guideline §3 technical content, in French (seeds/reference/exam-protocols.json)
 * @param patientBirthDate kept with the order for the sender's identity checks; not sent (see
 *     {@link ServiceRequestMapper}: the patient is a logical reference by IPP)
 * @param patientSex FEMALE, MALE, OTHER or UNKNOWN; not sent, as for the birth date
 * @param biopsy the MDT decision and the agreed approach, for a BIOPSY order only (null otherwise)
 */
public record OrderForFhir(
    UUID orderId,
    String modality,
    String urgency,
    String protocol,
    Instant placedAt,
    UUID referralId,
    String referralNumber,
    String patientIdentifier,
    String patientDisplayName,
    LocalDate patientBirthDate,
    String patientSex,
    String anatomicalLocation,
    String clinicalQuestion,
    String referringPhysician,
    Biopsy biopsy) {

  /**
   * What the sarcoma MDT decided for a biopsy (M3/M4) and what the operating surgeon agreed (S3).
   *
   * @param technique PERCUTANEOUS_CORE_NEEDLE or SURGICAL
   * @param targetZone the most representative zone, from the characterisation report
   * @param centre the reference centre that performs the biopsy (M5)
   * @param mdtRationale why the MDT decided a biopsy
   * @param decidedAt when the MDT decided
   * @param mdtAttendees who attended the MDT, as recorded
   * @param surgeonId the id of the surgeon who will operate and agreed the approach
   * @param approach the approach the surgeon agreed
   */
  public record Biopsy(
      String technique,
      String targetZone,
      String centre,
      String mdtRationale,
      Instant decidedAt,
      String mdtAttendees,
      String surgeonId,
      String approach) {}
}

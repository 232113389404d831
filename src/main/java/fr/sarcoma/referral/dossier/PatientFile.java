package fr.sarcoma.referral.dossier;

import fr.sarcoma.referral.mdt.MdtRecordSheet;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * GET /api/referrals/{id}/file: what a clinician needs on a task of the referral. Codes (urgency,
 * modality, outcome, milestone...) are the stored ones; {@code labels} gives the French label of
 * each code in the file, keyed {@code <code list>.<code>} as in messages_fr.properties (e.g. {@code
 * site.BONE}), so that the screens show the same words as the letters and the agenda.
 */
public record PatientFile(
    UUID referralId,
    String businessKey,
    Patient patient,
    String referringPhysician,
    String urgency,
    String site,
    String presentation,
    String anatomicalLocation,
    Double largestDimensionCm,
    String depth,
    String priorProcedure,
    String stage,
    String outcome,
    Instant createdAt,
    Instant closedAt,
    List<Exam> exams,
    List<Characterisation> characterisationReports,
    List<Decision> mdtDecisions,
    MdtCase mdtCase,
    Approach approach,
    List<Letter> letters,
    List<Milestone> milestones,
    List<OpenTask> openTasks,
    Map<String, String> labels) {

  PatientFile withLabels(Map<String, String> labels) {
    return new PatientFile(
        referralId,
        businessKey,
        patient,
        referringPhysician,
        urgency,
        site,
        presentation,
        anatomicalLocation,
        largestDimensionCm,
        depth,
        priorProcedure,
        stage,
        outcome,
        createdAt,
        closedAt,
        exams,
        characterisationReports,
        mdtDecisions,
        mdtCase,
        approach,
        letters,
        milestones,
        openTasks,
        Map.copyOf(labels));
  }

  /** {@code age}: whole years today, null when the birth date is unknown or unreadable. */
  public record Patient(
      String identifier, String displayName, String birthDate, Integer age, String sex) {}

  /**
   * {@code sendAttempts}, {@code lastSendError}, {@code lastSendAttemptAt}: how the sending to the
   * order system went (issue 15), every attempt counted, a failed one too, with the last error; 0 and
   * null for an order not sent yet or handled by hand.
   */
  public record Exam(
      UUID orderId,
      String modality,
      String protocol,
      String status,
      Instant placedAt,
      LocalDate scheduledFor,
      String scheduledPlace,
      LocalDate performedOn,
      Instant resultReceivedAt,
      String conclusion,
      String report,
      int sendAttempts,
      String lastSendError,
      Instant lastSendAttemptAt) {}

  /**
   * The radiologist's structured CT/MRI characterisation report (S3a, S4); {@code aggressiveSigns}:
   * codes.
   */
  public record Characterisation(
      BigDecimal sizeLongAxisCm,
      BigDecimal sizePerpendicularCm,
      BigDecimal sizeCraniocaudalCm,
      BigDecimal distanceToJointLineMm,
      BigDecimal distanceToGrowthPlateMm,
      String relations,
      List<String> aggressiveSigns,
      String tissueFeatures,
      String biopsyTargetZone,
      String skipMetastasis,
      String lesionPattern,
      String suspectedType,
      String hypotheses,
      String conclusion,
      boolean mdtNeeded,
      String reportedBy,
      Instant reportedAt) {}

  /** One version of an MDT decision; {@code current}: not superseded by a correction. */
  public record Decision(
      UUID id,
      int version,
      boolean current,
      String outcome,
      String biopsyTechnique,
      String biopsyTargetZone,
      String biopsyCentre,
      String rationale,
      String attendees,
      List<String> specialties,
      String decidedBy,
      Instant decidedAt,
      String correctionReason,
      String recordedBy,
      Instant recordedAt,
      MdtRecordSheet sheet) {}

  /**
   * The MDT session the case is registered on now (M1), and the question the coordinator put to it
   * ({@code question}: null until the case is prepared); null when the case is on no session.
   */
  public record MdtCase(UUID sessionId, Instant sessionStartsAt, String question) {}

  /** The operating surgeon's approach agreed for the current decision (S3c). */
  public record Approach(
      UUID decisionId,
      String surgeonId,
      String approach,
      String technique,
      String deviationReason) {}

  public record Letter(
      UUID id,
      String kind,
      String recipient,
      Instant createdAt,
      String downloadUrl,
      List<LetterDelivery> deliveries) {}

  /** How a letter reached one recipient: SENT, PENDING, REFUSED, FAILED (with the reason), TO_PRINT. */
  public record LetterDelivery(
      String recipientRole, String recipient, String status, String reason) {}

  public record Milestone(String name, Instant at) {}

  /**
   * A task of the referral open now (its own or its orders'), whoever may work on it: the screens link to
   * it in Tasklist, which applies the user's rights. {@code orderId}: for a task of an order's process,
   * the order it is about (in {@code exams}), so that its form can show that exam; null otherwise.
   */
  public record OpenTask(
      String id,
      String key,
      String name,
      List<String> candidateGroups,
      String assignee,
      Instant due,
      UUID orderId) {}
}

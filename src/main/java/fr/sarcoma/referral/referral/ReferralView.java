package fr.sarcoma.referral.referral;

import fr.sarcoma.referral.orders.Modality;
import fr.sarcoma.referral.orders.OrderStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * GET /api/referrals/{id}: where a referral stands. {@code outOfScopeReason}: why the triage routed it out
 * (G0); {@code priorProcedureReview}: the first procedure's reports, slides and blocks are requested for
 * expert review (U1, U2, M6; the request is the milestone PRIOR_PROCEDURE_MATERIAL_REQUESTED and a letter).
 * Both are null for referrals triaged before they were recorded.
 */
public record ReferralView(
    UUID id,
    String businessKey,
    Patient patient,
    String referringPhysician,
    String site,
    String presentation,
    String anatomicalLocation,
    Double largestDimensionCm,
    String depth,
    String priorProcedure,
    String urgency,
    Boolean imagingBeforeAnyProcedure,
    String outOfScopeReason,
    Boolean priorProcedureReview,
    String stage,
    String outcome,
    Instant createdAt,
    Instant closedAt,
    List<OpenTask> openTasks,
    List<Order> orders,
    List<Milestones.Milestone> milestones) {

  public record Patient(String identifier, String displayName, String birthDate, String sex) {}

  /**
   * {@code orderId}: for a task of an order's process (booking, report entry, overdue or rejected
   * order), the order it is about; null for the pathway's own tasks.
   */
  public record OpenTask(
      String id,
      String key,
      String name,
      List<String> candidateGroups,
      String assignee,
      Instant due,
      UUID orderId) {}

  /**
   * {@code sendAttempts}, {@code lastSendError}, {@code lastSendAttemptAt}: how the sending to the
   * order system went (issue 15): every attempt counted, a failed one too (receiver down, timed out,
   * 5xx, while the job retries), with the last error; 0 and null for an order not sent yet or handled
   * by hand.
   */
  public record Order(
      UUID id,
      Modality modality,
      OrderStatus status,
      Instant placedAt,
      String resultConclusion,
      LocalDate resultPerformedOn,
      Instant resultReceivedAt,
      int sendAttempts,
      String lastSendError,
      Instant lastSendAttemptAt) {}
}

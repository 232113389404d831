package fr.sarcoma.referral.notification;

/** What a notification is about, and the group (a Camunda group id, seeds/reference/groups.json) it goes to. */
enum NotificationKind {
  /** A referral the triage found urgent (Decision_Triage): its first task for the coordinators. */
  URGENT_REFERRAL(Groups.COORDINATORS),
  /** An order's report overdue (BoundaryEvent_ReportOverdue, sarcoma.pathway.sla): the chase task. */
  EXAM_OVERDUE(Groups.COORDINATORS),
  /** M1: a case registered on a later session because the nearest one's cutoff had passed: its preparation task. */
  MDT_CUTOFF_MISSED(Groups.COORDINATORS),
  /** A letter refused by the secure e-mail relay, or never delivered: the "Courrier non remis" task. */
  LETTER_NOT_DELIVERED(Groups.COORDINATORS),
  /** An account locked for a while after too many wrong passwords in a row (security's AccountLocked): no task. */
  ACCOUNT_LOCKED(Groups.ADMINISTRATORS);

  private final String group;

  NotificationKind(String group) {
    this.group = group;
  }

  String group() {
    return group;
  }

  static final class Groups {
    static final String COORDINATORS = "coordinators";
    static final String ADMINISTRATORS = "camunda-admin";

    private Groups() {}
  }
}

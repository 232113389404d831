package fr.sarcoma.referral.audit;

/** What an audit entry records: a read (allowed or refused) or something done to the pathway. */
public enum AuditAction {
  READ_IDENTITY,
  READ_FILE,
  READ_LETTER,
  READ_VARIABLES,
  READ_REFUSED,
  TASK_COMPLETED,
  DECISION_RECORDED,
  DECISION_CORRECTED,
  ORDER_PLACED,
  RESULT_RECORDED,
  TASK_UPDATED,
  INSTANCE_STARTED,
  INSTANCE_MODIFIED,
  VARIABLE_CHANGED,
  ENGINE_OPERATION,
  /** An account refused every password for a while after too many wrong ones in a row (security's AccountLocked). */
  LOGIN_LOCKED
}

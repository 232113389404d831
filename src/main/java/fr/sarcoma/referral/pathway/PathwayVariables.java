package fr.sarcoma.referral.pathway;

/**
 * Names of the pathway's process variables and model ids (docs/pathway-contract.md). The process
 * holds ids and routing facts only; everything else lives in our tables.
 */
public final class PathwayVariables {

  public static final String PROCESS_ID = "SarcomaReferralProcess";
  public static final String EXAM_PROCESS_ID = "ExamOrderProcess";
  public static final String MSG_EXAM_REPORT_RECEIVED = "Msg_ExamReportReceived";

  /** An order handled by hand was booked through the API while its Tasklist booking task was open. */
  public static final String MSG_EXAM_SCHEDULED = "Msg_ExamScheduled";

  /** The coordinators' tasks of an order handled by hand (ExamOrderProcess). */
  public static final String TASK_SCHEDULE_EXAM = "Task_ScheduleExam";

  public static final String TASK_ENTER_EXAM_REPORT = "Task_EnterExamReport";

  /** The coordinators' chase of an order whose report is overdue (BoundaryEvent_ReportOverdue, ExamOrderProcess). */
  public static final String TASK_HANDLE_OVERDUE_EXAM = "Task_HandleOverdueExam";

  /** The coordinators' preparation of a case registered for an MDT session (after ServiceTask_RegisterForMdt). */
  public static final String TASK_PREPARE_MDT_CASE = "Task_PrepareMdtCase";

  public static final String ERROR_BIOPSY_GATE_CLOSED = "BIOPSY_GATE_CLOSED";

  public static final String REFERRAL_ID = "referralId";

  /** The referral's business key (SARC-2026-000123), shown on Tasklist cards and forms to find the dossier. */
  public static final String REFERRAL_NUMBER = "referralNumber";

  public static final String SITE = "site";
  public static final String PRESENTATION = "presentation";
  public static final String LARGEST_DIMENSION_CM = "largestDimensionCm";
  public static final String DEPTH = "depth";
  public static final String PRIOR_PROCEDURE = "priorProcedure";
  public static final String TRIAGE = "triage";
  public static final String MODALITY = "modality";
  public static final String URGENCY = "urgency";

  /** An order's protocol variant, passed by the calling activity (U1: {@code OPERATIVE_BED} for the MRI). */
  public static final String PROTOCOL_VARIANT = "protocolVariant";

  public static final String ORDER_ID = "orderId";
  public static final String MDT_SESSION_AT = "mdtSessionAt";
  public static final String MDT_OUTCOME = "mdtOutcome";

  private PathwayVariables() {}
}

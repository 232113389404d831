package fr.sarcoma.baseline;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.builder.AbstractFlowNodeBuilder;

/**
 * The bare baseline's process: the steps of our typical biopsy path (a deep soft-tissue mass: ultrasound, MRI,
 * chest CT, the MDT, the surgeon's approach, the biopsy, the expert review and the proposal round) as one
 * process of plain Camunda elements: the same user tasks with the same keys and candidate groups (an order's
 * booking and report entry included, as in the worklist mode), one asynchronous no-op service task for each job
 * our path runs (placing and sending each order, the MDT registrations, the letters), a coordinator's task for
 * each letter to print (no mail relay), and the two MDT session timers. No listener, no form, no decision table, no call activity. Shared with the benchmark's client, which
 * walks the same steps.
 */
public final class BarePathwayModel {

  public static final String PROCESS_ID = "BareBiopsyPath";

  public enum Kind {
    ASYNC_SERVICE,
    USER_TASK,
    TIMER
  }

  /** One step: its element id; for a user task, its key in our model (for the answers) and candidate group. */
  public record Step(Kind kind, String id, String key, String group) {}

  private static final List<Step> STEPS = build();

  private BarePathwayModel() {}

  public static List<Step> steps() {
    return STEPS;
  }

  private static List<Step> build() {
    List<Step> steps = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    order(steps, seen);
    user(steps, seen, "Task_ClassifyInitialImaging", "radiologists");
    order(steps, seen);
    user(steps, seen, "Task_ReportCharacterisation", "radiologists");
    order(steps, seen);
    mdtRound(steps, seen);
    letter(steps, seen, "ServiceTask_SendMdtDecisionLetter");
    user(steps, seen, "Task_AgreeBiopsyApproach", "surgeons");
    order(steps, seen);
    user(steps, seen, "Task_ReviewBiopsyResult", "pathologists");
    mdtRound(steps, seen);
    letter(steps, seen, "ServiceTask_SendMdtDecisionLetter");
    letter(steps, seen, "ServiceTask_SendDiagnosisLetter");
    return Collections.unmodifiableList(steps);
  }

  /** An order handled by hand: placed and sent (two jobs), booked and its report entered by the coordinators. */
  private static void order(List<Step> steps, Map<String, Integer> seen) {
    async(steps, seen, "ServiceTask_PlaceOrder");
    async(steps, seen, "ServiceTask_SendOrder");
    user(steps, seen, "Task_ScheduleExam", "coordinators");
    user(steps, seen, "Task_EnterExamReport", "coordinators");
  }

  /**
   * A letter: written by a job; without a mail relay, printed and posted by a coordinator (in our application a
   * standalone task, "Courrier à imprimer et envoyer").
   */
  private static void letter(List<Step> steps, Map<String, Integer> seen, String key) {
    async(steps, seen, key);
    user(steps, seen, "Task_PrintLetter", "coordinators");
  }

  private static void mdtRound(List<Step> steps, Map<String, Integer> seen) {
    async(steps, seen, "ServiceTask_RegisterForMdt");
    user(steps, seen, "Task_PrepareMdtCase", "coordinators");
    steps.add(
        new Step(Kind.TIMER, id(seen, "TimerEvent_MdtSession"), "TimerEvent_MdtSession", null));
    user(steps, seen, "Task_RecordMdtDecision", "mdt-chairs");
  }

  private static void async(List<Step> steps, Map<String, Integer> seen, String key) {
    steps.add(new Step(Kind.ASYNC_SERVICE, id(seen, key), key, null));
  }

  private static void user(List<Step> steps, Map<String, Integer> seen, String key, String group) {
    steps.add(new Step(Kind.USER_TASK, id(seen, key), key, group));
  }

  /** Element ids are unique: the second booking task is Task_ScheduleExam_2, and so on. */
  private static String id(Map<String, Integer> seen, String key) {
    int n = seen.merge(key, 1, Integer::sum);
    return n == 1 ? key : key + "_" + n;
  }

  public static long count(Kind kind) {
    return STEPS.stream().filter(step -> step.kind() == kind).count();
  }

  /** The model, history time to live set (7.20+ refuses a deployment without one). */
  public static BpmnModelInstance model() {
    AbstractFlowNodeBuilder<?, ?> flow =
        Bpmn.createExecutableProcess(PROCESS_ID)
            .camundaHistoryTimeToLive(180)
            .startEvent("StartEvent_ReferralReceived");
    for (Step step : STEPS) {
      flow =
          switch (step.kind()) {
            case ASYNC_SERVICE ->
                flow.serviceTask(step.id())
                    .camundaAsyncBefore()
                    .camundaDelegateExpression("${noop}");
            case USER_TASK -> flow.userTask(step.id()).camundaCandidateGroups(step.group());
            case TIMER -> flow.intermediateCatchEvent(step.id()).timerWithDuration("P7D");
          };
    }
    return flow.endEvent("EndEvent_ProposalRecorded").done();
  }
}

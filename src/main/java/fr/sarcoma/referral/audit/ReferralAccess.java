package fr.sarcoma.referral.audit;

import fr.sarcoma.referral.mdt.MdtSession;
import fr.sarcoma.referral.mdt.MdtSessions;
import fr.sarcoma.referral.platform.EngineAuthentication;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * The need-to-know rules (docs/security.md, "Who reads a patient's file"): which rule, if any, lets
 * a user read a referral's identity and clinical file, in this order:
 *
 * <ol>
 *   <li>{@code COORDINATOR}: the coordinators read every referral of the network;
 *   <li>{@code ASSIGNED_TASK}, {@code CANDIDATE_TASK}: a clinician holds, or can claim, an open task
 *       of the referral (its own process or one of its orders');
 *   <li>{@code COMPLETED_TASK_WITHIN_<period>}: she completed one of its tasks less than {@code
 *       sarcoma.access.after-task} ago;
 *   <li>{@code MDT_AGENDA}: she belongs to the MDT team and the referral is on the agenda of a session
 *       starting within {@code mdt-agenda-before} or ended less than {@code mdt-agenda-after} ago;
 *   <li>{@code ADMIN_REPAIR}: an administrator, to repair an instance (recorded as such).
 * </ol>
 *
 * Managers and auditors have none of these: they never read identity or clinical text. The engine
 * is queried as the system (what the user may see in the engine is not the question here).
 */
@Component
class ReferralAccess {

  static final String COORDINATORS = "coordinators";
  static final String MANAGERS = "managers";

  /** The groups that attend the sarcoma MDT (the coordinators read everything anyway). */
  static final List<String> MDT_TEAM =
      List.of("mdt-chairs", "radiologists", "surgeons", "pathologists", "oncologists");

  private final TaskService taskService;
  private final HistoryService historyService;
  private final EngineAuthentication engineAuthentication;
  private final MdtSessions sessions;
  private final AuditTrail trail;
  private final AccessSettings settings;
  private final Clock clock;

  ReferralAccess(
      TaskService taskService,
      HistoryService historyService,
      EngineAuthentication engineAuthentication,
      MdtSessions sessions,
      AuditTrail trail,
      AccessSettings settings,
      Clock clock) {
    this.taskService = taskService;
    this.historyService = historyService;
    this.engineAuthentication = engineAuthentication;
    this.sessions = sessions;
    this.trail = trail;
    this.settings = settings;
    this.clock = clock;
  }

  /** The rule that lets the caller read the referral (business key: its processes'), if any. */
  Optional<String> reason(Caller caller, UUID referralId, String businessKey) {
    if (caller.in(COORDINATORS)) {
      return Optional.of("COORDINATOR");
    }
    Optional<String> task = engineAuthentication.asSystem(() -> openTask(caller, businessKey));
    if (task.isPresent()) {
      return task;
    }
    Instant now = clock.instant();
    if (completedTask(caller, referralId, businessKey, now.minus(settings.afterTask()))) {
      return Optional.of("COMPLETED_TASK_WITHIN_P" + settings.afterTask().toDays() + "D");
    }
    if (caller.inAny(MDT_TEAM) && onAnAgendaNow(referralId, now)) {
      return Optional.of("MDT_AGENDA");
    }
    if (caller.in(Groups.CAMUNDA_ADMIN)) {
      return Optional.of("ADMIN_REPAIR");
    }
    return Optional.empty();
  }

  /** Why not, in French, naming no patient: the refusal's message. */
  String refusal(Caller caller) {
    if (caller.in(MANAGERS) && !caller.inAny(MDT_TEAM)) {
      return "Accès refusé : le pilotage lit les mesures, les numéros de demande et les dates, "
          + "jamais l'identité ni le dossier clinique d'un patient.";
    }
    return "Accès refusé : vous ne prenez pas en charge ce patient (aucune tâche du dossier à "
        + "traiter, aucune tâche terminée depuis moins de "
        + settings.afterTask().toDays()
        + " jours, et le dossier n'est pas inscrit à une RCP proche).";
  }

  private Optional<String> openTask(Caller caller, String businessKey) {
    boolean candidate = false;
    for (Task task : taskService.createTaskQuery().processInstanceBusinessKey(businessKey).list()) {
      if (caller.userId().equals(task.getAssignee())) {
        return Optional.of("ASSIGNED_TASK");
      }
      candidate = candidate || isCandidate(caller, task);
    }
    return candidate ? Optional.of("CANDIDATE_TASK") : Optional.empty();
  }

  private boolean isCandidate(Caller caller, Task task) {
    for (IdentityLink link : taskService.getIdentityLinksForTask(task.getId())) {
      if (IdentityLinkType.CANDIDATE.equals(link.getType())
          && (caller.userId().equals(link.getUserId())
              || (link.getGroupId() != null && caller.in(link.getGroupId())))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Completed by her: recorded in the trail (whoever completes, claimed or not), or, for tasks done
   * before the trail existed, the engine's history of the tasks she was assigned.
   */
  private boolean completedTask(Caller caller, UUID referralId, String businessKey, Instant since) {
    if (trail.completedTaskSince(caller.userId(), referralId, since)) {
      return true;
    }
    return engineAuthentication.asSystem(
        () ->
            historyService
                    .createHistoricTaskInstanceQuery()
                    .processInstanceBusinessKey(businessKey)
                    .taskAssignee(caller.userId())
                    .finished()
                    .finishedAfter(Date.from(since))
                    .count()
                > 0);
  }

  private boolean onAnAgendaNow(UUID referralId, Instant now) {
    for (MdtSession session : sessions.agendasOf(referralId)) {
      if (!now.isBefore(session.startsAt().minus(settings.mdtAgendaBefore()))
          && !now.isAfter(session.endsAt().plus(settings.mdtAgendaAfter()))) {
        return true;
      }
    }
    return false;
  }
}

package fr.sarcoma.referral.referral;

import fr.sarcoma.referral.orders.ExamOrderService;
import fr.sarcoma.referral.orders.OrderDispatch;
import fr.sarcoma.referral.platform.EngineAuthentication;
import fr.sarcoma.referral.referral.ReferralRepository.StoredReferral;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * Assembles a referral's status from our tables and its open tasks in the engine. Public for the
 * patient's file (dossier), which every clinical screen reads through.
 */
@Component
public class ReferralQueries {

  private final ReferralService referrals;
  private final Milestones milestones;
  private final ExamOrderService orders;
  private final TaskService taskService;
  private final EngineAuthentication engineAuthentication;

  ReferralQueries(
      ReferralService referrals,
      Milestones milestones,
      ExamOrderService orders,
      TaskService taskService,
      EngineAuthentication engineAuthentication) {
    this.referrals = referrals;
    this.milestones = milestones;
    this.orders = orders;
    this.taskService = taskService;
    this.engineAuthentication = engineAuthentication;
  }

  public Optional<ReferralView> view(UUID id) {
    return referrals.find(id).map(this::view);
  }

  private ReferralView view(StoredReferral referral) {
    List<Milestones.Milestone> passed = milestones.of(referral.id());
    return new ReferralView(
        referral.id(),
        referral.businessKey(),
        new ReferralView.Patient(
            referral.patientIdentifier(),
            referral.patientDisplayName(),
            referral.birthDate(),
            referral.sex()),
        referral.referringPhysician(),
        referral.site(),
        referral.presentation(),
        referral.anatomicalLocation(),
        referral.largestDimensionCm(),
        referral.depth(),
        referral.priorProcedure(),
        referral.urgency(),
        referral.imagingBeforeAnyProcedure(),
        referral.outOfScopeReason(),
        referral.priorProcedureReview(),
        Stage.of(referral.outcome(), passed),
        referral.outcome(),
        referral.createdAt(),
        referral.closedAt(),
        openTasks(referral.businessKey()),
        orders(referral.id()),
        passed);
  }

  private List<ReferralView.Order> orders(UUID referralId) {
    Map<UUID, OrderDispatch> dispatches = orders.dispatchesOfReferral(referralId);
    return orders.ofReferral(referralId).stream()
        .map(
            order -> {
              OrderDispatch dispatch = dispatches.getOrDefault(order.id(), OrderDispatch.NONE);
              return new ReferralView.Order(
                  order.id(),
                  order.modality(),
                  order.status(),
                  order.placedAt(),
                  order.resultConclusion(),
                  order.resultPerformedOn(),
                  order.resultReceivedAt(),
                  dispatch.attempts(),
                  dispatch.lastError(),
                  dispatch.lastAttemptAt());
            })
        .toList();
  }

  /** Every open task of the referral (its own and its orders'), whatever the caller may work on. */
  private List<ReferralView.OpenTask> openTasks(String businessKey) {
    return engineAuthentication.asSystem(
        () ->
            taskService
                .createTaskQuery()
                .processInstanceBusinessKey(businessKey)
                .orderByTaskCreateTime()
                .asc()
                .list()
                .stream()
                .map(this::openTask)
                .toList());
  }

  private ReferralView.OpenTask openTask(Task task) {
    List<String> groups =
        taskService.getIdentityLinksForTask(task.getId()).stream()
            .filter(
                link ->
                    IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null)
            .map(IdentityLink::getGroupId)
            .toList();
    return new ReferralView.OpenTask(
        task.getId(),
        task.getTaskDefinitionKey(),
        task.getName(),
        groups,
        task.getAssignee(),
        task.getDueDate() == null ? null : task.getDueDate().toInstant(),
        orders.orderPlacedBy(task.getProcessInstanceId()).orElse(null));
  }
}

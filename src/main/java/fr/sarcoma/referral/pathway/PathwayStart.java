package fr.sarcoma.referral.pathway;

import fr.sarcoma.referral.referral.ReferralRegistered;
import fr.sarcoma.referral.referral.ReferralRequest;
import fr.sarcoma.referral.referral.ReferralService;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Starts the pathway of a referral the intake registered. A plain (synchronous) listener: the process starts in
 * the intake's transaction, so the record and its process commit together or not at all.
 */
@Component
class PathwayStart {

  private final RuntimeService runtimeService;
  private final ReferralService referrals;

  PathwayStart(RuntimeService runtimeService, ReferralService referrals) {
    this.runtimeService = runtimeService;
    this.referrals = referrals;
  }

  @EventListener
  void referralRegistered(ReferralRegistered registered) {
    if (!registered.awaitsItsPathway()) {
      return;
    }
    ProcessInstance instance =
        runtimeService.startProcessInstanceByKey(
            PathwayVariables.PROCESS_ID,
            registered.businessKey(),
            routingFacts(registered.referralId(), registered.businessKey(), registered.request()));
    referrals.attachProcess(registered.referralId(), instance.getId());
  }

  /** What the process holds: ids and the facts the decisions route on, never who the patient is. */
  static Map<String, Object> routingFacts(
      UUID referralId, String businessKey, ReferralRequest request) {
    Map<String, Object> variables = new HashMap<>();
    variables.put(PathwayVariables.REFERRAL_ID, referralId.toString());
    variables.put(PathwayVariables.REFERRAL_NUMBER, businessKey);
    variables.put(PathwayVariables.SITE, request.site());
    variables.put(PathwayVariables.PRESENTATION, request.presentation());
    variables.put(
        PathwayVariables.LARGEST_DIMENSION_CM,
        request.largestDimensionCm() == null ? null : request.largestDimensionCm().doubleValue());
    variables.put(PathwayVariables.DEPTH, request.depth());
    variables.put(PathwayVariables.PRIOR_PROCEDURE, request.priorProcedure());
    return variables;
  }
}

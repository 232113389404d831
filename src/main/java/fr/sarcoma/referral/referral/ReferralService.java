package fr.sarcoma.referral.referral;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import fr.sarcoma.referral.pathway.PathwayVariables;
import fr.sarcoma.referral.referral.ReferralRepository.StoredReferral;

/**
 * The referral record: patient identity and the referrer's clinical description stay here; the
 * process gets the referral id and the routing facts the decisions need.
 */
@Service
public class ReferralService {

  public record Registered(UUID id, String businessKey, boolean created) {
  }

  public record ReferralSummary(UUID id, String businessKey, String referringPhysician, String patientIdentifier,
      String patientDisplayName, LocalDate patientBirthDate, String patientSex, String site, String presentation,
      String anatomicalLocation, Double largestDimensionCm) {
  }

  /**
   * What the triage decided (Decision_Triage) that the referral keeps: the urgency, S1, the reason a
   * referral is out of scope (G0) and whether the first procedure's material is requested (U1, U2, M6).
   */
  public record Triage(String urgency, Boolean imagingBeforeAnyProcedure, String outOfScopeReason,
      Boolean priorProcedureReview) {
  }

  private final ReferralRepository referrals;
  private final BusinessKeys businessKeys;
  private final RuntimeService runtimeService;
  private final Clock clock;

  ReferralService(ReferralRepository referrals, BusinessKeys businessKeys, RuntimeService runtimeService, Clock clock) {
    this.referrals = referrals;
    this.businessKeys = businessKeys;
    this.runtimeService = runtimeService;
    this.clock = clock;
  }

  /** Stores the referral and starts its pathway, in one transaction: both or neither. */
  @Transactional
  public Registered register(ReferralRequest request) {
    Optional<Registered> replay = findByClientRequestId(request.clientRequestId());
    if (replay.isPresent()) {
      return replay.get();
    }
    Registered registered = store(request);
    ProcessInstance instance = runtimeService.startProcessInstanceByKey(PathwayVariables.PROCESS_ID,
        registered.businessKey(), routingFacts(registered, request));
    referrals.attachProcess(registered.id(), instance.getId());
    return registered;
  }

  /** For a pathway started from Tasklist: the process exists already, the record is written now. */
  @Transactional
  public Registered storeForRunningProcess(ReferralRequest request, String processInstanceId) {
    Registered registered = store(request);
    referrals.attachProcess(registered.id(), processInstanceId);
    return registered;
  }

  /**
   * Whether this referral was registered by the intake and waits for its pathway to start: true only inside
   * {@link #register}'s transaction, as every committed referral has its process.
   */
  public boolean awaitsItsPathway(UUID referralId) {
    return referrals.find(referralId).map(referral -> referral.processInstanceId() == null).orElse(false);
  }

  public Optional<Registered> findByClientRequestId(String clientRequestId) {
    if (clientRequestId == null) {
      return Optional.empty();
    }
    return referrals.findByClientRequestId(clientRequestId)
        .map(found -> new Registered(found.id(), found.businessKey(), false));
  }

  /** What the process holds: ids and the facts the decisions route on, never who the patient is. */
  public static Map<String, Object> routingFacts(Registered referral, ReferralRequest request) {
    Map<String, Object> variables = new HashMap<>();
    variables.put(PathwayVariables.REFERRAL_ID, referral.id().toString());
    variables.put(PathwayVariables.REFERRAL_NUMBER, referral.businessKey());
    variables.put(PathwayVariables.SITE, request.site());
    variables.put(PathwayVariables.PRESENTATION, request.presentation());
    variables.put(PathwayVariables.LARGEST_DIMENSION_CM,
        request.largestDimensionCm() == null ? null : request.largestDimensionCm().doubleValue());
    variables.put(PathwayVariables.DEPTH, request.depth());
    variables.put(PathwayVariables.PRIOR_PROCEDURE, request.priorProcedure());
    return variables;
  }

  public void recordTriage(UUID referralId, Triage triage) {
    referrals.recordTriage(referralId, triage);
  }

  public void close(UUID referralId, String outcome) {
    referrals.close(referralId, outcome, clock.instant());
  }

  public Optional<ReferralSummary> summary(UUID referralId) {
    return referrals.find(referralId).map(ReferralService::summaryOf);
  }

  Optional<StoredReferral> find(UUID referralId) {
    return referrals.find(referralId);
  }

  private Registered store(ReferralRequest request) {
    Instant now = clock.instant();
    UUID patientId = referrals.upsertPatient(request, now);
    UUID id = UUID.randomUUID();
    String businessKey = businessKeys.next();
    referrals.insert(id, businessKey, patientId, request, now);
    return new Registered(id, businessKey, true);
  }

  private static ReferralSummary summaryOf(StoredReferral referral) {
    return new ReferralSummary(referral.id(), referral.businessKey(), referral.referringPhysician(),
        referral.patientIdentifier(), referral.patientDisplayName(), LocalDate.parse(referral.birthDate()),
        referral.sex(), referral.site(), referral.presentation(), referral.anatomicalLocation(),
        referral.largestDimensionCm());
  }
}

package fr.sarcoma.referral.referral;

import fr.sarcoma.referral.referral.ReferralRepository.StoredReferral;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The referral record: patient identity and the referrer's clinical description stay here; the
 * process gets the referral id and the routing facts the decisions need. The intake does not know the
 * process: it publishes {@link ReferralRegistered}, and the pathway starts the process from it.
 */
@Service
public class ReferralService {

  public record Registered(UUID id, String businessKey, boolean created) {}

  public record ReferralSummary(
      UUID id,
      String businessKey,
      String referringPhysician,
      String patientIdentifier,
      String patientDisplayName,
      LocalDate patientBirthDate,
      String patientSex,
      String site,
      String presentation,
      String anatomicalLocation,
      Double largestDimensionCm) {}

  /** A person the letters go to: name, postal address and secure (MSSanté) e-mail, the last two optional. */
  public record Correspondent(String name, String address, String secureEmail) {}

  /** The referring physician, and the general practitioner when the intake named one. */
  public record Correspondents(
      Correspondent referringPhysician, Optional<Correspondent> generalPractitioner) {}

  /**
   * What the triage decided (Decision_Triage) that the referral keeps: the urgency, S1, the reason a
   * referral is out of scope (G0) and whether the first procedure's material is requested (U1, U2, M6).
   */
  public record Triage(
      String urgency,
      Boolean imagingBeforeAnyProcedure,
      String outOfScopeReason,
      Boolean priorProcedureReview) {}

  private final ReferralRepository referrals;
  private final BusinessKeys businessKeys;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  ReferralService(
      ReferralRepository referrals,
      BusinessKeys businessKeys,
      ApplicationEventPublisher events,
      Clock clock) {
    this.referrals = referrals;
    this.businessKeys = businessKeys;
    this.events = events;
    this.clock = clock;
  }

  /**
   * Stores the referral and starts its pathway (a listener of {@link ReferralRegistered}), in one transaction:
   * both or neither.
   */
  @Transactional
  public Registered register(ReferralRequest request) {
    Optional<Registered> replay = findByClientRequestId(request.clientRequestId());
    if (replay.isPresent()) {
      return replay.get();
    }
    Registered registered = store(request);
    events.publishEvent(
        new ReferralRegistered(registered.id(), registered.businessKey(), request, null));
    return registered;
  }

  /** For a pathway started from Tasklist: the process exists already, the record is written now. */
  @Transactional
  public Registered storeForRunningProcess(ReferralRequest request, String processInstanceId) {
    Registered registered = store(request);
    referrals.attachProcess(registered.id(), processInstanceId);
    events.publishEvent(
        new ReferralRegistered(
            registered.id(), registered.businessKey(), request, processInstanceId));
    return registered;
  }

  /** The process started for this referral (by the pathway, on {@link ReferralRegistered}). */
  public void attachProcess(UUID referralId, String processInstanceId) {
    referrals.attachProcess(referralId, processInstanceId);
  }

  /**
   * Whether this referral was registered by the intake and waits for its pathway to start: true only inside
   * {@link #register}'s transaction, as every committed referral has its process.
   */
  public boolean awaitsItsPathway(UUID referralId) {
    return referrals
        .find(referralId)
        .map(referral -> referral.processInstanceId() == null)
        .orElse(false);
  }

  public Optional<Registered> findByClientRequestId(String clientRequestId) {
    if (clientRequestId == null) {
      return Optional.empty();
    }
    return referrals
        .findByClientRequestId(clientRequestId)
        .map(found -> new Registered(found.id(), found.businessKey(), false));
  }

  public void recordTriage(UUID referralId, Triage triage) {
    referrals.recordTriage(referralId, triage);
  }

  public void close(UUID referralId, String outcome) {
    Instant now = clock.instant();
    if (referrals.close(referralId, outcome, now)) {
      events.publishEvent(new ReferralClosed(referralId, outcome, now));
    }
  }

  /** Whether the triage (Decision_Triage) found the referral urgent; false before it is triaged. */
  public boolean isUrgent(UUID referralId) {
    return referrals.find(referralId).map(found -> "URGENT".equals(found.urgency())).orElse(false);
  }

  public Optional<ReferralSummary> summary(UUID referralId) {
    return referrals.find(referralId).map(ReferralService::summaryOf);
  }

  public Optional<Correspondents> correspondents(UUID referralId) {
    return referrals.correspondents(referralId);
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
    return new ReferralSummary(
        referral.id(),
        referral.businessKey(),
        referral.referringPhysician(),
        referral.patientIdentifier(),
        referral.patientDisplayName(),
        LocalDate.parse(referral.birthDate()),
        referral.sex(),
        referral.site(),
        referral.presentation(),
        referral.anatomicalLocation(),
        referral.largestDimensionCm());
  }
}

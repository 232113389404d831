package fr.sarcoma.referral.audit;

import fr.sarcoma.referral.platform.PatientReads;
import fr.sarcoma.referral.platform.web.ReadRefusedException;
import fr.sarcoma.referral.referral.ReferralService;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Need-to-know in front of our screens and API ({@link PatientReads}): the rule that allows the read
 * ({@link ReferralAccess}) is recorded with it before anything is shown; a read no rule allows is
 * refused (403, French) and the refusal recorded. The row is written at once (no transaction here): if
 * it cannot be written, the read fails.
 */
@Component
class NeedToKnow implements PatientReads {

  static final String NO_RULE = "NO_RULE";

  private final ReferralAccess access;
  private final AuditTrail trail;
  private final Callers callers;
  private final ReferralService referrals;

  NeedToKnow(ReferralAccess access, AuditTrail trail, Callers callers, ReferralService referrals) {
    this.access = access;
    this.trail = trail;
    this.callers = callers;
    this.referrals = referrals;
  }

  @Override
  public void check(UUID referralId, Door door, Read read) {
    checkAll(List.of(referralId), door, read);
  }

  @Override
  public void checkAll(Collection<UUID> referralIds, Door door, Read read) {
    Caller caller = caller();
    String doorName = doorName(door);
    Map<UUID, Optional<String>> reasons = new LinkedHashMap<>();
    for (UUID referralId : referralIds) {
      // An unknown referral is the caller's 404 to answer: nothing to allow, refuse or record.
      referrals
          .summary(referralId)
          .ifPresent(
              referral ->
                  reasons.put(
                      referralId, access.reason(caller, referralId, referral.businessKey())));
    }
    List<UUID> refused = new ArrayList<>();
    reasons.forEach(
        (referralId, reason) -> {
          if (reason.isEmpty()) {
            refused.add(referralId);
          }
        });
    String detail = Callers.requestDetail();
    if (!refused.isEmpty()) {
      refused.forEach(
          referralId ->
              trail.append(
                  caller, AuditAction.READ_REFUSED, referralId, doorName, NO_RULE, detail));
      throw new ReadRefusedException(access.refusal(caller));
    }
    reasons.forEach(
        (referralId, reason) ->
            trail.append(caller, action(read), referralId, doorName, reason.orElseThrow(), detail));
  }

  @Override
  public List<UUID> readable(Collection<UUID> referralIds, Door door, Read read) {
    Caller caller = caller();
    String doorName = doorName(door);
    String detail = Callers.requestDetail();
    List<UUID> readable = new ArrayList<>();
    for (UUID referralId : referralIds) {
      referrals
          .summary(referralId)
          .flatMap(referral -> access.reason(caller, referralId, referral.businessKey()))
          .ifPresent(
              reason -> {
                trail.append(caller, action(read), referralId, doorName, reason, detail);
                readable.add(referralId);
              });
    }
    return readable;
  }

  private Caller caller() {
    return callers
        .ofRequest()
        .orElseThrow(() -> new ReadRefusedException("Accès refusé : identifiez-vous."));
  }

  /** The door as recorded: our API read with the webapp session is the Tasklist plugins'. */
  private static String doorName(Door door) {
    return name(door == Door.API && withWebappSession() ? Door.TASKLIST_PLUGIN : door);
  }

  static AuditAction action(Read read) {
    return switch (read) {
      case IDENTITY -> AuditAction.READ_IDENTITY;
      case FILE -> AuditAction.READ_FILE;
      case LETTER -> AuditAction.READ_LETTER;
      case VARIABLES -> AuditAction.READ_VARIABLES;
    };
  }

  /** {@code tasklist-plugin}, {@code engine-history}...: as the trail stores doors. */
  static String name(Door door) {
    return door.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * Our API read without credentials of its own: the Camunda webapp session let it in
   * (security/WebappSessionAuthenticationFilter), i.e. the Tasklist plugins.
   */
  private static boolean withWebappSession() {
    return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes request
        && request.getRequest().getHeader(HttpHeaders.AUTHORIZATION) == null;
  }
}

package fr.sarcoma.referral.mdt;

import fr.sarcoma.referral.platform.web.PlausibleDate;
import fr.sarcoma.referral.referral.ReferralService;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Future;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The MDT calendar for coordinators: sessions, one-off sessions, cancellations, moving a case (M1). */
@RestController
@RequestMapping("/api/mdt")
class MdtSessionController {

  record OneOffSession(
      @NotNull @Future @PlausibleDate OffsetDateTime startsAt,
      @NotNull @Min(15) @Max(600) Integer durationMinutes,
      @NotNull @PlausibleDate OffsetDateTime registrationCutoffAt,
      @NotNull @Min(1) @Max(100) Integer capacity,
      @Size(max = 400) String note) {

    @AssertTrue(
        message =
            "la date limite d'inscription (registrationCutoffAt) doit précéder le début (startsAt)")
    public boolean isCutoffBeforeStart() {
      return startsAt == null
          || registrationCutoffAt == null
          || registrationCutoffAt.isBefore(startsAt);
    }
  }

  record Cancellation(@NotBlank @Size(max = 400) String reason) {}

  record Move(@NotNull UUID sessionId) {}

  record Cancelled(MdtSession session, List<UUID> movedReferrals) {}

  /** The referral named in the path does not exist. */
  static class UnknownReferralException extends RuntimeException {

    UnknownReferralException(UUID referralId) {
      super("Demande d'avis inconnue : " + referralId);
    }
  }

  private final MdtSessions sessions;
  private final ReferralService referrals;

  MdtSessionController(MdtSessions sessions, ReferralService referrals) {
    this.sessions = sessions;
    this.referrals = referrals;
  }

  @GetMapping("/sessions")
  List<MdtSession> sessions(
      @RequestParam(required = false) @PlausibleDate OffsetDateTime from,
      @RequestParam(required = false) @PlausibleDate OffsetDateTime to) {
    Instant start = from == null ? Instant.now().truncatedTo(ChronoUnit.DAYS) : from.toInstant();
    return sessions.between(start, to == null ? start.plus(Duration.ofDays(56)) : to.toInstant());
  }

  @PostMapping("/sessions")
  @ResponseStatus(HttpStatus.CREATED)
  MdtSession addOneOff(@Valid @RequestBody OneOffSession session) {
    return sessions.addOneOff(
        session.startsAt().toInstant(),
        Duration.ofMinutes(session.durationMinutes()),
        session.registrationCutoffAt().toInstant(),
        session.capacity(),
        session.note());
  }

  @PostMapping("/sessions/{sessionId}/cancel")
  Cancelled cancel(@PathVariable UUID sessionId, @Valid @RequestBody Cancellation cancellation) {
    List<UUID> moved = sessions.cancel(sessionId, cancellation.reason());
    return new Cancelled(sessions.find(sessionId).orElseThrow(), moved);
  }

  /** Unknown referral → 404; a case not registered, or whose pathway no longer waits for its session → 409. */
  @PostMapping("/registrations/{referralId}/move")
  MdtSession move(@PathVariable UUID referralId, @Valid @RequestBody Move move) {
    if (referrals.summary(referralId).isEmpty()) {
      throw new UnknownReferralException(referralId);
    }
    return sessions.move(referralId, move.sessionId());
  }

  @ExceptionHandler(UnknownReferralException.class)
  ProblemDetail unknownReferral(UnknownReferralException e) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
  }

  @ExceptionHandler(CaseNotMovableException.class)
  ProblemDetail notMovable(CaseNotMovableException e) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
  }
}

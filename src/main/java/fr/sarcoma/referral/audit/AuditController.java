package fr.sarcoma.referral.audit;

import fr.sarcoma.referral.platform.web.InvalidFieldException;
import fr.sarcoma.referral.platform.web.PlausibleDate;
import fr.sarcoma.referral.referral.ReferralService;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The auditors' reading of the trail (group {@code auditors} only, see SecurityConfiguration): per
 * referral, everything that touched it (reads, refused reads, actions); per user, everything she read,
 * was refused or did. JSON, and the same rows as CSV for a spreadsheet. {@code from} and {@code to} are
 * days (Paris), both included; without them, the whole trail.
 */
@RestController
class AuditController {

  static final String USER_ID = "[A-Za-z0-9._@-]+";

  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  record ReferralTrail(UUID referralId, String referralNumber, List<AuditRows.Row> entries) {}

  record UserTrail(String userId, List<AuditRows.Row> entries) {}

  private final AuditTrail trail;
  private final AuditRows rows;
  private final ReferralService referrals;

  AuditController(AuditTrail trail, AuditRows rows, ReferralService referrals) {
    this.trail = trail;
    this.rows = rows;
    this.referrals = referrals;
  }

  @GetMapping("/api/audit/referrals/{referralId}")
  ReferralTrail referral(
      @PathVariable UUID referralId,
      @RequestParam(required = false) @PlausibleDate LocalDate from,
      @RequestParam(required = false) @PlausibleDate LocalDate to) {
    Period period = Period.of(from, to);
    String number =
        referrals
            .summary(referralId)
            .map(ReferralService.ReferralSummary::businessKey)
            .orElseThrow(
                () ->
                    new ResponseStatusException(
                        HttpStatus.NOT_FOUND, "Aucune demande " + referralId));
    return new ReferralTrail(
        referralId, number, rows.of(trail.ofReferral(referralId, period.start(), period.end())));
  }

  @GetMapping(path = "/api/audit/referrals/{referralId}.csv", produces = "text/csv")
  ResponseEntity<byte[]> referralCsv(
      @PathVariable UUID referralId,
      @RequestParam(required = false) @PlausibleDate LocalDate from,
      @RequestParam(required = false) @PlausibleDate LocalDate to) {
    ReferralTrail found = referral(referralId, from, to);
    return csv("journal-acces-" + found.referralNumber(), found.entries());
  }

  @GetMapping("/api/audit/users/{userId}")
  UserTrail user(
      @PathVariable @Size(max = 64) @Pattern(regexp = USER_ID) String userId,
      @RequestParam(required = false) @PlausibleDate LocalDate from,
      @RequestParam(required = false) @PlausibleDate LocalDate to) {
    Period period = Period.of(from, to);
    return new UserTrail(userId, rows.of(trail.ofUser(userId, period.start(), period.end())));
  }

  @GetMapping(path = "/api/audit/users/{userId}.csv", produces = "text/csv")
  ResponseEntity<byte[]> userCsv(
      @PathVariable @Size(max = 64) @Pattern(regexp = USER_ID) String userId,
      @RequestParam(required = false) @PlausibleDate LocalDate from,
      @RequestParam(required = false) @PlausibleDate LocalDate to) {
    return csv("journal-acces-utilisateur-" + userId, user(userId, from, to).entries());
  }

  private static ResponseEntity<byte[]> csv(String name, List<AuditRows.Row> entries) {
    return ResponseEntity.ok()
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            "attachment; filename=\"" + name.replaceAll("[^A-Za-z0-9._-]", "_") + ".csv\"")
        .contentType(MediaType.parseMediaType("text/csv; charset=UTF-8"))
        .body(AuditCsv.of(entries).getBytes(StandardCharsets.UTF_8));
  }

  /** Days in Paris, both included; the whole trail by default. */
  record Period(Instant start, Instant end) {

    static Period of(LocalDate from, LocalDate to) {
      if (from != null && to != null && to.isBefore(from)) {
        throw new InvalidFieldException("to", "doit suivre le début de la période (from)");
      }
      return new Period(
          from == null ? Instant.EPOCH : from.atStartOfDay(PARIS).toInstant(),
          to == null
              ? LocalDate.of(PlausibleDate.LAST_YEAR, 12, 31).atStartOfDay(PARIS).toInstant()
              : to.plusDays(1).atStartOfDay(PARIS).toInstant());
    }
  }
}

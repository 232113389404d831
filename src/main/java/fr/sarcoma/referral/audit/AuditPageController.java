package fr.sarcoma.referral.audit;

import fr.sarcoma.referral.platform.web.PlausibleDate;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * The auditors' page (templates/audit/index.html, French): the trail of a referral (by its number or
 * id) or of a user, with the CSV export beside it. Reads the same rows as /api/audit.
 */
@RestController
class AuditPageController {

  private final AuditTrail trail;
  private final AuditRows rows;
  private final ProcessReferrals processes;
  private final ITemplateEngine templates;

  AuditPageController(
      AuditTrail trail, AuditRows rows, ProcessReferrals processes, ITemplateEngine templates) {
    this.trail = trail;
    this.rows = rows;
    this.processes = processes;
    this.templates = templates;
  }

  @GetMapping(
      path = {"/audit", "/audit/"},
      produces = MediaType.TEXT_HTML_VALUE)
  String page(
      @RequestParam(required = false) @Size(max = 64) String referral,
      @RequestParam(required = false) @Size(max = 64) String user,
      @RequestParam(required = false) @PlausibleDate LocalDate from,
      @RequestParam(required = false) @PlausibleDate LocalDate to) {
    AuditController.Period period = AuditController.Period.of(from, to);
    Map<String, Object> model = new HashMap<>();
    model.put("referral", referral == null ? "" : referral.strip());
    model.put("user", user == null ? "" : user.strip());
    model.put("from", from == null ? "" : from.toString());
    model.put("to", to == null ? "" : to.toString());
    model.put("zone", ZoneId.of("Europe/Paris"));
    String query = periodQuery(from, to);
    if (referral != null && !referral.isBlank()) {
      Optional<UUID> referralId = referralId(referral.strip());
      model.put("subject", "la demande " + referral.strip());
      model.put(
          "rows",
          referralId
              .map(id -> rows.of(trail.ofReferral(id, period.start(), period.end())))
              .orElse(List.of()));
      model.put("notFound", referralId.isEmpty());
      referralId.ifPresent(id -> model.put("csv", "/api/audit/referrals/" + id + ".csv" + query));
    } else if (user != null && !user.isBlank()) {
      String userId = user.strip();
      boolean valid = userId.matches(AuditController.USER_ID);
      model.put("subject", "l'utilisateur " + userId);
      model.put(
          "rows", valid ? rows.of(trail.ofUser(userId, period.start(), period.end())) : List.of());
      model.put("notFound", !valid);
      if (valid) {
        model.put("csv", "/api/audit/users/" + userId + ".csv" + query);
      }
    }
    return templates.process("audit/index", new Context(Locale.FRENCH, model));
  }

  private Optional<UUID> referralId(String referral) {
    try {
      return Optional.of(UUID.fromString(referral));
    } catch (IllegalArgumentException aNumber) {
      return processes.ofReferralNumber(referral);
    }
  }

  private static String periodQuery(LocalDate from, LocalDate to) {
    StringBuilder query = new StringBuilder();
    if (from != null) {
      query.append("?from=").append(from);
    }
    if (to != null) {
      query.append(from == null ? "?" : "&").append("to=").append(to);
    }
    return query.toString();
  }
}

package fr.sarcoma.referral.insight;

import fr.sarcoma.referral.platform.web.InvalidFieldException;
import fr.sarcoma.referral.platform.web.OneOf;
import fr.sarcoma.referral.platform.web.PlausibleDate;
import fr.sarcoma.referral.referral.ReferralRequest;
import fr.sarcoma.referral.referral.Site;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Managers' measures: JSON, and the same figures as CSV (one source for both). */
@RestController
@RequestMapping("/api/insight")
class InsightController {

  private static final int MAX_YEARS = 10;

  private final InsightService insight;

  InsightController(InsightService insight) {
    this.insight = insight;
  }

  @GetMapping("/measures")
  Measures measures(
      @RequestParam(required = false) @PlausibleDate OffsetDateTime from,
      @RequestParam(required = false) @PlausibleDate OffsetDateTime to,
      @RequestParam(required = false) @OneOf(Site.class) String site,
      @RequestParam(required = false) @Size(max = ReferralRequest.MAX_NAME) String referrer) {
    return insight.measures(filters(from, to, site, referrer));
  }

  @GetMapping(path = "/measures.csv", produces = "text/csv")
  ResponseEntity<String> csv(
      @RequestParam(required = false) @PlausibleDate OffsetDateTime from,
      @RequestParam(required = false) @PlausibleDate OffsetDateTime to,
      @RequestParam(required = false) @OneOf(Site.class) String site,
      @RequestParam(required = false) @Size(max = ReferralRequest.MAX_NAME) String referrer) {
    return ResponseEntity.ok()
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            "attachment; filename=\"indicateurs-rcp-sarcomes.csv\"")
        .contentType(MediaType.parseMediaType("text/csv; charset=UTF-8"))
        .body(MeasuresCsv.of(insight.measures(filters(from, to, site, referrer))));
  }

  /** The period defaults to the last 365 days; it must run forwards and span at most ten years. */
  static Measures.Filters filters(
      OffsetDateTime from, OffsetDateTime to, String site, String referrer) {
    Instant end = to == null ? Instant.now() : to.toInstant();
    Instant start = from == null ? end.minus(365, ChronoUnit.DAYS) : from.toInstant();
    if (!start.isBefore(end)) {
      throw new InvalidFieldException(
          from == null ? "to" : "from", "doit précéder la fin de la période");
    }
    if (start.isBefore(end.atZone(ZoneOffset.UTC).minusYears(MAX_YEARS).toInstant())) {
      throw new InvalidFieldException("from", "la période couvre au plus " + MAX_YEARS + " ans");
    }
    return new Measures.Filters(
        start, end, site, referrer == null || referrer.isBlank() ? null : referrer.strip());
  }
}

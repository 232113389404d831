package fr.sarcoma.referral.insight;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import fr.sarcoma.referral.platform.web.OneOf;
import fr.sarcoma.referral.referral.ReferralRequest;

/** Managers' measures: JSON, and the same figures as CSV (one source for both). */
@RestController
@RequestMapping("/api/insight")
class InsightController {

  private final InsightService insight;

  InsightController(InsightService insight) {
    this.insight = insight;
  }

  @GetMapping("/measures")
  Measures measures(@RequestParam(required = false) OffsetDateTime from,
      @RequestParam(required = false) OffsetDateTime to,
      @RequestParam(required = false) @OneOf(ReferralRequest.Site.class) String site,
      @RequestParam(required = false) String referrer) {
    return insight.measures(filters(from, to, site, referrer));
  }

  @GetMapping(path = "/measures.csv", produces = "text/csv")
  ResponseEntity<String> csv(@RequestParam(required = false) OffsetDateTime from,
      @RequestParam(required = false) OffsetDateTime to,
      @RequestParam(required = false) @OneOf(ReferralRequest.Site.class) String site,
      @RequestParam(required = false) String referrer) {
    Measures measures = insight.measures(filters(from, to, site, referrer));
    StringBuilder csv = new StringBuilder("kind;name;count;median_days;p90_days;target;breaches_or_compliant;rate\n");
    measures.intervals().forEach(i -> csv.append("interval;").append(i.name()).append(';').append(i.count())
        .append(';').append(number(i.medianDays())).append(';').append(number(i.p90Days())).append(';')
        .append(number(i.targetDays())).append(';').append(i.breaches().size()).append(";\n"));
    measures.compliance().forEach(c -> csv.append("compliance;").append(c.rule()).append(';').append(c.eligible())
        .append(";;;").append(number(c.target())).append(';').append(c.compliant()).append(';')
        .append(number(c.rate())).append('\n'));
    measures.volumes().forEach(v -> csv.append("volume;").append(v.dimension()).append('=').append(v.value())
        .append(';').append(v.count()).append(";;;;;\n"));
    return ResponseEntity.ok()
        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"indicateurs-rcp-sarcomes.csv\"")
        .contentType(MediaType.parseMediaType("text/csv; charset=UTF-8")).body(csv.toString());
  }

  static Measures.Filters filters(OffsetDateTime from, OffsetDateTime to, String site, String referrer) {
    Instant end = to == null ? Instant.now() : to.toInstant();
    Instant start = from == null ? end.minus(365, ChronoUnit.DAYS) : from.toInstant();
    return new Measures.Filters(start, end, site, referrer == null || referrer.isBlank() ? null : referrer);
  }

  private static String number(Double value) {
    return value == null ? "" : String.format(Locale.ROOT, "%.2f", value);
  }
}

package fr.sarcoma.referral.insight;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.sarcoma.referral.platform.web.OneOf;
import fr.sarcoma.referral.platform.web.PlausibleDate;
import fr.sarcoma.referral.referral.ReferralRequest;
import fr.sarcoma.referral.referral.Site;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.springframework.context.MessageSource;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * The managers' dashboard (Chart.js, templates/dashboard/index.html): the page carries the figures of
 * /api/insight/measures for the same filters, so one authenticated request shows it and the page can never
 * disagree with the API, and the French labels of the codes those figures use.
 */
@RestController
class DashboardController {

  private final InsightService insight;
  private final ObjectMapper mapper;
  private final ITemplateEngine templates;
  private final MessageSource messages;

  DashboardController(
      InsightService insight,
      ObjectMapper mapper,
      ITemplateEngine templates,
      MessageSource messages) {
    this.insight = insight;
    this.mapper = mapper;
    this.templates = templates;
    this.messages = messages;
  }

  @GetMapping(
      path = {"/dashboard", "/dashboard/"},
      produces = MediaType.TEXT_HTML_VALUE)
  String dashboard(
      @RequestParam(required = false) @PlausibleDate OffsetDateTime from,
      @RequestParam(required = false) @PlausibleDate OffsetDateTime to,
      @RequestParam(required = false) @OneOf(Site.class) String site,
      @RequestParam(required = false) @Size(max = ReferralRequest.MAX_NAME) String referrer)
      throws JsonProcessingException {
    Measures measures = insight.measures(InsightController.filters(from, to, site, referrer));
    // The application's JSON (its date format and inclusion rules), as the API serves it, in a
    // JSON data block of the page: no "<" may end it early ("</script>", "<!--"); JSON reads the
    // escaped form in its strings alike.
    return templates.process(
        "dashboard/index",
        new Context(
            Locale.FRENCH,
            Map.of("measures", dataBlock(measures), "labels", dataBlock(labels(measures)))));
  }

  private String dataBlock(Object value) throws JsonProcessingException {
    return mapper.writeValueAsString(value).replace("<", "\\u003c");
  }

  /** "interval.<name>", "complianceRule.<rule>" and "stage.<stage>" of these figures, with their French labels. */
  private Map<String, String> labels(Measures measures) {
    Map<String, String> labels = new TreeMap<>();
    Stream.of(
            measures.intervals().stream().map(interval -> "interval." + interval.name()),
            measures.compliance().stream().map(rule -> "complianceRule." + rule.rule()),
            measures.workInProgress().byStage().stream().map(stage -> "stage." + stage.value()))
        .flatMap(codes -> codes)
        .forEach(
            code -> {
              String label = messages.getMessage(code, null, null, Locale.FRENCH);
              if (label != null) {
                labels.put(code, label);
              }
            });
    return labels;
  }
}

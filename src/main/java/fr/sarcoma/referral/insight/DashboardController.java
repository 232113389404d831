package fr.sarcoma.referral.insight;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;

import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import fr.sarcoma.referral.platform.web.OneOf;
import fr.sarcoma.referral.platform.web.PlausibleDate;
import fr.sarcoma.referral.referral.ReferralRequest;
import fr.sarcoma.referral.referral.Site;

/**
 * The managers' dashboard (Chart.js): the page carries the figures of /api/insight/measures for the
 * same filters, so one authenticated request shows it and the page can never disagree with the API.
 */
@RestController
class DashboardController {

  private static final String PLACEHOLDER = "/*MEASURES*/null";

  private final InsightService insight;
  private final ObjectMapper mapper;
  private final String template;

  DashboardController(InsightService insight, ObjectMapper mapper) {
    this.insight = insight;
    this.mapper = mapper;
    try (InputStream in = new ClassPathResource("dashboard/index.html").getInputStream()) {
      this.template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @GetMapping(path = {"/dashboard", "/dashboard/"}, produces = MediaType.TEXT_HTML_VALUE)
  String dashboard(@RequestParam(required = false) @PlausibleDate OffsetDateTime from,
      @RequestParam(required = false) @PlausibleDate OffsetDateTime to,
      @RequestParam(required = false) @OneOf(Site.class) String site,
      @RequestParam(required = false) @Size(max = ReferralRequest.MAX_NAME) String referrer)
      throws JsonProcessingException {
    Measures measures = insight.measures(InsightController.filters(from, to, site, referrer));
    // "</" would end the script element early: JSON allows the escaped slash.
    return template.replace(PLACEHOLDER, mapper.writeValueAsString(measures).replace("</", "<\\/"));
  }
}

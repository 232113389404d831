package fr.sarcoma.referral.imaging;

import java.util.UUID;

import jakarta.validation.Valid;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import fr.sarcoma.referral.imaging.ExamOrderService.ResultOutcome;

/** Results coming back for our orders as simple JSON (small centres, manual entry); FHIR: FhirResultController. */
@RestController
class ExamResultController {

  record ResultReceipt(UUID orderId, ResultOutcome status) {
  }

  private final ExamResults results;

  ExamResultController(ExamResults results) {
    this.results = results;
  }

  /** Unknown order → 404; the same result again → 200 DUPLICATE, with no second effect. */
  @PostMapping("/api/orders/{orderId}/result")
  public ResultReceipt receive(@PathVariable UUID orderId, @Valid @RequestBody ExamResultRequest result) {
    return new ResultReceipt(orderId,
        results.receive(orderId, result.conclusion(), result.report(), result.performedOn()));
  }
}

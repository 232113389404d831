package fr.sarcoma.referral.imaging;

import java.util.UUID;

import jakarta.validation.Valid;

import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import fr.sarcoma.referral.imaging.ExamOrderService.ResultOutcome;

/** Results coming back for our orders (the FHIR endpoint comes with the integration feature). */
@RestController
class ExamResultController {

  record ResultReceipt(UUID orderId, ResultOutcome status) {
  }

  private final ExamOrderService orders;
  private final ExamResultCorrelation correlation;

  ExamResultController(ExamOrderService orders, ExamResultCorrelation correlation) {
    this.orders = orders;
    this.correlation = correlation;
  }

  /** Unknown order → 404; the same result again → 200 DUPLICATE, with no second effect. */
  @PostMapping("/api/orders/{orderId}/result")
  @Transactional
  public ResultReceipt receive(@PathVariable UUID orderId, @Valid @RequestBody ExamResultRequest result) {
    ResultOutcome outcome = orders.recordResult(orderId, result.conclusion(), result.report(), result.performedOn());
    if (outcome == ResultOutcome.RECORDED) {
      correlation.correlate(orderId.toString());
    }
    return new ResultReceipt(orderId, outcome);
  }
}

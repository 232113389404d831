package fr.sarcoma.referral.orders;

import fr.sarcoma.referral.orders.ExamOrderService.ResultOutcome;
import jakarta.validation.Valid;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Results coming back for our orders as simple JSON (small centres, manual entry); FHIR: FhirResultController. */
@RestController
class ExamResultController {

  record ResultReceipt(UUID orderId, ResultOutcome status) {}

  private final ExamResults results;

  ExamResultController(ExamResults results) {
    this.results = results;
  }

  /**
   * Unknown order → 404; a sender outside the modality's reading group and the coordination → 403 naming the group;
   * the same result again → 200 DUPLICATE, with no second effect.
   */
  @PostMapping("/api/orders/{orderId}/result")
  public ResultReceipt receive(
      @PathVariable UUID orderId,
      @Valid @RequestBody ExamResultRequest result,
      Authentication sender) {
    return new ResultReceipt(
        orderId,
        results.receive(
            orderId,
            groupsOf(sender),
            result.conclusion(),
            result.report(),
            result.performedOn(),
            Channel.API));
  }

  @ExceptionHandler(ResultSenderNotAllowedException.class)
  ProblemDetail notAllowed(ResultSenderNotAllowedException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, e.getMessage());
    if (e.requiredGroup() != null) {
      problem.setProperty("requiredGroup", e.requiredGroup());
    }
    return problem;
  }

  /** The caller's groups (each group the user belongs to is an authority named after it). */
  private static List<String> groupsOf(Authentication caller) {
    return caller == null
        ? List.of()
        : caller.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
  }
}

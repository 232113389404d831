package fr.sarcoma.referral.orders;

import fr.sarcoma.referral.platform.PatientReads;
import fr.sarcoma.referral.platform.web.OneOf;
import fr.sarcoma.referral.platform.web.PlausibleDate;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The coordinators' order worklist: how a centre without an order system (or an order the system
 * refused) works, by hand: list the orders, record the appointment, then post the result.
 */
@RestController
class OrderWorklistController {

  record Schedule(@NotNull @PlausibleDate LocalDate scheduledFor) {}

  private final ExamOrderService orders;
  private final PatientReads reads;

  OrderWorklistController(ExamOrderService orders, PatientReads reads) {
    this.orders = orders;
    this.reads = reads;
  }

  /** The orders carry their reports (clinical text): each referral listed is a recorded read. */
  @GetMapping("/api/orders")
  List<ExamOrder> list(
      @RequestParam(defaultValue = "WORKLIST") @OneOf(OrderStatus.class) String status) {
    List<ExamOrder> listed = orders.withStatus(OrderStatus.valueOf(status));
    reads.checkAll(
        listed.stream().map(ExamOrder::referralId).distinct().toList(),
        PatientReads.Door.API,
        PatientReads.Read.FILE);
    return listed;
  }

  @PostMapping("/api/orders/{orderId}/schedule")
  ExamOrder schedule(@PathVariable UUID orderId, @Valid @RequestBody Schedule schedule) {
    return orders.schedule(orderId, schedule.scheduledFor());
  }
}

package fr.sarcoma.referral.orders;

import fr.sarcoma.referral.platform.PatientReads;
import fr.sarcoma.referral.platform.web.OneOf;
import fr.sarcoma.referral.platform.web.PlausibleDate;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
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
 * The coordinators' order worklist, for integrators: how a centre without an order system (or an order the
 * system refused) works, by hand: list the orders, record the appointment, then post the result. The
 * coordinators themselves do the same in Tasklist ("Programmer l'examen", "Saisir le compte rendu"); a
 * booking or a result posted here moves those tasks on.
 */
@RestController
class OrderWorklistController {

  /** The appointment: its date, and where (établissement, service), which an integrator may not know. */
  record Schedule(
      @NotNull @PlausibleDate LocalDate scheduledFor, @Size(max = 200) String scheduledPlace) {}

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
    return orders.schedule(
        orderId,
        schedule.scheduledFor(),
        schedule.scheduledPlace() == null || schedule.scheduledPlace().isBlank()
            ? null
            : schedule.scheduledPlace().strip(),
        Channel.API);
  }
}

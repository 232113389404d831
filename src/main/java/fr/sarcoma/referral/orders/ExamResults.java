package fr.sarcoma.referral.orders;

import fr.sarcoma.referral.orders.ExamOrderService.ResultOutcome;
import java.time.LocalDate;
import java.util.Collection;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A result coming back for one of our orders, whatever the channel (JSON API, FHIR DiagnosticReport, a
 * coordinator's Tasklist task).
 */
@Service
public class ExamResults {

  private final ExamOrderService orders;
  private final ResultReaders readers;

  ExamResults(ExamOrderService orders, ResultReaders readers) {
    this.orders = orders;
    this.readers = readers;
  }

  /**
   * Stores the result once; its {@link ExamResultRecorded} event moves the waiting order on. Unknown order:
   * {@link UnknownOrderException}; a sender
   * outside the group that reads the modality and the coordination: {@link ResultSenderNotAllowedException},
   * before anything is written; the same result again: DUPLICATE, with no second effect.
   */
  @Transactional
  public ResultOutcome receive(
      UUID orderId,
      Collection<String> senderGroups,
      String conclusion,
      String report,
      LocalDate performedOn,
      Channel channel) {
    ExamOrder order = orders.find(orderId).orElseThrow(() -> new UnknownOrderException(orderId));
    readers.check(order, senderGroups);
    return orders.recordResult(orderId, conclusion, report, performedOn, channel);
  }
}

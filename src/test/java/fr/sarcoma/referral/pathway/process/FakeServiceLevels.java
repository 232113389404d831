package fr.sarcoma.referral.pathway.process;

import java.time.Duration;
import java.util.Date;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * The {@code serviceLevels} bean: a task is due in a day (two when routine), a step after an exam handled by hand
 * and an exam report in three days.
 */
public final class FakeServiceLevels {

  static final String EXAM_REPORT_DELAY = "P3D";

  public Date due(String taskKey, String urgency) {
    return Date.from(
        ClockUtil.getCurrentTime()
            .toInstant()
            .plus(Duration.ofDays("URGENT".equals(urgency) ? 1 : 2)));
  }

  /** A step after the appointment of an order handled by hand: due in three days. */
  public Date afterExam(String taskKey, String orderId) {
    return Date.from(ClockUtil.getCurrentTime().toInstant().plus(Duration.ofDays(3)));
  }

  public String examReport(String modality, String urgency) {
    return EXAM_REPORT_DELAY;
  }
}

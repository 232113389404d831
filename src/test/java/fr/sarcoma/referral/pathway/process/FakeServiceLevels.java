package fr.sarcoma.referral.pathway.process;

import java.time.Duration;
import java.util.Date;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/** The {@code serviceLevels} bean: a task is due in a day (two when routine), an exam report in three days. */
public final class FakeServiceLevels {

  static final String EXAM_REPORT_DELAY = "P3D";

  public Date due(String taskKey, String urgency) {
    return Date.from(
        ClockUtil.getCurrentTime()
            .toInstant()
            .plus(Duration.ofDays("URGENT".equals(urgency) ? 1 : 2)));
  }

  public String examReport(String modality, String urgency) {
    return EXAM_REPORT_DELAY;
  }
}

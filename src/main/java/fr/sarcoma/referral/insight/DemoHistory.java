package fr.sarcoma.referral.insight;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Demo profile: 18 months of synthetic history on first start, so that the dashboard means
 * something at once ({@code sarcoma.demo.history-months}, 0 to skip). Written straight to our
 * tables: it waits for no engine job.
 */
@Component
@Profile("demo")
class DemoHistory implements ApplicationRunner {

  private final SyntheticHistory history;
  private final int months;
  private final int perMonth;

  DemoHistory(
      SyntheticHistory history,
      @Value("${sarcoma.demo.history-months:18}") int months,
      @Value("${sarcoma.demo.referrals-per-month:40}") int perMonth) {
    this.history = history;
    this.months = months;
    this.perMonth = perMonth;
  }

  @Override
  public void run(ApplicationArguments args) {
    if (months > 0 && !history.exists()) {
      history.generate(months, perMonth, 2019L);
    }
  }
}

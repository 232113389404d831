package fr.sarcoma.referral.insight;

import static org.assertj.core.api.Assertions.assertThat;

import fr.sarcoma.referral.support.PostgresIntegrationTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The synthetic history behind the demo dashboard: every branch, plausible delays, the gate always respected. */
@PostgresIntegrationTest
class SyntheticHistoryIT {

  @Autowired SyntheticHistory history;
  @Autowired JdbcTemplate jdbc;

  @Test
  void syntheticReferralsGoThroughEveryBranchWithPlausibleDelays() {
    int written = history.generate(6, 50, 42L);

    assertThat(written).isEqualTo(300);
    assertThat(history.exists()).isTrue();
    List<String> outcomes =
        jdbc.queryForList(
            "select distinct outcome from referral where business_key like 'SYNTH-%' and outcome is not null",
            String.class);
    assertThat(outcomes)
        .contains(
            "OUT_OF_SCOPE",
            "TYPICAL_BENIGN_DISCHARGED",
            "MDT_PROPOSAL_RECORDED",
            "MDT_SURVEILLANCE");
    Map<String, Object> delays =
        jdbc.queryForMap(
            """
        select min(extract(epoch from (f.occurred_at - r.occurred_at))) / 86400 as shortest,
               max(extract(epoch from (f.occurred_at - r.occurred_at))) / 86400 as longest
        from milestone r join milestone f on f.referral_id = r.referral_id
        join referral x on x.id = r.referral_id and x.business_key like 'SYNTH-%'
        where r.name = 'REFERRAL_RECEIVED' and f.name = 'FIRST_IMAGING_REPORTED'
        """);
    // Ordered 0–2 days after the referral, reported 3–21 days after the order: 3 to 23 days in all.
    assertThat(((Number) delays.get("shortest")).doubleValue()).isBetween(3.0, 5.0);
    assertThat(((Number) delays.get("longest")).doubleValue()).isBetween(15.0, 23.0);
    assertThat(
            jdbc.queryForObject(
                """
        select count(*) from milestone b join referral x on x.id = b.referral_id and x.business_key like 'SYNTH-%'
        where b.name = 'BIOPSY_ORDERED' and not exists (select 1 from milestone m where m.referral_id = b.referral_id
          and m.name = 'MDT_DECIDED' and m.occurred_at < b.occurred_at)
        """,
                Integer.class))
        .as("S3: no synthetic biopsy before the MDT")
        .isZero();
    assertThat(
            jdbc.queryForObject(
                """
        select count(*) from patient p where p.identifier like 'SYNTH-%' and (p.name_key is null
          or not exists (select 1 from patient_name_word w where w.patient_id = p.id and w.word = 'synthetique'))
        """,
                Integer.class))
        .as("the demo's patients are found by the patient search, as the intake's are")
        .isZero();
  }

  @Test
  void theTimelineHoldsTheFirstTimeOfEachMilestoneAndTasksAreTimed() {
    history.generate(3, 40, 7L);

    for (String milestone : fr.sarcoma.referral.referral.Milestones.NAMES) {
      assertThat(
              jdbc.queryForObject(
                  """
          select count(*) from referral x join pathway_timeline t on t.referral_id = x.id
          where x.business_key like 'SYNTH-%' and coalesce(t."""
                      + fr.sarcoma.referral.referral.Milestones.column(milestone)
                      + """
          , timestamp '1900-01-01') <> coalesce((select min(m.occurred_at) from milestone m
            where m.referral_id = x.id and m.name = ?), timestamp '1900-01-01')
          """,
                  Integer.class,
                  milestone))
          .as(milestone)
          .isZero();
    }
    for (PathwayInterval interval : PathwayInterval.ALL) {
      assertThat(
              jdbc.queryForObject(
                  "select count(*) from pathway_timeline t join referral x on x.id = t.referral_id"
                      + " where x.business_key like 'SYNTH-%' and abs(coalesce(t."
                      + interval.column()
                      + ", -1) - coalesce("
                      + interval.daysBetweenMilestones()
                      + ", -1)) > 0.0001",
                  Integer.class))
          .as(interval.name())
          .isZero();
    }
    assertThat(
            jdbc.queryForList(
                "select distinct task_key from task_time where task_id like 'synthetic-%'",
                String.class))
        .contains("Task_ClassifyInitialImaging", "Task_PrepareMdtCase", "Task_AgreeBiopsyApproach");
    assertThat(
            jdbc.queryForObject(
                """
        select count(*) from task_time where task_id like 'synthetic-%'
          and not (created_at <= taken_at and taken_at <= ended_at and due_at > created_at)
        """,
                Integer.class))
        .isZero();
  }
}

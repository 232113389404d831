package fr.sarcoma.referral.orders;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The structured CT/MRI characterisation report (PATHWAY.md "Order contents"; S3a, S4). */
@Component
public class CharacterisationReports {

  public record Report(
      BigDecimal sizeLongAxisCm,
      BigDecimal sizePerpendicularCm,
      BigDecimal sizeCraniocaudalCm,
      BigDecimal distanceToJointLineMm,
      BigDecimal distanceToGrowthPlateMm,
      String relations,
      String aggressiveSigns,
      String tissueFeatures,
      String biopsyTargetZone,
      String skipMetastasis,
      String lesionPattern,
      String suspectedType,
      String hypotheses,
      String conclusion,
      boolean mdtNeeded) {}

  /** A recorded report: {@code aggressiveSigns} is comma-separated codes, as the form gives them. */
  public record Recorded(Report report, String reportedBy, Instant reportedAt) {}

  private final JdbcTemplate jdbc;
  private final Clock clock;

  CharacterisationReports(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** Once per task: completing the same task again (a retry) records nothing new. */
  public void record(UUID referralId, String taskId, Report report, String reportedBy) {
    if (jdbc.queryForObject(
            "select count(*) from characterisation_report where task_id = ?", Integer.class, taskId)
        > 0) {
      return;
    }
    jdbc.update(
        """
        insert into characterisation_report (id, referral_id, task_id, size_long_axis_cm, size_perpendicular_cm,
          size_craniocaudal_cm, distance_to_joint_line_mm, distance_to_growth_plate_mm, relations, aggressive_signs,
          tissue_features, biopsy_target_zone, skip_metastasis, lesion_pattern, suspected_type, hypotheses, conclusion,
          mdt_needed, reported_by, reported_at)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """,
        UUID.randomUUID(),
        referralId,
        taskId,
        report.sizeLongAxisCm(),
        report.sizePerpendicularCm(),
        report.sizeCraniocaudalCm(),
        report.distanceToJointLineMm(),
        report.distanceToGrowthPlateMm(),
        report.relations(),
        report.aggressiveSigns(),
        report.tissueFeatures(),
        report.biopsyTargetZone(),
        report.skipMetastasis(),
        report.lesionPattern(),
        report.suspectedType(),
        report.hypotheses(),
        report.conclusion(),
        report.mdtNeeded(),
        reportedBy,
        Timestamp.from(clock.instant()));
  }

  /** The referral's characterisation reports, newest first (the patient's file). */
  public List<Recorded> ofReferral(UUID referralId) {
    return jdbc.query(
        "select * from characterisation_report where referral_id = ? order by reported_at desc",
        (row, index) ->
            new Recorded(
                new Report(
                    row.getBigDecimal("size_long_axis_cm"),
                    row.getBigDecimal("size_perpendicular_cm"),
                    row.getBigDecimal("size_craniocaudal_cm"),
                    row.getBigDecimal("distance_to_joint_line_mm"),
                    row.getBigDecimal("distance_to_growth_plate_mm"),
                    row.getString("relations"),
                    row.getString("aggressive_signs"),
                    row.getString("tissue_features"),
                    row.getString("biopsy_target_zone"),
                    row.getString("skip_metastasis"),
                    row.getString("lesion_pattern"),
                    row.getString("suspected_type"),
                    row.getString("hypotheses"),
                    row.getString("conclusion"),
                    row.getBoolean("mdt_needed")),
                row.getString("reported_by"),
                row.getObject("reported_at", OffsetDateTime.class).toInstant()),
        referralId);
  }

  /** When the latest characterisation report of the referral was recorded, if any. */
  public Optional<Instant> latestReportedAt(UUID referralId) {
    return Optional.ofNullable(
            jdbc.queryForObject(
                "select max(reported_at) from characterisation_report where referral_id = ?",
                OffsetDateTime.class,
                referralId))
        .map(OffsetDateTime::toInstant);
  }
}

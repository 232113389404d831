package fr.sarcoma.referral.mdt;

import fr.sarcoma.referral.mdt.PathologyDiagnosis.Category;
import fr.sarcoma.referral.platform.web.RuleViolationException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * M6: the expert pathology diagnoses of a referral ({@code pathology_diagnosis}), one per completed review, only
 * ever inserted. The proposal round of the MDT and the diagnosis letter read the newest one.
 */
@Service
public class PathologyDiagnoses {

  /** The diagnosis as the pathologist entered it, checked here (the server is the guard). */
  public record DiagnosisInput(
      String category, String histologicalType, Integer fnclccGrade, String review) {}

  private final JdbcTemplate jdbc;
  private final Clock clock;

  PathologyDiagnoses(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /**
   * Records the diagnosis of one review task, once (a retried completion does not write a second row). A sarcoma
   * needs its histological type and FNCLCC grade (1 to 3); any other category keeps neither.
   */
  public PathologyDiagnosis record(
      UUID referralId, String taskId, DiagnosisInput input, String reviewedBy) {
    Category category = category(input.category());
    String type = blankToNull(input.histologicalType());
    Integer grade = input.fnclccGrade();
    if (category == Category.SARCOMA) {
      if (type == null) {
        throw RuleViolationException.of(
            "histologicalType", "M6 : le type histologique du sarcome est obligatoire.");
      }
      if (type.length() > 500) {
        throw RuleViolationException.of(
            "histologicalType", "Le type histologique ne peut dépasser 500 caractères.");
      }
      if (grade == null || grade < 1 || grade > 3) {
        throw RuleViolationException.of(
            "fnclccGrade", "M6 : le grade FNCLCC du sarcome (1, 2 ou 3) est obligatoire.");
      }
    } else {
      type = null;
      grade = null;
    }
    String review = blankToNull(input.review());
    if (review == null) {
      throw RuleViolationException.of(
          "pathologyReview", "Le compte rendu de la relecture est obligatoire.");
    }
    Instant now = clock.instant();
    PathologyDiagnosis diagnosis =
        new PathologyDiagnosis(
            UUID.randomUUID(), referralId, category, type, grade, review, reviewedBy, now);
    jdbc.update(
        """
        insert into pathology_diagnosis (id, referral_id, task_id, category, histological_type, fnclcc_grade,
                                         review, reviewed_by, reviewed_at)
        select ?, ?, ?, ?, ?, ?, ?, ?, ?
        where not exists (select 1 from pathology_diagnosis where task_id = ?)
        """,
        diagnosis.id(),
        referralId,
        taskId,
        category.name(),
        type,
        grade,
        review,
        reviewedBy,
        Timestamp.from(now),
        taskId);
    return latest(referralId).orElse(diagnosis);
  }

  /** The newest diagnosis of the referral: the one its proposal round discusses. */
  public Optional<PathologyDiagnosis> latest(UUID referralId) {
    return jdbc
        .query(
            """
            select id, referral_id, category, histological_type, fnclcc_grade, review, reviewed_by, reviewed_at
            from pathology_diagnosis where referral_id = ? order by reviewed_at desc, id desc
            """,
            (row, number) ->
                new PathologyDiagnosis(
                    row.getObject("id", UUID.class),
                    row.getObject("referral_id", UUID.class),
                    Category.valueOf(row.getString("category")),
                    row.getString("histological_type"),
                    (Integer) row.getObject("fnclcc_grade", Integer.class),
                    row.getString("review"),
                    row.getString("reviewed_by"),
                    row.getTimestamp("reviewed_at").toInstant()),
            referralId)
        .stream()
        .findFirst();
  }

  private static Category category(String code) {
    return Arrays.stream(Category.values())
        .filter(category -> category.name().equals(code))
        .findFirst()
        .orElseThrow(
            () ->
                RuleViolationException.of(
                    "pathologyDiagnosis",
                    "M6 : le diagnostic (bénin, sarcome, autre tumeur maligne ou non contributif) est obligatoire."));
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.strip();
  }
}

package fr.sarcoma.referral.mdt;

import fr.sarcoma.referral.platform.web.RuleViolationException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Service;

/**
 * Registration for the sarcoma MDT (M1), its decisions (M2–M4) and the surgeon's agreed biopsy approach (M5, S3c).
 *
 * <p>Decisions are immutable (M4): this class only ever inserts into {@code mdt_decision}. A correction is a new
 * version that supersedes the previous one; the version that counts is the newest version of the newest decision.
 */
@Service
public class MdtService {

  public record DecisionInput(
      List<String> specialties,
      String attendees,
      String outcome,
      String biopsyTechnique,
      String biopsyTargetZone,
      String biopsyCentre,
      String rationale) {}

  /** The surgeon's answers; {@code deviationReason} is required when the technique differs from the MDT's (M4). */
  public record ApproachInput(
      boolean operatingSurgeon, String approach, String technique, String deviationReason) {

    public ApproachInput(boolean operatingSurgeon, String approach, String technique) {
      this(operatingSurgeon, approach, technique, null);
    }
  }

  private static final RowMapper<MdtDecision> DECISIONS =
      (rs, row) ->
          new MdtDecision(
              rs.getObject("id", UUID.class),
              rs.getObject("referral_id", UUID.class),
              rs.getString("outcome"),
              rs.getString("biopsy_technique"),
              rs.getString("biopsy_target_zone"),
              rs.getString("biopsy_centre"),
              rs.getString("rationale"),
              rs.getString("attendees"),
              Arrays.asList(rs.getString("specialties").split(",")),
              rs.getString("decided_by"),
              instant(rs, "decided_at"),
              rs.getInt("version"),
              rs.getObject("supersedes_id", UUID.class),
              rs.getString("correction_reason"),
              rs.getString("recorded_by"),
              instant(rs, "recorded_at"));

  /** The versions nobody superseded: one per decision (per MDT round). */
  private static final String CURRENT_VERSIONS =
      """
      select * from mdt_decision d
      where d.referral_id = ? and not exists (select 1 from mdt_decision s where s.supersedes_id = d.id)
      """;

  private final JdbcTemplate jdbc;
  private final QuorumRule quorum;
  private final Clock clock;
  private final MessageSource labels;
  private final ApplicationEventPublisher events;

  MdtService(
      JdbcTemplate jdbc,
      QuorumRule quorum,
      Clock clock,
      MessageSource labels,
      ApplicationEventPublisher events) {
    this.jdbc = jdbc;
    this.quorum = quorum;
    this.clock = clock;
    this.labels = labels;
    this.events = events;
  }

  /** M2–M4: refused without quorum; otherwise recorded once per task (version 1), never overwritten. */
  public MdtDecision recordDecision(
      UUID referralId, String taskId, DecisionInput input, String decidedBy) {
    Set<String> present = checkQuorum(input);
    Optional<MdtDecision> existing =
        jdbc.query("select * from mdt_decision where task_id = ?", DECISIONS, taskId).stream()
            .findFirst();
    if (existing.isPresent()) {
      return existing.get();
    }
    UUID id = UUID.randomUUID();
    Timestamp now = Timestamp.from(clock.instant());
    jdbc.update(
        """
        insert into mdt_decision (id, referral_id, task_id, outcome, biopsy_technique, biopsy_target_zone, biopsy_centre,
          rationale, attendees, specialties, decided_by, decided_at, version, supersedes_id, correction_reason,
          recorded_by, recorded_at)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, null, null, ?, ?)
        """,
        id,
        referralId,
        taskId,
        input.outcome(),
        input.biopsyTechnique(),
        input.biopsyTargetZone(),
        input.biopsyCentre(),
        input.rationale(),
        input.attendees(),
        String.join(",", present),
        decidedBy,
        now,
        decidedBy,
        now);
    events.publishEvent(new MdtDecisionRecorded(id, referralId, 1, decidedBy));
    return decision(id).orElseThrow();
  }

  /**
   * M4: corrects a decision by recording a new version that supersedes it and keeps it. Only the current version
   * of a decision can be corrected ({@link MdtDecisionSupersededException} otherwise, also when another
   * correction of it won a race); the quorum (M2) is checked as for the original. Does not move the process.
   */
  public MdtDecision correctDecision(
      UUID decisionId, DecisionInput input, String correctionReason, String correctedBy) {
    MdtDecision previous =
        decision(decisionId).orElseThrow(() -> new MdtDecisionNotFoundException(decisionId));
    if (correctionReason == null || correctionReason.isBlank()) {
      throw new IllegalArgumentException("M4 : le motif de la correction est obligatoire.");
    }
    supersederOf(decisionId)
        .ifPresent(
            newer -> {
              throw new MdtDecisionSupersededException(decisionId, newer);
            });
    Set<String> present = checkQuorum(input);
    UUID id = UUID.randomUUID();
    try {
      jdbc.update(
          """
          insert into mdt_decision (id, referral_id, task_id, outcome, biopsy_technique, biopsy_target_zone,
            biopsy_centre, rationale, attendees, specialties, decided_by, decided_at, version, supersedes_id,
            correction_reason, recorded_by, recorded_at)
          values (?, ?, null, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
          """,
          id,
          previous.referralId(),
          input.outcome(),
          input.biopsyTechnique(),
          input.biopsyTargetZone(),
          input.biopsyCentre(),
          input.rationale(),
          input.attendees(),
          String.join(",", present),
          previous.decidedBy(),
          Timestamp.from(previous.decidedAt()),
          previous.version() + 1,
          previous.id(),
          correctionReason.strip(),
          correctedBy,
          Timestamp.from(clock.instant()));
    } catch (DuplicateKeyException concurrentCorrection) {
      throw new MdtDecisionSupersededException(decisionId, supersederOf(decisionId).orElse(null));
    }
    events.publishEvent(
        new MdtDecisionRecorded(id, previous.referralId(), previous.version() + 1, correctedBy));
    return decision(id).orElseThrow();
  }

  /** One version of a decision, by its id. */
  public Optional<MdtDecision> decision(UUID decisionId) {
    return jdbc.query("select * from mdt_decision where id = ?", DECISIONS, decisionId).stream()
        .findFirst();
  }

  /** The version that superseded this one, if any. */
  public Optional<UUID> supersederOf(UUID decisionId) {
    return jdbc
        .queryForList("select id from mdt_decision where supersedes_id = ?", UUID.class, decisionId)
        .stream()
        .findFirst();
  }

  /**
   * The decision that counts: the newest version of the newest decision. "Newest decision" is the latest MDT
   * round (its {@code decided_at}, carried over to its corrections), so a late correction of an earlier round
   * never displaces a later round's decision.
   */
  public Optional<MdtDecision> latestDecision(UUID referralId) {
    return jdbc
        .query(CURRENT_VERSIONS + " order by d.decided_at desc, d.id desc", DECISIONS, referralId)
        .stream()
        .findFirst();
  }

  /** Every version of every decision of the referral: newest round first, newest version first within it. */
  public List<MdtDecision> decisionHistory(UUID referralId) {
    return jdbc.query(
        "select * from mdt_decision where referral_id = ? order by decided_at desc, version desc",
        DECISIONS,
        referralId);
  }

  /**
   * S3c: the operating surgeon's approach, for the MDT's latest decision, which must be a biopsy.
   * Refused when the surgeon does not state that they will operate, and (M4) when their technique differs from
   * the MDT's without a reason.
   */
  public void recordApproach(
      UUID referralId, String taskId, ApproachInput input, String surgeonId) {
    if (!input.operatingSurgeon()) {
      throw RuleViolationException.of(
          "operatingSurgeon",
          "S3 : la voie d'abord doit être validée par le chirurgien qui opérera le patient.");
    }
    MdtDecision decision =
        latestDecision(referralId)
            .filter(MdtDecision::isBiopsy)
            .orElseThrow(
                () ->
                    new RuleViolationException(
                        "S3 : aucune décision de biopsie de la RCP pour ce dossier.", List.of()));
    if (jdbc.queryForObject(
            "select count(*) from biopsy_approach where task_id = ?", Integer.class, taskId)
        > 0) {
      return;
    }
    String deviationReason =
        input.deviationReason() == null || input.deviationReason().isBlank()
            ? null
            : input.deviationReason().strip();
    if (differs(decision.biopsyTechnique(), input.technique()) && deviationReason == null) {
      throw RuleViolationException.of(
          "deviationReason",
          "M4 : la technique retenue ("
              + label(input.technique())
              + ") diffère de celle décidée en RCP ("
              + label(decision.biopsyTechnique())
              + ") : indiquez le motif de l'écart.");
    }
    jdbc.update(
        """
        insert into biopsy_approach (id, referral_id, mdt_decision_id, task_id, surgeon_id, operating_surgeon, approach,
          technique, deviation_reason, agreed_at)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """,
        UUID.randomUUID(),
        referralId,
        decision.id(),
        taskId,
        surgeonId,
        true,
        input.approach(),
        input.technique(),
        deviationReason,
        Timestamp.from(clock.instant()));
  }

  /** S3c: the approach the operating surgeon agreed for this decision (this version of it), if any. */
  public Optional<AgreedApproach> agreedApproach(UUID decisionId) {
    return jdbc
        .query(
            """
        select surgeon_id, approach, technique, deviation_reason from biopsy_approach
        where mdt_decision_id = ? and operating_surgeon = true order by agreed_at desc
        """,
            (rs, row) ->
                new AgreedApproach(
                    rs.getString("surgeon_id"),
                    rs.getString("approach"),
                    rs.getString("technique"),
                    rs.getString("deviation_reason")),
            decisionId)
        .stream()
        .findFirst();
  }

  /** {@code deviationReason}: why the technique differs from the MDT's decision (M4), or null. */
  public record AgreedApproach(
      String surgeonId, String approach, String technique, String deviationReason) {

    public AgreedApproach(String surgeonId, String approach, String technique) {
      this(surgeonId, approach, technique, null);
    }
  }

  /**
   * S3c: whether the operating surgeon agreed an approach for this decision. The approach belongs to the version
   * it was agreed for: after a correction, the surgeon agrees again for the new version.
   */
  public boolean approachAgreedFor(UUID decisionId) {
    return jdbc.queryForObject(
            "select count(*) from biopsy_approach where mdt_decision_id = ? and operating_surgeon = true",
            Integer.class,
            decisionId)
        > 0;
  }

  private Set<String> checkQuorum(DecisionInput input) {
    Set<String> present =
        new LinkedHashSet<>(input.specialties() == null ? List.of() : input.specialties());
    List<String> shortfall = quorum.shortfall(present);
    if (!shortfall.isEmpty()) {
      throw new QuorumNotMetException(shortfall);
    }
    return present;
  }

  private static boolean differs(String decided, String agreed) {
    return decided != null && agreed != null && !decided.equals(agreed);
  }

  /** The technique's French label (biopsyTechnique.* in messages_fr.properties); an unknown code as is. */
  private String label(String technique) {
    return labels.getMessage("biopsyTechnique." + technique, null, technique, Locale.FRENCH);
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }
}

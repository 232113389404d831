package fr.sarcoma.referral.mdt;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Service;

/** Registration for the sarcoma MDT (M1), its decisions (M2–M4) and the surgeon's agreed biopsy approach (M5, S3c). */
@Service
public class MdtService {

  public record DecisionInput(List<String> specialties, String attendees, String outcome, String biopsyTechnique,
      String biopsyTargetZone, String biopsyCentre, String rationale) {
  }

  public record ApproachInput(boolean operatingSurgeon, String approach, String technique) {
  }

  private static final RowMapper<MdtDecision> DECISIONS = (rs, row) -> new MdtDecision(
      rs.getObject("id", UUID.class), rs.getObject("referral_id", UUID.class), rs.getString("outcome"),
      rs.getString("biopsy_technique"), rs.getString("biopsy_target_zone"), rs.getString("biopsy_centre"),
      rs.getString("rationale"), rs.getString("attendees"), Arrays.asList(rs.getString("specialties").split(",")),
      rs.getString("decided_by"), rs.getObject("decided_at", OffsetDateTime.class).toInstant());

  private final JdbcTemplate jdbc;
  private final MdtSchedule schedule;
  private final QuorumRule quorum;
  private final Clock clock;

  MdtService(JdbcTemplate jdbc, MdtSchedule schedule, QuorumRule quorum, Clock clock) {
    this.jdbc = jdbc;
    this.schedule = schedule;
    this.quorum = quorum;
    this.clock = clock;
  }

  /** M1: puts the case on the next session whose cutoff has not passed; returns when it opens. */
  public Instant register(UUID referralId) {
    Instant now = clock.instant();
    Instant session = schedule.nextSessionOpenAt(now);
    jdbc.update("insert into mdt_registration (id, referral_id, session_at, registered_at) values (?, ?, ?, ?)",
        UUID.randomUUID(), referralId, Timestamp.from(session), Timestamp.from(now));
    return session;
  }

  /** M2–M4: refused without quorum; otherwise recorded once per task, never overwritten. */
  public MdtDecision recordDecision(UUID referralId, String taskId, DecisionInput input, String decidedBy) {
    Set<String> present = new LinkedHashSet<>(input.specialties());
    List<String> shortfall = quorum.shortfall(present);
    if (!shortfall.isEmpty()) {
      throw new QuorumNotMetException(shortfall);
    }
    Optional<MdtDecision> existing = jdbc.query("select * from mdt_decision where task_id = ?", DECISIONS, taskId)
        .stream().findFirst();
    if (existing.isPresent()) {
      return existing.get();
    }
    UUID id = UUID.randomUUID();
    jdbc.update("""
        insert into mdt_decision (id, referral_id, task_id, outcome, biopsy_technique, biopsy_target_zone, biopsy_centre,
          rationale, attendees, specialties, decided_by, decided_at)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """, id, referralId, taskId, input.outcome(), input.biopsyTechnique(), input.biopsyTargetZone(),
        input.biopsyCentre(), input.rationale(), input.attendees(), String.join(",", present), decidedBy,
        Timestamp.from(clock.instant()));
    return latestDecision(referralId).orElseThrow();
  }

  public Optional<MdtDecision> latestDecision(UUID referralId) {
    return jdbc.query("select * from mdt_decision where referral_id = ? order by decided_at desc, id desc",
        DECISIONS, referralId).stream().findFirst();
  }

  /**
   * S3c: the operating surgeon's approach, for the MDT's latest decision, which must be a biopsy.
   * Refused when the surgeon does not state that they will operate.
   */
  public void recordApproach(UUID referralId, String taskId, ApproachInput input, String surgeonId) {
    if (!input.operatingSurgeon()) {
      throw new IllegalArgumentException(
          "S3 : la voie d'abord doit être validée par le chirurgien qui opérera le patient.");
    }
    MdtDecision decision = latestDecision(referralId).filter(MdtDecision::isBiopsy).orElseThrow(
        () -> new IllegalStateException("S3 : aucune décision de biopsie de la RCP pour ce dossier."));
    if (jdbc.queryForObject("select count(*) from biopsy_approach where task_id = ?", Integer.class, taskId) > 0) {
      return;
    }
    jdbc.update("""
        insert into biopsy_approach (id, referral_id, mdt_decision_id, task_id, surgeon_id, operating_surgeon, approach,
          technique, agreed_at)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?)
        """, UUID.randomUUID(), referralId, decision.id(), taskId, surgeonId, true, input.approach(), input.technique(),
        Timestamp.from(clock.instant()));
  }

  /** S3c: the approach the operating surgeon agreed for this decision, if any. */
  public Optional<AgreedApproach> agreedApproach(UUID decisionId) {
    return jdbc.query("""
        select surgeon_id, approach, technique from biopsy_approach
        where mdt_decision_id = ? and operating_surgeon = true order by agreed_at desc
        """, (rs, row) -> new AgreedApproach(rs.getString("surgeon_id"), rs.getString("approach"),
        rs.getString("technique")), decisionId).stream().findFirst();
  }

  public record AgreedApproach(String surgeonId, String approach, String technique) {
  }

  /** S3c: whether the operating surgeon agreed an approach for this decision. */
  public boolean approachAgreedFor(UUID decisionId) {
    return jdbc.queryForObject(
        "select count(*) from biopsy_approach where mdt_decision_id = ? and operating_surgeon = true",
        Integer.class, decisionId) > 0;
  }
}

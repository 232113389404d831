package fr.sarcoma.referral.mdt;

import fr.sarcoma.referral.platform.NetworkMembers.Member;
import fr.sarcoma.referral.platform.web.RuleViolationException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
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

  /** The field (the form's key, the API's name) of the participants chosen by name (M2, fiche RCP). */
  public static final String PARTICIPANTS = "participants";

  /**
   * A decision as the chair records it: the participants (user ids from the network's identity store), the
   * decision (M3, M4) and the rest of the fiche RCP. The question and the clinical summary are not input: they are
   * read from our records.
   */
  public record DecisionInput(
      List<String> participants,
      String outcome,
      String biopsyTechnique,
      String biopsyTargetZone,
      String biopsyCentre,
      String rationale,
      String guideline,
      Boolean guidelineConform,
      String nonConformityReason,
      Boolean clinicalTrialConsidered,
      String clinicalTrialDetail,
      String patientInformedBy) {}

  /** The surgeon's answers; {@code deviationReason} is required when the technique differs from the MDT's (M4). */
  public record ApproachInput(
      boolean operatingSurgeon, String approach, String technique, String deviationReason) {

    public ApproachInput(boolean operatingSurgeon, String approach, String technique) {
      this(operatingSurgeon, approach, technique, null);
    }
  }

  private final RowMapper<MdtDecision> decisions =
      (rs, row) -> {
        UUID id = rs.getObject("id", UUID.class);
        return new MdtDecision(
            id,
            rs.getObject("referral_id", UUID.class),
            rs.getString("outcome"),
            rs.getString("biopsy_technique"),
            rs.getString("biopsy_target_zone"),
            rs.getString("biopsy_centre"),
            rs.getString("rationale"),
            rs.getString("attendees"),
            rs.getString("specialties").isEmpty()
                ? List.of()
                : Arrays.asList(rs.getString("specialties").split(",")),
            rs.getString("decided_by"),
            instant(rs, "decided_at"),
            rs.getInt("version"),
            rs.getObject("supersedes_id", UUID.class),
            rs.getString("correction_reason"),
            rs.getString("recorded_by"),
            instant(rs, "recorded_at"),
            participantsOf(id),
            new MdtRecordSheet(
                rs.getString("question"),
                rs.getString("clinical_summary"),
                rs.getString("guideline"),
                (Boolean) rs.getObject("guideline_conform"),
                rs.getString("non_conformity_reason"),
                (Boolean) rs.getObject("clinical_trial_considered"),
                rs.getString("clinical_trial_detail"),
                rs.getString("patient_informed_by"),
                rs.getString("chair_name")));
      };

  /** The versions nobody superseded: one per decision (per MDT round). */
  private static final String CURRENT_VERSIONS =
      """
      select * from mdt_decision d
      where d.referral_id = ? and not exists (select 1 from mdt_decision s where s.supersedes_id = d.id)
      """;

  private final JdbcTemplate jdbc;
  private final MdtRecordRules rules;
  private final MdtSessions sessions;

  /**
   * Looked up when a decision is recorded: the summary reads the orders, whose service asks the biopsy gate, which
   * reads this service's decisions (a cycle at construction, none at use).
   */
  private final ObjectProvider<MdtClinicalSummary> summaries;

  private final Clock clock;
  private final MessageSource labels;
  private final ApplicationEventPublisher events;

  MdtService(
      JdbcTemplate jdbc,
      MdtRecordRules rules,
      MdtSessions sessions,
      ObjectProvider<MdtClinicalSummary> summaries,
      Clock clock,
      MessageSource labels,
      ApplicationEventPublisher events) {
    this.jdbc = jdbc;
    this.rules = rules;
    this.sessions = sessions;
    this.summaries = summaries;
    this.clock = clock;
    this.labels = labels;
    this.events = events;
  }

  /**
   * M2–M4 and the fiche RCP: refused without quorum among the named participants or with the record incomplete;
   * otherwise recorded once per task (version 1), never overwritten. The chair ({@code decidedBy}) validates the
   * record and is one of its participants; the question and the clinical summary are read from our records.
   */
  public MdtDecision recordDecision(
      UUID referralId, String taskId, DecisionInput input, String decidedBy) {
    Optional<MdtDecision> existing =
        jdbc.query("select * from mdt_decision where task_id = ?", decisions, taskId).stream()
            .findFirst();
    if (existing.isPresent()) {
      return existing.get();
    }
    Member chair = rules.chair(decidedBy);
    List<MdtDecision.Participant> participants = rules.participants(input, chair);
    MdtRecordRules.checkRecord(input);
    UUID id = UUID.randomUUID();
    Timestamp now = Timestamp.from(clock.instant());
    insert(
        id,
        referralId,
        taskId,
        input,
        participants,
        new ReadFromRecords(
            sessions.currentQuestion(referralId).orElse(null),
            summaries.getObject().of(referralId),
            chair.displayName()),
        decidedBy,
        now,
        1,
        null,
        null,
        decidedBy,
        now);
    events.publishEvent(new MdtDecisionRecorded(id, referralId, 1, decidedBy));
    return decision(id).orElseThrow();
  }

  /**
   * M4: corrects a decision by recording a new version that supersedes it and keeps it. Only the current version
   * of a decision can be corrected ({@link MdtDecisionSupersededException} otherwise, also when another
   * correction of it won a race); the quorum (M2) and the fiche RCP are checked as for the original, whose question
   * and clinical summary the new version keeps; whoever corrects validates the new version. Does not move the
   * process.
   */
  public MdtDecision correctDecision(
      UUID decisionId, DecisionInput input, String correctionReason, String correctedBy) {
    MdtDecision previous =
        decision(decisionId).orElseThrow(() -> new MdtDecisionNotFoundException(decisionId));
    if (correctionReason == null || correctionReason.isBlank()) {
      throw RuleViolationException.of(
          "correctionReason", "M4 : le motif de la correction est obligatoire.");
    }
    supersederOf(decisionId)
        .ifPresent(
            newer -> {
              throw new MdtDecisionSupersededException(decisionId, newer);
            });
    Member validator = rules.chair(correctedBy);
    List<MdtDecision.Participant> participants = rules.participants(input, null);
    MdtRecordRules.checkRecord(input);
    UUID id = UUID.randomUUID();
    try {
      insert(
          id,
          previous.referralId(),
          null,
          input,
          participants,
          new ReadFromRecords(
              previous.sheet().question(),
              previous.sheet().clinicalSummary(),
              validator.displayName()),
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

  /** The fiche RCP's items that are not the chair's answers: read from our records and the identity store. */
  private record ReadFromRecords(String question, String clinicalSummary, String chairName) {}

  /**
   * One version: the decision with its fiche RCP (the chair's answers from {@code input}, the rest {@code read})
   * and its named participants.
   */
  private void insert(
      UUID id,
      UUID referralId,
      String taskId,
      DecisionInput input,
      List<MdtDecision.Participant> participants,
      ReadFromRecords read,
      String decidedBy,
      Timestamp decidedAt,
      int version,
      UUID supersedesId,
      String correctionReason,
      String recordedBy,
      Timestamp recordedAt) {
    jdbc.update(
        """
        insert into mdt_decision (id, referral_id, task_id, outcome, biopsy_technique, biopsy_target_zone,
          biopsy_centre, rationale, attendees, specialties, decided_by, decided_at, version, supersedes_id,
          correction_reason, recorded_by, recorded_at, question, clinical_summary, guideline, guideline_conform,
          non_conformity_reason, clinical_trial_considered, clinical_trial_detail, patient_informed_by, chair_name)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """,
        id,
        referralId,
        taskId,
        input.outcome(),
        input.biopsyTechnique(),
        input.biopsyTargetZone(),
        input.biopsyCentre(),
        input.rationale(),
        rules.attendees(participants),
        String.join(",", MdtRecordRules.specialties(participants)),
        decidedBy,
        decidedAt,
        version,
        supersedesId,
        correctionReason,
        recordedBy,
        recordedAt,
        read.question(),
        read.clinicalSummary(),
        input.guideline().strip(),
        input.guidelineConform(),
        blankToNull(input.nonConformityReason()),
        input.clinicalTrialConsidered(),
        blankToNull(input.clinicalTrialDetail()),
        input.patientInformedBy().strip(),
        read.chairName());
    for (int position = 0; position < participants.size(); position++) {
      MdtDecision.Participant participant = participants.get(position);
      jdbc.update(
          """
          insert into mdt_participant (decision_id, position, user_id, display_name, specialty)
          values (?, ?, ?, ?, ?)
          """,
          id,
          position,
          participant.userId(),
          participant.name(),
          participant.specialty());
    }
  }

  /** One version of a decision, by its id. */
  public Optional<MdtDecision> decision(UUID decisionId) {
    return jdbc.query("select * from mdt_decision where id = ?", decisions, decisionId).stream()
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
        .query(CURRENT_VERSIONS + " order by d.decided_at desc, d.id desc", decisions, referralId)
        .stream()
        .findFirst();
  }

  /** Every version of every decision of the referral: newest round first, newest version first within it. */
  public List<MdtDecision> decisionHistory(UUID referralId) {
    return jdbc.query(
        "select * from mdt_decision where referral_id = ? order by decided_at desc, version desc",
        decisions,
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

  private List<MdtDecision.Participant> participantsOf(UUID decisionId) {
    return jdbc.query(
        "select user_id, display_name, specialty from mdt_participant where decision_id = ? order by position",
        (rs, row) ->
            new MdtDecision.Participant(
                rs.getString("user_id"), rs.getString("display_name"), rs.getString("specialty")),
        decisionId);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
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

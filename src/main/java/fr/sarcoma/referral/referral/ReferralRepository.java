package fr.sarcoma.referral.referral;

import fr.sarcoma.referral.platform.PersonNames;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

@Repository
class ReferralRepository {

  record StoredReferral(
      UUID id,
      String businessKey,
      String processInstanceId,
      String patientIdentifier,
      String patientDisplayName,
      String birthDate,
      String sex,
      String referringPhysician,
      String presentation,
      String site,
      String anatomicalLocation,
      Double largestDimensionCm,
      String depth,
      String priorProcedure,
      String urgency,
      Boolean imagingBeforeAnyProcedure,
      String outOfScopeReason,
      Boolean priorProcedureReview,
      Instant createdAt,
      Instant closedAt,
      String outcome) {}

  private static final RowMapper<StoredReferral> ROWS =
      (rs, row) ->
          new StoredReferral(
              rs.getObject("id", UUID.class),
              rs.getString("business_key"),
              rs.getString("process_instance_id"),
              rs.getString("identifier"),
              rs.getString("display_name"),
              rs.getString("birth_date"),
              rs.getString("sex"),
              rs.getString("referring_physician"),
              rs.getString("presentation"),
              rs.getString("site"),
              rs.getString("anatomical_location"),
              rs.getBigDecimal("largest_dimension_cm") == null
                  ? null
                  : rs.getBigDecimal("largest_dimension_cm").doubleValue(),
              rs.getString("depth"),
              rs.getString("prior_procedure"),
              rs.getString("urgency"),
              (Boolean) rs.getObject("imaging_before_any_procedure"),
              rs.getString("out_of_scope_reason"),
              (Boolean) rs.getObject("prior_procedure_review"),
              instant(rs.getObject("created_at", OffsetDateTime.class)),
              instant(rs.getObject("closed_at", OffsetDateTime.class)),
              rs.getString("outcome"));

  private static final String SELECT =
      """
      select r.*, p.identifier, p.display_name, p.birth_date, p.sex
      from referral r join patient p on p.id = r.patient_id
      """;

  private final JdbcTemplate jdbc;

  ReferralRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  UUID upsertPatient(ReferralRequest request, Instant now) {
    List<UUID> existing =
        jdbc.queryForList(
            "select id from patient where identifier = ?", UUID.class, request.patientIdentifier());
    if (!existing.isEmpty()) {
      return existing.get(0);
    }
    UUID id = UUID.randomUUID();
    jdbc.update(
        "insert into patient (id, identifier, display_name, birth_date, sex, created_at, name_key) values (?, ?, ?, ?, ?, ?, ?)",
        id,
        request.patientIdentifier(),
        request.patientDisplayName(),
        request.birthDate(),
        request.sex(),
        Timestamp.from(now),
        PersonNames.key(request.patientDisplayName()));
    // The words the search finds the patient by (PatientRegistry.search).
    jdbc.batchUpdate(
        "insert into patient_name_word (patient_id, word) values (?, ?)",
        PersonNames.searchWords(request.patientDisplayName()).stream()
            .map(word -> new Object[] {id, word})
            .toList());
    return id;
  }

  void insert(UUID id, String businessKey, UUID patientId, ReferralRequest request, Instant now) {
    jdbc.update(
        """
        insert into referral (id, business_key, client_request_id, patient_id, referring_physician, presentation, site,
          anatomical_location, largest_dimension_cm, depth, prior_procedure, notes, created_at,
          referring_physician_address, referring_physician_email, general_practitioner,
          general_practitioner_address, general_practitioner_email)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """,
        id,
        businessKey,
        request.clientRequestId(),
        patientId,
        request.referringPhysician(),
        request.presentation(),
        request.site(),
        request.anatomicalLocation(),
        request.largestDimensionCm(),
        request.depth(),
        request.priorProcedure(),
        request.notes(),
        Timestamp.from(now),
        blankToNull(request.referringPhysicianAddress()),
        blankToNull(request.referringPhysicianEmail()),
        blankToNull(request.generalPractitioner()),
        blankToNull(request.generalPractitionerAddress()),
        blankToNull(request.generalPractitionerEmail()));
  }

  /** Whom the referral's letters go to, as the intake recorded them. */
  Optional<ReferralService.Correspondents> correspondents(UUID id) {
    return jdbc
        .query(
            """
            select referring_physician, referring_physician_address, referring_physician_email,
              general_practitioner, general_practitioner_address, general_practitioner_email
            from referral where id = ?
            """,
            (rs, row) -> {
              String gp = rs.getString("general_practitioner");
              return new ReferralService.Correspondents(
                  new ReferralService.Correspondent(
                      rs.getString("referring_physician"),
                      rs.getString("referring_physician_address"),
                      rs.getString("referring_physician_email")),
                  gp == null
                      ? Optional.empty()
                      : Optional.of(
                          new ReferralService.Correspondent(
                              gp,
                              rs.getString("general_practitioner_address"),
                              rs.getString("general_practitioner_email"))));
            },
            id)
        .stream()
        .findFirst();
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  void attachProcess(UUID id, String processInstanceId) {
    jdbc.update("update referral set process_instance_id = ? where id = ?", processInstanceId, id);
  }

  void recordTriage(UUID id, ReferralService.Triage triage) {
    jdbc.update(
        """
        update referral set urgency = ?, imaging_before_any_procedure = ?, out_of_scope_reason = ?,
          prior_procedure_review = ?
        where id = ?
        """,
        triage.urgency(),
        triage.imagingBeforeAnyProcedure(),
        triage.outOfScopeReason(),
        triage.priorProcedureReview(),
        id);
  }

  /** Closes an open referral; false when it was closed already. */
  boolean close(UUID id, String outcome, Instant now) {
    return jdbc.update(
            "update referral set outcome = ?, closed_at = ? where id = ? and closed_at is null",
            outcome,
            Timestamp.from(now),
            id)
        == 1;
  }

  Optional<StoredReferral> find(UUID id) {
    return jdbc.query(SELECT + " where r.id = ?", ROWS, id).stream().findFirst();
  }

  Optional<StoredReferral> findByClientRequestId(String clientRequestId) {
    return jdbc.query(SELECT + " where r.client_request_id = ?", ROWS, clientRequestId).stream()
        .findFirst();
  }

  private static Instant instant(OffsetDateTime time) {
    return time == null ? null : time.toInstant();
  }
}

package fr.sarcoma.referral.referral;

import fr.sarcoma.referral.platform.NetworkCalendar;
import fr.sarcoma.referral.platform.PersonNames;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

/**
 * Patients as the network knows them, across their referrals: finding a patient's referrals (by name,
 * IPP, birth date or referral number) and the warnings of the intake when the patient looks already
 * known (the same IPP, or the same name and birth date under another IPP). Public for the dossier
 * module, through which every clinician's read of a patient's identity goes; the intake API uses the
 * warnings directly, for its own request.
 */
@Component
public class PatientRegistry {

  /**
   * What to look for; each given part must match. {@code text}: an IPP (exactly, as typed or in capitals)
   * or words of the name (each the beginning of a word of the name, whatever the case and the accents).
   */
  public record Criteria(String text, LocalDate birthDate, String businessKey) {}

  /** One referral found, newest first; {@code stage}: see {@link Stage}. */
  public record ReferralMatch(
      UUID referralId,
      String businessKey,
      String patientIdentifier,
      String patientDisplayName,
      LocalDate birthDate,
      String sex,
      String site,
      String urgency,
      String stage,
      String outcome,
      Instant receivedAt,
      Instant closedAt) {

    public boolean open() {
      return closedAt == null;
    }
  }

  /** At most the number asked for; {@code truncated}: more referrals matched. */
  public record Found(List<ReferralMatch> matches, boolean truncated) {}

  /** An earlier referral the intake warns of. */
  public record KnownReferral(
      UUID referralId,
      String businessKey,
      String patientIdentifier,
      boolean open,
      Instant receivedAt) {}

  /**
   * A warning of the intake, in French, with the referrals and IPPs it is about. The referral is registered
   * all the same: the coordinator checks the identity.
   */
  public record IntakeWarning(
      String code,
      String message,
      List<String> patientIdentifiers,
      List<KnownReferral> referrals) {}

  /** The IPP has referrals already: the same patient, referred again (or the same referral twice). */
  public static final String KNOWN_PATIENT = "KNOWN_PATIENT";

  /** The IPP is known under another name or birth date: a mistyped IPP would file the referral under someone else. */
  public static final String IPP_IDENTITY_MISMATCH = "IPP_IDENTITY_MISMATCH";

  /** The same name and birth date under another IPP: probably one person registered twice. */
  public static final String POSSIBLE_DUPLICATE = "POSSIBLE_DUPLICATE";

  private static final DateTimeFormatter FRENCH_DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");

  private static final String MATCH_COLUMNS =
      """
      select r.id, r.business_key, r.site, r.urgency, r.outcome, r.created_at, r.closed_at,
        p.identifier, p.display_name, p.birth_date, p.sex
      from referral r join patient p on p.id = r.patient_id
      """;

  private final JdbcTemplate jdbc;
  private final Milestones milestones;

  PatientRegistry(JdbcTemplate jdbc, Milestones milestones) {
    this.jdbc = jdbc;
    this.milestones = milestones;
  }

  /** The referrals whose patient matches, newest first, at most {@code limit}. */
  public Found search(Criteria criteria, int limit) {
    List<String> conditions = new ArrayList<>();
    List<Object> arguments = new ArrayList<>();
    if (criteria.businessKey() != null) {
      conditions.add("r.business_key = ?");
      arguments.add(criteria.businessKey());
    }
    if (criteria.birthDate() != null) {
      conditions.add("p.birth_date = ?");
      arguments.add(criteria.birthDate());
    }
    if (criteria.text() != null && !criteria.text().isBlank()) {
      String typed = criteria.text().strip();
      List<String> words = PersonNames.words(typed);
      StringBuilder text = new StringBuilder("(p.identifier in (?, ?)");
      arguments.add(typed);
      arguments.add(typed.toUpperCase(Locale.ROOT));
      if (!words.isEmpty()) {
        // Each word the beginning of one of the patient's words: found on the prefix index (V12).
        text.append(" or (")
            .append(
                words.stream()
                    .map(
                        word ->
                            "p.id in (select w.patient_id from patient_name_word w where w.word like ?)")
                    .collect(Collectors.joining(" and ")))
            .append(")");
        words.forEach(word -> arguments.add(word + "%"));
      }
      conditions.add(text.append(")").toString());
    }
    if (conditions.isEmpty()) {
      throw new IllegalArgumentException("A search needs at least one criterion");
    }
    arguments.add(limit + 1);
    List<Row> rows =
        jdbc.query(
            MATCH_COLUMNS
                + " where "
                + String.join(" and ", conditions)
                + " order by r.created_at desc, r.business_key desc limit ?",
            ROWS,
            arguments.toArray());
    List<Row> kept = rows.subList(0, Math.min(limit, rows.size()));
    Map<UUID, List<Milestones.Milestone>> passed =
        milestones.ofReferrals(kept.stream().map(Row::id).toList());
    return new Found(
        kept.stream()
            .map(
                row -> row.match(Stage.of(row.outcome(), passed.getOrDefault(row.id(), List.of()))))
            .toList(),
        rows.size() > limit);
  }

  /**
   * What the intake warns of for this patient: the IPP's referrals ({@link #KNOWN_PATIENT}), the IPP on file
   * under another identity ({@link #IPP_IDENTITY_MISMATCH}), and the same name and birth date under another
   * IPP ({@link #POSSIBLE_DUPLICATE}). {@code excluded}: the referral being registered (null before it is).
   * Each part is checked when its fields are given.
   */
  public List<IntakeWarning> intakeWarnings(
      String patientIdentifier, String displayName, LocalDate birthDate, UUID excluded) {
    List<IntakeWarning> warnings = new ArrayList<>();
    String ipp =
        patientIdentifier == null || patientIdentifier.isBlank() ? null : patientIdentifier.strip();
    String nameKey = displayName == null ? "" : PersonNames.key(displayName);
    if (ipp != null) {
      List<Row> sameIpp =
          withoutExcluded(
              jdbc.query(
                  MATCH_COLUMNS + " where p.identifier = ? order by r.created_at desc", ROWS, ipp),
              excluded);
      if (!sameIpp.isEmpty()) {
        warnings.add(knownPatient(ipp, sameIpp));
        Row onFile = sameIpp.get(0);
        boolean otherName =
            !nameKey.isEmpty() && !nameKey.equals(PersonNames.key(onFile.displayName()));
        boolean otherBirthDate = birthDate != null && !birthDate.equals(onFile.birthDate());
        if (otherName || otherBirthDate) {
          warnings.add(identityMismatch(ipp, onFile, sameIpp));
        }
      }
    }
    if (!nameKey.isEmpty() && birthDate != null) {
      List<Row> sameIdentity =
          withoutExcluded(
              jdbc.query(
                  MATCH_COLUMNS
                      + " where p.birth_date = ? and p.name_key = ?"
                      + (ipp == null ? "" : " and p.identifier <> ?")
                      + " order by r.created_at desc",
                  ROWS,
                  ipp == null
                      ? new Object[] {birthDate, nameKey}
                      : new Object[] {birthDate, nameKey, ipp}),
              excluded);
      if (!sameIdentity.isEmpty()) {
        warnings.add(possibleDuplicate(birthDate, sameIdentity));
      }
    }
    return List.copyOf(warnings);
  }

  private static IntakeWarning knownPatient(String ipp, List<Row> referrals) {
    long open = referrals.stream().filter(row -> row.closedAt() == null).count();
    String message =
        "Patient déjà connu du réseau (IPP "
            + ipp
            + ") : "
            + (referrals.size() == 1
                ? "une demande déjà enregistrée, "
                : referrals.size() + " demandes déjà enregistrées : ")
            + listed(referrals)
            + "."
            + (open == 0
                ? ""
                : open == 1
                    ? " Une demande est encore en cours : vérifiez qu'il ne s'agit pas de la même."
                    : " "
                        + open
                        + " demandes sont encore en cours : vérifiez qu'il ne s'agit pas de la même.");
    return warning(KNOWN_PATIENT, message, referrals);
  }

  private static IntakeWarning identityMismatch(String ipp, Row onFile, List<Row> referrals) {
    String message =
        "Pour l'IPP "
            + ipp
            + ", le réseau connaît « "
            + onFile.displayName()
            + " », né(e) le "
            + onFile.birthDate().format(FRENCH_DATE)
            + ", et non l'identité saisie : vérifiez l'IPP. La demande est rattachée au patient"
            + " déjà connu sous cet IPP.";
    return warning(IPP_IDENTITY_MISMATCH, message, referrals);
  }

  private static IntakeWarning possibleDuplicate(LocalDate birthDate, List<Row> referrals) {
    List<String> ipps = referrals.stream().map(Row::identifier).distinct().toList();
    String message =
        "Un patient de même nom et prénom, né(e) le "
            + birthDate.format(FRENCH_DATE)
            + ", est déjà enregistré sous "
            + (ipps.size() == 1 ? "un autre IPP (" : "d'autres IPP (")
            + String.join(", ", ipps)
            + ") : "
            + listed(referrals)
            + ". S'il s'agit de la même personne, c'est un doublon d'identité : signalez-le à"
            + " l'identitovigilance.";
    return warning(POSSIBLE_DUPLICATE, message, referrals);
  }

  private static IntakeWarning warning(String code, String message, List<Row> referrals) {
    return new IntakeWarning(
        code,
        message,
        referrals.stream().map(Row::identifier).distinct().toList(),
        referrals.stream()
            .map(
                row ->
                    new KnownReferral(
                        row.id(),
                        row.businessKey(),
                        row.identifier(),
                        row.closedAt() == null,
                        row.createdAt()))
            .toList());
  }

  /** "SARC-2026-000012 (en cours, reçue le 03/11/2026), SARC-2025-000410 (close)". */
  private static String listed(List<Row> referrals) {
    return referrals.stream()
        .map(
            row ->
                row.businessKey()
                    + " ("
                    + (row.closedAt() == null ? "en cours" : "close")
                    + ", reçue le "
                    + row.createdAt().atZone(NetworkCalendar.ZONE).format(FRENCH_DATE)
                    + ")")
        .collect(Collectors.joining(", "));
  }

  private static List<Row> withoutExcluded(List<Row> rows, UUID excluded) {
    return rows.stream().filter(row -> !Objects.equals(row.id(), excluded)).toList();
  }

  private record Row(
      UUID id,
      String businessKey,
      String site,
      String urgency,
      String outcome,
      Instant createdAt,
      Instant closedAt,
      String identifier,
      String displayName,
      LocalDate birthDate,
      String sex) {

    ReferralMatch match(String stage) {
      return new ReferralMatch(
          id,
          businessKey,
          identifier,
          displayName,
          birthDate,
          sex,
          site,
          urgency,
          stage,
          outcome,
          createdAt,
          closedAt);
    }
  }

  private static final RowMapper<Row> ROWS =
      (rs, row) ->
          new Row(
              rs.getObject("id", UUID.class),
              rs.getString("business_key"),
              rs.getString("site"),
              rs.getString("urgency"),
              rs.getString("outcome"),
              rs.getObject("created_at", OffsetDateTime.class).toInstant(),
              instant(rs.getObject("closed_at", OffsetDateTime.class)),
              rs.getString("identifier"),
              rs.getString("display_name"),
              rs.getObject("birth_date", LocalDate.class),
              rs.getString("sex"));

  private static Instant instant(OffsetDateTime time) {
    return time == null ? null : time.toInstant();
  }
}

package fr.sarcoma.referral.letter;

import fr.sarcoma.referral.letter.LetterContent.Recipients;
import fr.sarcoma.referral.mdt.MdtDecision;
import fr.sarcoma.referral.mdt.PathologyDiagnosis;
import fr.sarcoma.referral.referral.ReferralService;
import fr.sarcoma.referral.referral.ReferralService.Correspondent;
import fr.sarcoma.referral.referral.ReferralService.Correspondents;
import fr.sarcoma.referral.referral.ReferralService.ReferralSummary;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Letters to the referring physician, in French. Each is written once per reason (an idempotency
 * key), so a retried job never writes a second letter. A letter is its text ({@code body}, the
 * persisted record, from {@code templates/letters/text/}) and its PDF ({@code pdf}: A4, on the network's letterhead,
 * PDF/A-1b, see {@link LetterPdfRenderer}), both from templates, rendered once when the letter is written and
 * served as stored.
 */
@Service
public class LetterService {

  /** The kind of the letter that requests the material of a procedure done elsewhere (U1, U2, M6). */
  public static final String MATERIAL_REQUEST = "PRIOR_PROCEDURE_MATERIAL";

  /**
   * A letter as listed on its referral; the PDF itself is downloaded from {@code downloadUrl}. {@code deliveries}:
   * how it reached each recipient (none for letters written before letters were delivered).
   */
  public record LetterSummary(
      UUID id,
      String kind,
      String recipient,
      Instant createdAt,
      boolean pdfAvailable,
      String downloadUrl,
      List<Delivery> deliveries) {}

  /**
   * One recipient's copy: {@code recipientRole} REFERRING_PHYSICIAN or GENERAL_PRACTITIONER; {@code status} SENT,
   * PENDING (with its next attempt), REFUSED or FAILED (with the relay's answer), TO_PRINT, HANDLED (a coordinator
   * completed its task: {@code handledBy}, at {@code sentAt}).
   */
  public record Delivery(
      String recipientRole,
      String recipient,
      DeliveryStatus status,
      int attempts,
      Instant nextAttemptAt,
      String lastError,
      Instant sentAt,
      String handledBy) {}

  public static final String REFERRING_PHYSICIAN = "REFERRING_PHYSICIAN";
  public static final String GENERAL_PRACTITIONER = "GENERAL_PRACTITIONER";

  /** A letter's PDF and the name it is downloaded under. */
  /** {@code referralId}: whose letter it is (need-to-know is checked on the referral). */
  public record LetterPdf(UUID referralId, String fileName, byte[] content) {}

  private final JdbcTemplate jdbc;
  private final ReferralService referrals;
  private final LetterTemplates templates;
  private final LetterPdfRenderer pdf;
  private final LetterDeliveries deliveries;
  private final LetterDispatcher dispatcher;
  private final LetterDeliveryTasks people;
  private final Clock clock;
  private final ZoneId zone;

  LetterService(
      JdbcTemplate jdbc,
      ReferralService referrals,
      LetterTemplates templates,
      LetterPdfRenderer pdf,
      LetterDeliveries deliveries,
      LetterDispatcher dispatcher,
      LetterDeliveryTasks people,
      Clock clock,
      @Value("${sarcoma.mdt.schedule.zone:Europe/Paris}") ZoneId zone) {
    this.jdbc = jdbc;
    this.referrals = referrals;
    this.templates = templates;
    this.pdf = pdf;
    this.deliveries = deliveries;
    this.dispatcher = dispatcher;
    this.people = people;
    this.clock = clock;
    this.zone = zone;
  }

  /** The closing letter of a referral that ends without the MDT (G0, ST2, ST4, ST5, B2). */
  public void sendOutcomeLetter(UUID referralId, String outcome, String reason) {
    ReferralSummary referral = referral(referralId);
    Instant now = clock.instant();
    write(
        referral,
        "OUTCOME:" + referralId,
        "OUTCOME",
        now,
        LetterContent.outcome(referral, outcome, reason, recipients(referral), now, zone));
  }

  /**
   * U1, U2 (M6): after a procedure done elsewhere ({@code EXCISION} or {@code BIOPSY}), the request for its
   * operative and pathology reports, slides and blocks, once per referral.
   */
  public void sendPriorProcedureMaterialRequest(UUID referralId, String priorProcedure) {
    ReferralSummary referral = referral(referralId);
    Instant now = clock.instant();
    write(
        referral,
        MATERIAL_REQUEST + ":" + referralId,
        MATERIAL_REQUEST,
        now,
        LetterContent.materialRequest(referral, priorProcedure, recipients(referral), now, zone));
  }

  /** M4: the MDT's decision and its participants, once per decision. */
  public void sendMdtDecisionLetter(UUID referralId, MdtDecision decision) {
    ReferralSummary referral = referral(referralId);
    Instant now = clock.instant();
    write(
        referral,
        "MDT_DECISION:" + decision.id(),
        "MDT_DECISION",
        now,
        LetterContent.mdtDecision(referral, decision, recipients(referral), now, zone));
  }

  /** The kind of the diagnosis letter (M6). */
  public static final String DIAGNOSIS = "DIAGNOSIS";

  /**
   * M6: the expert pathology diagnosis and the MDT's diagnostic and therapeutic proposal, once per proposal (the
   * decision of the proposal round).
   */
  public void sendDiagnosisLetter(
      UUID referralId, PathologyDiagnosis diagnosis, MdtDecision proposal) {
    ReferralSummary referral = referral(referralId);
    Instant now = clock.instant();
    write(
        referral,
        DIAGNOSIS + ":" + proposal.id(),
        DIAGNOSIS,
        now,
        LetterContent.diagnosis(referral, diagnosis, proposal, recipients(referral), now, zone));
  }

  /** The referral's letters, oldest first; empty when the referral is unknown (see {@link #referralExists}). */
  public List<LetterSummary> ofReferral(UUID referralId) {
    return jdbc.query(
        """
        select id, kind, recipient, created_at, case when pdf is null then false else true end as pdf_available
        from letter where referral_id = ? order by created_at, id
        """,
        (row, number) -> {
          UUID id = row.getObject("id", UUID.class);
          boolean pdfAvailable = row.getBoolean("pdf_available");
          return new LetterSummary(
              id,
              row.getString("kind"),
              row.getString("recipient"),
              row.getTimestamp("created_at").toInstant(),
              pdfAvailable,
              pdfAvailable ? downloadUrl(id) : null,
              deliveries.ofLetter(id).stream()
                  .map(
                      shown ->
                          new Delivery(
                              shown.recipientRole(),
                              shown.recipientName(),
                              shown.status(),
                              shown.attempts(),
                              shown.nextAttemptAt(),
                              shown.lastError(),
                              shown.sentAt(),
                              shown.handledBy()))
                  .toList());
        },
        referralId);
  }

  public boolean referralExists(UUID referralId) {
    return referrals.summary(referralId).isPresent();
  }

  /** The letter's PDF; empty for an unknown letter or one written before letters had PDFs. */
  public Optional<LetterPdf> pdf(UUID letterId) {
    return jdbc
        .query(
            """
        select l.referral_id, l.kind, l.pdf, r.business_key from letter l join referral r on r.id = l.referral_id
        where l.id = ? and l.pdf is not null
        """,
            (row, number) ->
                new LetterPdf(
                    row.getObject("referral_id", UUID.class),
                    fileName(row.getString("kind"), row.getString("business_key")),
                    row.getBytes("pdf")),
            letterId)
        .stream()
        .findFirst();
  }

  static String downloadUrl(UUID letterId) {
    return "/api/letters/" + letterId + ".pdf";
  }

  /** "courrier-RCP-SARC-2026-000001.pdf" for an MDT decision letter, "courrier-SARC-2026-000001.pdf" otherwise. */
  static String fileName(String kind, String businessKey) {
    String safeKey = businessKey.replaceAll("[^A-Za-z0-9-]", "_");
    return ("MDT_DECISION".equals(kind) ? "courrier-RCP-" : "courrier-") + safeKey + ".pdf";
  }

  private ReferralSummary referral(UUID referralId) {
    return referrals
        .summary(referralId)
        .orElseThrow(() -> new IllegalStateException("No referral " + referralId));
  }

  /** Whom the letter goes to: the referring physician, and a copy to the GP when the intake named one. */
  private Correspondents correspondents(ReferralSummary referral) {
    return referrals
        .correspondents(referral.id())
        .orElse(
            new Correspondents(
                new Correspondent(referral.referringPhysician(), null, null), Optional.empty()));
  }

  private Recipients recipients(ReferralSummary referral) {
    Correspondents to = correspondents(referral);
    return new Recipients(
        to.referringPhysician().name(),
        to.generalPractitioner().map(Correspondent::name),
        to.referringPhysician().address(),
        to.generalPractitioner().map(Correspondent::address).orElse(null));
  }

  /** Writes the letter once: its text (templates/letters/text/) as the record's body, and its PDF. */
  private void write(
      ReferralSummary referral,
      String idempotencyKey,
      String kind,
      Instant writtenAt,
      LetterContent letter) {
    if (jdbc.queryForObject(
            "select count(*) from letter where idempotency_key = ?", Integer.class, idempotencyKey)
        > 0) {
      return;
    }
    UUID letterId = UUID.randomUUID();
    jdbc.update(
        """
        insert into letter (id, referral_id, idempotency_key, kind, recipient, body, created_at, pdf)
        values (?, ?, ?, ?, ?, ?, ?, ?)
        """,
        letterId,
        referral.id(),
        idempotencyKey,
        kind,
        referral.referringPhysician(),
        templates.text(letter),
        Timestamp.from(writtenAt),
        pdf.pdf(letter));
    Correspondents to = correspondents(referral);
    deliver(
        letterId, referral.businessKey(), REFERRING_PHYSICIAN, to.referringPhysician(), writtenAt);
    to.generalPractitioner()
        .ifPresent(
            gp -> deliver(letterId, referral.businessKey(), GENERAL_PRACTITIONER, gp, writtenAt));
  }

  /**
   * The letter's delivery to one recipient, in the letter's transaction (the outbox): by secure e-mail when a
   * relay is configured and the recipient has a secure address, else printed and posted by a coordinator.
   */
  private void deliver(
      UUID letterId, String businessKey, String role, Correspondent to, Instant now) {
    boolean byMail =
        dispatcher.relayConfigured() && to.secureEmail() != null && !to.secureEmail().isBlank();
    UUID deliveryId =
        deliveries.add(
            letterId,
            role,
            to.name(),
            byMail ? to.secureEmail() : null,
            byMail ? DeliveryStatus.PENDING : DeliveryStatus.TO_PRINT,
            now);
    if (!byMail) {
      people.open(
          deliveryId, letterId, businessKey, role, to.name(), DeliveryStatus.TO_PRINT, null);
    }
  }
}

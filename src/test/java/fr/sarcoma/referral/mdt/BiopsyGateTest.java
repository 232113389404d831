package fr.sarcoma.referral.mdt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import fr.sarcoma.referral.orders.BiopsyGateClosedException;
import fr.sarcoma.referral.orders.CharacterisationReports;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** S3 as the order service enforces it: each piece of evidence missing is named, and only all three open the gate. */
class BiopsyGateTest {

  private static final Instant REPORTED = Instant.parse("2026-03-02T10:00:00Z");
  private static final Instant DECIDED = REPORTED.plus(Duration.ofDays(3));

  private final UUID referralId = UUID.randomUUID();
  private final CharacterisationReports reports = mock(CharacterisationReports.class);
  private final MdtService mdt = mock(MdtService.class);
  private final BiopsyGate gate = new BiopsyGate(reports, mdt);

  private MdtDecision decision(String outcome, Instant decidedAt) {
    MdtDecision decision =
        new MdtDecision(
            UUID.randomUUID(),
            referralId,
            outcome,
            "PERCUTANEOUS_CORE_NEEDLE",
            "Portion charnue",
            "Centre de référence",
            "Discussion collégiale",
            "Dr Chir, Dr Radio, Dr Patho",
            List.of("SURGEON", "RADIOLOGIST", "PATHOLOGIST"),
            "mdtchair",
            decidedAt);
    when(mdt.latestDecision(referralId)).thenReturn(Optional.of(decision));
    return decision;
  }

  private void reportedAt(Instant at) {
    when(reports.latestReportedAt(referralId)).thenReturn(Optional.ofNullable(at));
  }

  private List<String> missing() {
    BiopsyGateClosedException refused =
        catchThrowableOfType(BiopsyGateClosedException.class, () -> gate.verify(referralId));
    assertThat(refused).as("the gate refuses").isNotNull();
    assertThat(refused.getMessage()).startsWith("Biopsie refusée (S3) : ");
    return refused.missing();
  }

  @Test
  @DisplayName(
      "S3a, S3b, S3c: a report, a later MDT BIOPSY decision and the operating surgeon's approach: open")
  void s3AllEvidenceOnRecordOpensTheGate() {
    reportedAt(REPORTED);
    MdtDecision biopsy = decision(MdtDecision.BIOPSY, DECIDED);
    when(mdt.approachAgreedFor(biopsy.id())).thenReturn(true);

    assertThatCode(() -> gate.verify(referralId)).doesNotThrowAnyException();
  }

  @Test
  @DisplayName("S3a: no characterisation report on record → refused, naming the report")
  void s3aNoCharacterisationReportIsRefused() {
    reportedAt(null);
    MdtDecision biopsy = decision(MdtDecision.BIOPSY, DECIDED);
    when(mdt.approachAgreedFor(biopsy.id())).thenReturn(true);

    assertThat(missing())
        .containsExactly("pas de compte rendu d'imagerie de caractérisation (S3a)");
  }

  @Test
  @DisplayName("S3b: no MDT decision at all → refused, naming the MDT decision")
  void s3bNoMdtDecisionIsRefused() {
    reportedAt(REPORTED);
    when(mdt.latestDecision(referralId)).thenReturn(Optional.empty());

    assertThat(missing()).containsExactly("pas de décision de biopsie de la RCP sarcomes (S3b)");
  }

  @Test
  @DisplayName(
      "S3b: the MDT's latest decision is not a biopsy → refused, whatever approach was agreed before")
  void s3bALatestDecisionOtherThanBiopsyIsRefused() {
    reportedAt(REPORTED);
    MdtDecision surveillance = decision("SURVEILLANCE", DECIDED);
    when(mdt.approachAgreedFor(surveillance.id())).thenReturn(true);

    assertThat(missing()).containsExactly("pas de décision de biopsie de la RCP sarcomes (S3b)");
  }

  @Test
  @DisplayName(
      "S3b: a BIOPSY decision older than the latest characterisation report (unseen by the MDT) → refused")
  void s3bADecisionOlderThanTheLatestReportIsRefused() {
    reportedAt(DECIDED.plus(Duration.ofHours(1)));
    MdtDecision biopsy = decision(MdtDecision.BIOPSY, DECIDED);
    when(mdt.approachAgreedFor(biopsy.id())).thenReturn(true);

    assertThat(missing())
        .containsExactly(
            "la décision de RCP précède le dernier compte rendu de caractérisation (S3b)");
  }

  @Test
  @DisplayName(
      "S3c: no approach agreed by the operating surgeon for the decision that counts → refused")
  void s3cNoApproachByTheOperatingSurgeonIsRefused() {
    reportedAt(REPORTED);
    MdtDecision biopsy = decision(MdtDecision.BIOPSY, DECIDED);
    when(mdt.approachAgreedFor(biopsy.id())).thenReturn(false);

    assertThat(missing())
        .containsExactly("voie d'abord non validée par le chirurgien qui opérera (S3c)");
  }

  @Test
  @DisplayName(
      "S3a, S3b: nothing on record → every missing piece is named, in the guideline's order")
  void s3NothingOnRecordNamesEveryMissingPiece() {
    reportedAt(null);
    when(mdt.latestDecision(referralId)).thenReturn(Optional.empty());

    assertThat(missing())
        .containsExactly(
            "pas de compte rendu d'imagerie de caractérisation (S3a)",
            "pas de décision de biopsie de la RCP sarcomes (S3b)");
  }

  @Test
  @DisplayName("S3b, S3c: a stale decision without an agreed approach → both are named")
  void s3bAndS3cAStaleDecisionWithoutApproachNamesBoth() {
    reportedAt(DECIDED.plus(Duration.ofDays(1)));
    MdtDecision biopsy = decision(MdtDecision.BIOPSY, DECIDED);
    when(mdt.approachAgreedFor(biopsy.id())).thenReturn(false);

    assertThat(missing())
        .containsExactly(
            "la décision de RCP précède le dernier compte rendu de caractérisation (S3b)",
            "voie d'abord non validée par le chirurgien qui opérera (S3c)");
  }
}

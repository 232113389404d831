package fr.sarcoma.referral.mdt;

import fr.sarcoma.referral.orders.BiopsyGateClosedException;
import fr.sarcoma.referral.orders.BiopsyOrderGuard;
import fr.sarcoma.referral.orders.CharacterisationReports;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * S3, enforced where the order is written: a biopsy is ordered only when (a) a characterisation
 * report is on record, (b) the MDT's latest decision, taken after it, is a biopsy, and (c) the
 * surgeon who will operate agreed the approach for that decision. It re-reads our tables rather
 * than trusting the process, so a modified or restarted process instance cannot get around it.
 * The evidence is the MDT's (its decision, the surgeon's approach), so the gate lives here; the order
 * service calls it through {@link BiopsyOrderGuard} before it writes a biopsy order.
 */
@Component
class BiopsyGate implements BiopsyOrderGuard {

  private final CharacterisationReports reports;
  private final MdtService mdt;

  BiopsyGate(CharacterisationReports reports, MdtService mdt) {
    this.reports = reports;
    this.mdt = mdt;
  }

  @Override
  public void verify(UUID referralId) {
    List<String> missing = new ArrayList<>();
    Optional<Instant> reported = reports.latestReportedAt(referralId);
    Optional<MdtDecision> decision = mdt.latestDecision(referralId);
    if (reported.isEmpty()) {
      missing.add("pas de compte rendu d'imagerie de caractérisation (S3a)");
    }
    if (decision.isEmpty() || !decision.get().isBiopsy()) {
      missing.add("pas de décision de biopsie de la RCP sarcomes (S3b)");
    } else {
      if (reported.isPresent() && decision.get().decidedAt().isBefore(reported.get())) {
        missing.add("la décision de RCP précède le dernier compte rendu de caractérisation (S3b)");
      }
      if (!mdt.approachAgreedFor(decision.get().id())) {
        missing.add("voie d'abord non validée par le chirurgien qui opérera (S3c)");
      }
    }
    if (!missing.isEmpty()) {
      throw new BiopsyGateClosedException(missing);
    }
  }
}

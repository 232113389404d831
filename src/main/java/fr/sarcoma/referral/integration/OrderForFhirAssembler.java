package fr.sarcoma.referral.integration;

import fr.sarcoma.referral.integration.fhir.OrderForFhir;
import fr.sarcoma.referral.mdt.MdtDecision;
import fr.sarcoma.referral.mdt.MdtService;
import fr.sarcoma.referral.orders.ExamOrder;
import fr.sarcoma.referral.referral.ReferralService;
import fr.sarcoma.referral.referral.ReferralService.ReferralSummary;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Gathers what an order carries out of the building: the patient, the referral, and for a biopsy the MDT's decision. */
@Component
class OrderForFhirAssembler {

  private static final Map<String, String> SITE =
      Map.of(
          "SOFT_TISSUE",
          "lésion des parties molles",
          "BONE",
          "lésion osseuse",
          "SPINE",
          "lésion du rachis");

  private final ReferralService referrals;
  private final MdtService mdt;

  OrderForFhirAssembler(ReferralService referrals, MdtService mdt) {
    this.referrals = referrals;
    this.mdt = mdt;
  }

  OrderForFhir assemble(ExamOrder order) {
    ReferralSummary referral =
        referrals
            .summary(order.referralId())
            .orElseThrow(() -> new IllegalStateException("No referral " + order.referralId()));
    return new OrderForFhir(
        order.id(),
        order.modality().name(),
        order.urgency(),
        order.protocol(),
        order.placedAt(),
        referral.id(),
        referral.businessKey(),
        referral.patientIdentifier(),
        referral.patientDisplayName(),
        referral.patientBirthDate(),
        referral.patientSex(),
        referral.anatomicalLocation(),
        "Bilan d'une "
            + SITE.getOrDefault(referral.site(), "lésion")
            + " ("
            + referral.anatomicalLocation()
            + ") selon le référentiel ONCOLOR 2019, avis de la RCP de recours sarcomes",
        referral.referringPhysician(),
        order.isBiopsy() ? biopsy(order) : null);
  }

  private OrderForFhir.Biopsy biopsy(ExamOrder order) {
    MdtDecision decision =
        mdt.latestDecision(order.referralId())
            .filter(MdtDecision::isBiopsy)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "S3: no MDT biopsy decision for order " + order.id()));
    MdtService.AgreedApproach approach =
        mdt.agreedApproach(decision.id())
            .orElseThrow(
                () -> new IllegalStateException("S3: no agreed approach for order " + order.id()));
    // The technique the operating surgeon agreed: it may differ from the MDT's, with a recorded
    // reason (M4).
    String technique =
        approach.technique() != null ? approach.technique() : decision.biopsyTechnique();
    return new OrderForFhir.Biopsy(
        technique,
        decision.biopsyTargetZone(),
        decision.biopsyCentre(),
        decision.rationale(),
        decision.decidedAt(),
        decision.attendees(),
        approach.surgeonId(),
        approach.approach());
  }
}

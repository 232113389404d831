package fr.sarcoma.referral.mdt;

import java.util.UUID;

/** No MDT decision (no version of one) with this id (→ 404). */
public class MdtDecisionNotFoundException extends RuntimeException {

  MdtDecisionNotFoundException(UUID decisionId) {
    super("Aucune décision de RCP " + decisionId);
  }
}

package fr.sarcoma.referral.mdt;

import java.util.UUID;

/** M4: only the current version of a decision can be corrected; this one was already superseded (→ 409). */
public class MdtDecisionSupersededException extends RuntimeException {

  private final transient UUID supersededBy;

  MdtDecisionSupersededException(UUID decisionId, UUID supersededBy) {
    super(
        "La version "
            + decisionId
            + " de la décision de RCP a déjà été corrigée"
            + (supersededBy == null ? "" : " (version " + supersededBy + ")")
            + " : seule la dernière version peut être corrigée.");
    this.supersededBy = supersededBy;
  }

  /** The version that superseded it, when known. */
  public UUID supersededBy() {
    return supersededBy;
  }
}

package fr.sarcoma.referral.mdt;

/**
 * M3: what the sarcoma MDT decided. The names are the codes stored in {@code mdt_decision.outcome} and routed on by
 * the model ({@code mdtOutcome}).
 */
public enum MdtOutcome {
  BIOPSY,
  FURTHER_IMAGING,
  SURVEILLANCE,
  DISCHARGE_BENIGN,
  OTHER
}

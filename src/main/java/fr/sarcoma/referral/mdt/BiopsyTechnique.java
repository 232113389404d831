package fr.sarcoma.referral.mdt;

/** How the biopsy is taken (S4); the names are the codes stored in {@code mdt_decision.biopsy_technique}. */
public enum BiopsyTechnique {
  PERCUTANEOUS_CORE_NEEDLE,
  SURGICAL
}

package fr.sarcoma.referral.mdt;

import java.util.Set;

/**
 * M2: the specialties of Task_RecordMdtDecision's checklist; the names are the codes stored in
 * {@code mdt_decision.specialties}.
 */
public enum Specialty {
  SURGEON,
  RADIOLOGIST,
  PATHOLOGIST,
  MEDICAL_ONCOLOGIST,
  RADIOTHERAPIST,
  PAEDIATRIC_ONCOLOGIST,
  OTHER;

  /** M2: the specialties every quorum needs, unless configured otherwise. */
  public static final Set<Specialty> ALWAYS_REQUIRED = Set.of(SURGEON, RADIOLOGIST, PATHOLOGIST);
}

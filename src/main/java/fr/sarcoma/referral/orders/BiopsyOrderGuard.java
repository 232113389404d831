package fr.sarcoma.referral.orders;

import java.util.UUID;

/**
 * S3, checked by the order service before it writes a biopsy order. The evidence (the MDT's decision, the
 * surgeon's approach) belongs to a module above this one, which implements the guard: orders stay below the MDT.
 */
public interface BiopsyOrderGuard {

  /** Returns when the biopsy may be ordered; otherwise throws {@link BiopsyGateClosedException} naming what is missing. */
  void verify(UUID referralId);
}

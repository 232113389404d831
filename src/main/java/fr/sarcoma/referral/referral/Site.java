package fr.sarcoma.referral.referral;

/**
 * Where the lesion is: the code the intake stores ({@code referral.site}), the decisions route on ({@code site})
 * and insight reports by. A type of its own, not the intake request's, so that readers of the code (insight's
 * filters and metrics) do not depend on the request. G0: SPINE is accepted and routed out with a reason.
 */
public enum Site {
  SOFT_TISSUE,
  BONE,
  SPINE
}

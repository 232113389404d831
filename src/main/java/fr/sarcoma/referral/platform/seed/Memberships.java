package fr.sarcoma.referral.platform.seed;

import org.camunda.bpm.engine.IdentityService;

final class Memberships {

  private Memberships() {}

  static void ensure(IdentityService identity, String userId, String groupId) {
    if (identity.createUserQuery().userId(userId).memberOfGroup(groupId).count() == 0) {
      identity.createMembership(userId, groupId);
    }
  }
}

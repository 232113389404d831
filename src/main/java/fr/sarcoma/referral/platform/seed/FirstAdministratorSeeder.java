package fr.sarcoma.referral.platform.seed;

import fr.sarcoma.referral.platform.AdminProperties;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.identity.PasswordPolicy;
import org.camunda.bpm.engine.identity.PasswordPolicyResult;
import org.camunda.bpm.engine.identity.User;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Outside the demo profile, the first administrator comes from SARCOMA_ADMIN_USER and
 * SARCOMA_ADMIN_PASSWORD (checked at start-up by {@code ProductionSettingsCheck}). It is created
 * once, as a direct member of {@code camunda-admin}, which also keeps the webapps' first-run setup
 * page closed. Later starts leave the account alone, so a password changed in Admin stays changed.
 */
@Component
@Profile("!demo")
@Order(30)
class FirstAdministratorSeeder implements Seeder {

  private final AdminProperties admin;

  FirstAdministratorSeeder(AdminProperties admin) {
    this.admin = admin;
  }

  @Override
  public void seed(ProcessEngine engine) {
    IdentityService identity = engine.getIdentityService();
    if (identity.createUserQuery().userId(admin.user()).count() == 0) {
      User user = identity.newUser(admin.user());
      user.setFirstName("Administrateur");
      user.setLastName("Plateforme");
      user.setPassword(admin.password());
      requireStrongPassword(identity, user);
      identity.saveUser(user);
    }
    Memberships.ensure(identity, admin.user(), Groups.CAMUNDA_ADMIN);
  }

  /** The engine would refuse a weak password too, but without saying which rule, nor which setting to fix. */
  private void requireStrongPassword(IdentityService identity, User user) {
    PasswordPolicy policy = identity.getPasswordPolicy();
    if (policy == null) {
      return;
    }
    PasswordPolicyResult result =
        identity.checkPasswordAgainstPolicy(policy, admin.password(), user);
    if (!result.isValid()) {
      String rules =
          result.getViolatedRules().stream()
              .map(
                  rule ->
                      rule.getParameters() == null
                          ? rule.getPlaceholder()
                          : rule.getPlaceholder() + " " + rule.getParameters())
              .collect(Collectors.joining(", "));
      throw new IllegalStateException(
          "SARCOMA_ADMIN_PASSWORD does not meet the password policy (at least 10"
              + " characters with upper and lower case, a digit and a special character, not containing the user's"
              + " id or name): "
              + rules);
    }
  }
}

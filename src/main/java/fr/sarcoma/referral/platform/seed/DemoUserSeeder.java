package fr.sarcoma.referral.platform.seed;

import fr.sarcoma.referral.platform.NetworkMembers;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Demo users, one or more per group ({@code seeds/demo/users.json}). Only in the demo profile:
 * elsewhere there are no demo accounts and no default passwords. An existing user is left as is
 * (its password may have been changed), but missing group memberships are added.
 */
@Component
@Profile("demo")
@Order(30)
class DemoUserSeeder implements Seeder {

  static final String FILE = "demo/users.json";

  /** {@code title}, {@code specialty}: the user info the MDT record prints (NetworkMembers), when given. */
  record UserSeed(
      String id,
      String title,
      String specialty,
      String firstName,
      String lastName,
      String email,
      String password,
      List<String> groups) {}

  @Override
  public void seed(ProcessEngine engine) {
    IdentityService identity = engine.getIdentityService();
    for (UserSeed seed : SeedReader.readList(FILE, UserSeed.class)) {
      if (identity.createUserQuery().userId(seed.id()).count() == 0) {
        User user = identity.newUser(seed.id());
        user.setFirstName(seed.firstName());
        user.setLastName(seed.lastName());
        user.setEmail(seed.email());
        user.setPassword(seed.password());
        identity.saveUser(user);
        if (seed.title() != null) {
          identity.setUserInfo(seed.id(), NetworkMembers.TITLE, seed.title());
        }
        if (seed.specialty() != null) {
          identity.setUserInfo(seed.id(), NetworkMembers.SPECIALTY, seed.specialty());
        }
      }
      for (String group : seed.groups()) {
        Memberships.ensure(identity, seed.id(), group);
      }
    }
  }
}

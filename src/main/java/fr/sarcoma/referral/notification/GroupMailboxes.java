package fr.sarcoma.referral.notification;

import fr.sarcoma.referral.platform.EngineAuthentication;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Component;

/**
 * The e-mail addresses of a group's members, from the engine's identity store (the users and groups the
 * administrators keep in the admin webapp, or the directory behind it). A member without an e-mail is left out:
 * Tasklist shows them the task all the same.
 */
@Component
class GroupMailboxes {

  /** A member of the group and the address the notification goes to. */
  record Mailbox(String userId, String email) {}

  private final IdentityService identity;
  private final EngineAuthentication engine;

  GroupMailboxes(IdentityService identity, EngineAuthentication engine) {
    this.identity = identity;
    this.engine = engine;
  }

  List<Mailbox> of(String groupId) {
    // The system reads the group, whoever's action opened the task (a radiologist may not list
    // users).
    return engine.asSystem(
        () ->
            identity.createUserQuery().memberOfGroup(groupId).orderByUserId().asc().list().stream()
                .filter(user -> user.getEmail() != null && !user.getEmail().isBlank())
                .map(GroupMailboxes::mailbox)
                .toList());
  }

  private static Mailbox mailbox(User user) {
    return new Mailbox(user.getId(), user.getEmail().strip());
  }
}

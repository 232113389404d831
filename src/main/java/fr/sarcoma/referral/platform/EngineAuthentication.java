package fr.sarcoma.referral.platform;

import java.util.List;
import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * Runs engine calls on behalf of the system. Our services check who may call them first (per
 * group, in the security configuration); the engine work they then do, such as correlating a
 * result to a waiting process, is the system's, not the caller's, and must not fail because a
 * radiologist has no engine permission on process instances.
 */
@Component
public class EngineAuthentication {

  private final IdentityService identityService;

  public EngineAuthentication(IdentityService identityService) {
    this.identityService = identityService;
  }

  public <T> T asSystem(Supplier<T> work) {
    Authentication caller = identityService.getCurrentAuthentication();
    identityService.clearAuthentication();
    try {
      return work.get();
    } finally {
      if (caller != null) {
        identityService.setAuthentication(caller);
      }
    }
  }

  /**
   * Who did a task, for the record (who reported, who decided): its assignee, or else the user
   * completing it (a task can be completed without being claimed).
   */
  public String actorOf(String assignee) {
    Authentication caller = identityService.getCurrentAuthentication();
    return assignee != null ? assignee : caller == null ? null : caller.getUserId();
  }

  /**
   * The groups of whoever completes a task, for checks that depend on them (who may enter a result): the
   * groups the engine was handed for the caller (REST, Tasklist); else those of the calling user, read from the
   * identity service (a Java caller who set only a user id); with no caller, those of the task's assignee (a
   * Java caller acting for them); no one at all: none.
   */
  public List<String> groupsOfActor(String assignee) {
    Authentication caller = identityService.getCurrentAuthentication();
    if (caller != null && caller.getUserId() != null && caller.getGroupIds() != null) {
      return List.copyOf(caller.getGroupIds());
    }
    String actor = caller != null && caller.getUserId() != null ? caller.getUserId() : assignee;
    if (actor == null) {
      return List.of();
    }
    return asSystem(
        () ->
            identityService.createGroupQuery().groupMember(actor).list().stream()
                .map(Group::getId)
                .toList());
  }
}

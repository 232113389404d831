package fr.sarcoma.referral.platform;

import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
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
}

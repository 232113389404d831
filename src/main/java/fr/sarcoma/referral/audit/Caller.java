package fr.sarcoma.referral.audit;

import java.util.List;

/** Who reads or acts: a user id and the user's groups (as the engine and our API see them). */
record Caller(String userId, List<String> groups) {

  /** Nobody logged in: the job executor, a scheduled task, start-up. */
  static final Caller SYSTEM = new Caller("system", List.of());

  Caller {
    groups = groups == null ? List.of() : List.copyOf(groups);
  }

  boolean in(String group) {
    return groups.contains(group);
  }

  boolean inAny(List<String> wanted) {
    return wanted.stream().anyMatch(groups::contains);
  }
}

package fr.sarcoma.referral.platform.seed;

import java.util.Arrays;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.util.ResourceTypeUtil;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The groups of the network ({@code seeds/reference/groups.json}) and what each may do in the
 * engine. Reference data: seeded in every profile. Permissions listed in the file are granted if
 * missing; nothing is revoked, so an administrator's later grants survive restarts.
 */
@Component
@Order(10)
class GroupSeeder implements Seeder {

  static final String FILE = "reference/groups.json";

  record GroupSeed(String id, String name, String type, List<AuthorizationSeed> authorizations) {}

  /** {@code resource} is a {@link Resources} name, or {@code *} for every resource type. */
  record AuthorizationSeed(String resource, String resourceId, List<String> permissions) {}

  @Override
  public void seed(ProcessEngine engine) {
    for (GroupSeed group : SeedReader.readList(FILE, GroupSeed.class)) {
      ensureGroup(engine.getIdentityService(), group);
      for (AuthorizationSeed authorization : group.authorizations()) {
        for (Resource resource : resources(authorization.resource())) {
          grant(engine.getAuthorizationService(), group.id(), resource, authorization);
        }
      }
    }
  }

  private static void ensureGroup(IdentityService identity, GroupSeed seed) {
    if (identity.createGroupQuery().groupId(seed.id()).count() > 0) {
      return;
    }
    Group group = identity.newGroup(seed.id());
    group.setName(seed.name());
    group.setType(seed.type() == null ? Groups.GROUP_TYPE_WORKFLOW : seed.type());
    identity.saveGroup(group);
  }

  private static List<Resource> resources(String name) {
    return "*".equals(name) ? Arrays.asList(Resources.values()) : List.of(Resources.valueOf(name));
  }

  private static void grant(
      AuthorizationService authorizations,
      String groupId,
      Resource resource,
      AuthorizationSeed seed) {
    Authorization authorization =
        authorizations
            .createAuthorizationQuery()
            .authorizationType(Authorization.AUTH_TYPE_GRANT)
            .groupIdIn(groupId)
            .resourceType(resource)
            .resourceId(seed.resourceId())
            .singleResult();
    if (authorization == null) {
      authorization = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
      authorization.setGroupId(groupId);
      authorization.setResource(resource);
      authorization.setResourceId(seed.resourceId());
    }
    boolean changed = authorization.getId() == null;
    for (String name : seed.permissions()) {
      Permission permission =
          ResourceTypeUtil.getPermissionByNameAndResourceType(name, resource.resourceType());
      if (!authorization.isPermissionGranted(permission)) {
        authorization.addPermission(permission);
        changed = true;
      }
    }
    if (changed) {
      authorizations.saveAuthorization(authorization);
    }
  }
}

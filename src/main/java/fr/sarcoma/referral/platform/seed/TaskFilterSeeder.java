package fr.sarcoma.referral.platform.seed;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Tasklist filters ({@code seeds/reference/tasklist-filters.json}), each readable by the groups it
 * lists. A filter is identified by its name: an existing one gets the file's query and properties
 * again, so editing the file and restarting updates it.
 */
@Component
@Order(20)
class TaskFilterSeeder implements Seeder {

  static final String FILE = "reference/tasklist-filters.json";

  /** {@code variables}: process variables Tasklist shows on each task card (name, label). */
  record TaskFilterSeed(
      String name,
      String description,
      int priority,
      List<String> groups,
      QuerySeed query,
      List<Map<String, String>> variables) {}

  /** The few task-query criteria our filters need; expressions are evaluated when the filter runs. */
  record QuerySeed(
      String candidateGroupsExpression,
      String assigneeExpression,
      Boolean includeAssignedTasks,
      String dueBeforeExpression,
      String dueAfterExpression) {

    TaskQuery toTaskQuery(TaskQuery query) {
      if (candidateGroupsExpression != null) {
        query.taskCandidateGroupInExpression(candidateGroupsExpression);
      }
      if (assigneeExpression != null) {
        query.taskAssigneeExpression(assigneeExpression);
      }
      if (Boolean.TRUE.equals(includeAssignedTasks)) {
        query.includeAssignedTasks();
      }
      if (dueBeforeExpression != null) {
        query.dueBeforeExpression(dueBeforeExpression);
      }
      if (dueAfterExpression != null) {
        query.dueAfterExpression(dueAfterExpression);
      }
      return query.orderByDueDate().asc();
    }
  }

  @Override
  public void seed(ProcessEngine engine) {
    FilterService filters = engine.getFilterService();
    for (TaskFilterSeed seed : SeedReader.readList(FILE, TaskFilterSeed.class)) {
      Filter filter =
          filters
              .createFilterQuery()
              .filterResourceType(Resources.TASK.resourceName())
              .filterName(seed.name())
              .singleResult();
      if (filter == null) {
        filter = filters.newTaskFilter(seed.name());
      }
      filter.setQuery(seed.query().toTaskQuery(engine.getTaskService().createTaskQuery()));
      filter.setProperties(properties(seed));
      filters.saveFilter(filter);
      for (String group : seed.groups()) {
        grantRead(engine.getAuthorizationService(), filter.getId(), group);
      }
    }
  }

  private static Map<String, Object> properties(TaskFilterSeed seed) {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("description", seed.description());
    properties.put("priority", seed.priority());
    properties.put("refresh", true);
    if (seed.variables() != null) {
      properties.put("variables", seed.variables());
    }
    return properties;
  }

  private static void grantRead(
      AuthorizationService authorizations, String filterId, String groupId) {
    boolean granted =
        authorizations
                .createAuthorizationQuery()
                .groupIdIn(groupId)
                .resourceType(Resources.FILTER)
                .resourceId(filterId)
                .hasPermission(Permissions.READ)
                .count()
            > 0;
    if (granted) {
      return;
    }
    Authorization authorization =
        authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    authorization.setGroupId(groupId);
    authorization.setResource(Resources.FILTER);
    authorization.setResourceId(filterId);
    authorization.addPermission(Permissions.READ);
    authorizations.saveAuthorization(authorization);
  }
}

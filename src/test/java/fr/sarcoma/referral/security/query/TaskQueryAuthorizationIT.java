package fr.sarcoma.referral.security.query;

import static org.assertj.core.api.Assertions.assertThat;

import fr.sarcoma.referral.referral.ReferralRequest.Depth;
import fr.sarcoma.referral.referral.ReferralRequest.Presentation;
import fr.sarcoma.referral.referral.ReferralRequest.PriorProcedure;
import fr.sarcoma.referral.referral.Site;
import fr.sarcoma.referral.support.HttpCalls;
import fr.sarcoma.referral.support.PathwayDriver;
import fr.sarcoma.referral.support.PathwayDriver.Referral;
import fr.sarcoma.referral.support.PostgresIntegrationTest;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The task query with our authorization check ({@link TaskQueryAuthorizationPlugin}) lists exactly the tasks
 * Camunda's own check lists: for every demo user, the tasks the engine returns are those that Camunda 7.24's
 * join on ACT_RU_AUTHORIZATION (its SQL, run here by hand) finds; a grant on the task, on the process
 * definition's key or on '*' shows a task, a REVOKE hides it.
 */
@PostgresIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TaskQueryAuthorizationIT {

  /** Camunda 7.24's check (Task.xml, Authorization.xml) for a user and their groups, READ on the task or READ_TASK on its definition. */
  private static final String CAMUNDA_JOIN =
      """
      select distinct RES.ID_ from ACT_RU_TASK RES
        left join ACT_RE_PROCDEF D on RES.PROC_DEF_ID_ = D.ID_
        left join (select A.* from ACT_RU_AUTHORIZATION A
                   where A.TYPE_ < 2 and (A.USER_ID_ in (?, '*') or A.GROUP_ID_ in (%s))
                   and ((A.RESOURCE_TYPE_ = 7 and A.PERMS_ & 2 = 2) or (A.RESOURCE_TYPE_ = 6 and A.PERMS_ & 64 = 64))) AUTH
          on AUTH.RESOURCE_ID_ in (RES.ID_, D.KEY_, '*')
      where (RES.CASE_EXECUTION_ID_ is not null or AUTH.RESOURCE_ID_ is not null) and RES.TENANT_ID_ is null
      """;

  @LocalServerPort int port;

  @Autowired PathwayDriver pathway;
  @Autowired TaskService taskService;
  @Autowired IdentityService identityService;
  @Autowired AuthorizationService authorizationService;
  @Autowired FilterService filterService;
  @Autowired ProcessEngineConfiguration engineConfiguration;
  @Autowired JdbcTemplate jdbc;

  /** Waits for the radiologists (candidate group): Task_ClassifyInitialImaging. */
  private Task classify;

  /** Waits for the coordinators: another referral's ultrasound booking. */
  private Task booking;

  @BeforeAll
  void tasksOfTwoGroups() {
    Referral reported = refer();
    pathway.reportExam(reported, "ULTRASOUND");
    classify = pathway.task(reported, "Task_ClassifyInitialImaging");
    booking = pathway.task(refer(), "Task_ScheduleExam");
  }

  private Referral refer() {
    return pathway.refer(
        Site.SOFT_TISSUE, Presentation.SWELLING_OR_PAIN, 9.0, Depth.DEEP, PriorProcedure.NONE);
  }

  @Test
  void camundasTaskStatementsAreOurs() {
    var sessions = ((ProcessEngineConfigurationImpl) engineConfiguration).getDbSqlSessionFactory();

    assertThat(sessions.mapStatement("selectTaskByQueryCriteria"))
        .isEqualTo(TaskQueryAuthorizationPlugin.NAMESPACE + ".selectAuthorizedTasks");
    assertThat(sessions.mapStatement("selectTaskCountByQueryCriteria"))
        .isEqualTo(TaskQueryAuthorizationPlugin.NAMESPACE + ".selectAuthorizedTaskCount");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "coordinator",
        "radiologist",
        "surgeon",
        "pathologist",
        "oncologist",
        "mdtchair",
        "manager",
        "auditor"
      })
  void everyUserSeesExactlyTheTasksCamundasOwnCheckShows(String user) {
    List<String> groups = groupsOf(user);
    Set<String> camunda =
        new HashSet<>(
            jdbc.queryForList(
                CAMUNDA_JOIN.formatted(String.join(",", groups.stream().map(g -> "?").toList())),
                String.class,
                params(user, groups)));

    Set<String> listed = visibleTaskIds(user, groups);

    assertThat(listed).isEqualTo(camunda);
    assertThat(countAs(user, groups)).isEqualTo(camunda.size());
  }

  @Test
  void aCandidateGroupSeesItsTaskAndAnotherGroupDoesNot() {
    assertThat(visibleTaskIds("radiologist", groupsOf("radiologist")))
        .contains(classify.getId())
        .doesNotContain(booking.getId());
    assertThat(visibleTaskIds("coordinator", groupsOf("coordinator"))).contains(booking.getId());
    assertThat(visibleTaskIds("surgeon", groupsOf("surgeon")))
        .doesNotContain(classify.getId(), booking.getId());
    assertThat(visibleTaskIds("auditor", groupsOf("auditor"))).isEmpty();
  }

  @Test
  void theGroupFilterAndItsCountThroughTheRestApi() {
    String filterId =
        filterService.createFilterQuery().filterName("Tâches de mon groupe").singleResult().getId();
    HttpCalls radiologist = HttpCalls.to(port).as("radiologist", "demo");
    HttpCalls surgeon = HttpCalls.to(port).as("surgeon", "demo");
    String sorting = "{\"sorting\":[{\"sortBy\":\"dueDate\",\"sortOrder\":\"asc\"}]}";

    HttpCalls.Response mine =
        radiologist.postJson(
            "/engine-rest/filter/" + filterId + "/list?firstResult=0&maxResults=1000", sorting);
    HttpCalls.Response theirs =
        surgeon.postJson(
            "/engine-rest/filter/" + filterId + "/list?firstResult=0&maxResults=1000", sorting);
    HttpCalls.Response count = radiologist.get("/engine-rest/filter/" + filterId + "/count");

    assertThat(mine.status()).isEqualTo(200);
    assertThat(mine.json().findValuesAsText("id")).contains(classify.getId());
    assertThat(theirs.json().findValuesAsText("id")).doesNotContain(classify.getId());
    assertThat(count.json().path("count").asInt()).isEqualTo(mine.json().size());
  }

  @Test
  void aGrantOnTheProcessDefinitionsKeyShowsItsTasks() {
    Authorization grant =
        authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    grant.setGroupId("surgeons");
    grant.setResource(Resources.PROCESS_DEFINITION);
    grant.setResourceId(processDefinitionKey(classify));
    grant.addPermission(ProcessDefinitionPermissions.READ_TASK);
    authorizationService.saveAuthorization(grant);
    try {
      assertThat(visibleTaskIds("surgeon", groupsOf("surgeon"))).contains(classify.getId());
    } finally {
      authorizationService.deleteAuthorization(grant.getId());
    }
    assertThat(visibleTaskIds("surgeon", groupsOf("surgeon"))).doesNotContain(classify.getId());
  }

  @Test
  void aRevokeHidesTheTaskItRevokes() {
    Authorization revoke =
        authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_REVOKE);
    revoke.setUserId("radiologist");
    revoke.setResource(Resources.TASK);
    revoke.setResourceId(classify.getId());
    revoke.removePermission(Permissions.READ);
    authorizationService.saveAuthorization(revoke);
    try {
      assertThat(visibleTaskIds("radiologist", groupsOf("radiologist")))
          .doesNotContain(classify.getId());
    } finally {
      authorizationService.deleteAuthorization(revoke.getId());
    }
    assertThat(visibleTaskIds("radiologist", groupsOf("radiologist"))).contains(classify.getId());
  }

  private Set<String> visibleTaskIds(String user, List<String> groups) {
    identityService.setAuthentication(user, groups);
    try {
      return taskService.createTaskQuery().list().stream()
          .map(Task::getId)
          .collect(Collectors.toSet());
    } finally {
      identityService.clearAuthentication();
    }
  }

  private long countAs(String user, List<String> groups) {
    identityService.setAuthentication(user, groups);
    try {
      return taskService.createTaskQuery().count();
    } finally {
      identityService.clearAuthentication();
    }
  }

  private List<String> groupsOf(String user) {
    return identityService.createGroupQuery().groupMember(user).list().stream()
        .map(Group::getId)
        .toList();
  }

  private String processDefinitionKey(Task task) {
    return jdbc.queryForObject(
        "select KEY_ from ACT_RE_PROCDEF where ID_ = ?",
        String.class,
        task.getProcessDefinitionId());
  }

  private static Object[] params(String user, List<String> groups) {
    Object[] params = new Object[groups.size() + 1];
    params[0] = user;
    for (int i = 0; i < groups.size(); i++) {
      params[i + 1] = groups.get(i);
    }
    return params;
  }
}

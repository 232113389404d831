package fr.sarcoma.referral.security.query;

import static org.assertj.core.api.Assertions.assertThat;

import fr.sarcoma.referral.support.HttpCalls;
import fr.sarcoma.referral.support.PostgresIntegrationTest;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A logged-in user must not run code through task-query expressions. The payload would delete a
 * user if it ran: the user still being there is the proof that it did not.
 */
@PostgresIntegrationTest
class QueryExpressionHardeningIT {

  private static final String PAYLOAD = "${identityService.deleteUser('victim')}";

  @LocalServerPort int port;

  @Autowired IdentityService identityService;

  @Autowired FilterService filterService;

  @BeforeEach
  void createVictim() {
    User victim = identityService.newUser("victim");
    victim.setPassword("victim");
    identityService.saveUser(victim);
  }

  @AfterEach
  void removeVictimAndTestFilters() {
    identityService.deleteUser("victim");
    filterService
        .createFilterQuery()
        .filterName("test filter")
        .list()
        .forEach(filter -> filterService.deleteFilter(filter.getId()));
  }

  @Test
  void anExpressionHiddenInOrQueriesIsRefusedAndNotRun() {
    HttpCalls.Response response =
        HttpCalls.to(port)
            .as("coordinator", "demo")
            .postJson(
                "/engine-rest/task",
                "{\"orQueries\":[{\"assigneeExpression\":\"" + PAYLOAD + "\"}]}");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().path("message").asText()).contains("not allowed");
    assertThat(victimExists()).isTrue();
  }

  @Test
  void anExpressionHiddenInAFiltersExtendingQueryIsRefusedAndNotRun() {
    String filterId =
        filterService.createFilterQuery().filterName("Mes tâches").singleResult().getId();

    HttpCalls.Response response =
        HttpCalls.to(port)
            .as("coordinator", "demo")
            .postJson(
                "/engine-rest/filter/" + filterId + "/list",
                "{\"orQueries\":[{\"candidateGroupExpression\":\"" + PAYLOAD + "\"}]}");

    assertThat(response.status()).isEqualTo(400);
    assertThat(victimExists()).isTrue();
  }

  @Test
  void aTopLevelExpressionInAnAdhocQueryIsRefused() {
    HttpCalls.Response response =
        HttpCalls.to(port)
            .as("coordinator", "demo")
            .postJson("/engine-rest/task", "{\"assigneeExpression\":\"" + PAYLOAD + "\"}");

    assertThat(response.status()).isEqualTo(400);
    assertThat(victimExists()).isTrue();
  }

  @Test
  void plainOrQueriesStillWork() {
    HttpCalls.Response response =
        HttpCalls.to(port)
            .as("coordinator", "demo")
            .postJson(
                "/engine-rest/task",
                "{\"orQueries\":[{\"assignee\":\"coordinator\"},{\"candidateGroup\":\"coordinators\"}]}");

    assertThat(response.status()).isEqualTo(200);
  }

  @Test
  void aStoredFilterMayUseTasklistsExpressionsOnly() {
    HttpCalls admin = HttpCalls.to(port).as("admin", "demo");

    HttpCalls.Response refused =
        admin.postJson(
            "/engine-rest/filter/create",
            "{\"resourceType\":\"Task\",\"name\":\"test filter\",\"query\":{\"orQueries\":[{\"assigneeExpression\":\""
                + PAYLOAD
                + "\"}]}}");
    HttpCalls.Response accepted =
        admin.postJson(
            "/engine-rest/filter/create",
            "{\"resourceType\":\"Task\",\"name\":\"test filter\",\"query\":{\"orQueries\":[{\"assigneeExpression\":\"${currentUser()}\","
                + "\"dueBeforeExpression\":\"${dateTime().plusWeeks(2)}\"}]}}");

    assertThat(refused.status()).isEqualTo(400);
    assertThat(accepted.status()).isEqualTo(200);
    assertThat(
            admin
                .get("/engine-rest/filter/" + accepted.json().path("id").asText() + "/list")
                .status())
        .isEqualTo(200);
    assertThat(victimExists()).isTrue();
  }

  @Test
  void theSeededFiltersRunForTheirGroups() {
    for (Filter filter : filterService.createFilterQuery().list()) {
      if (filter.getName().startsWith("Parcours")) {
        continue;
      }
      HttpCalls.Response response =
          HttpCalls.to(port)
              .as("radiologist", "demo")
              .get("/engine-rest/filter/" + filter.getId() + "/list");
      assertThat(response.status()).as(filter.getName()).isEqualTo(200);
    }
  }

  private boolean victimExists() {
    return identityService.createUserQuery().userId("victim").count() == 1;
  }
}

package fr.sarcoma.referral.security;

import static org.assertj.core.api.Assertions.assertThat;

import fr.sarcoma.referral.support.HttpCalls;
import fr.sarcoma.referral.support.PostgresIntegrationTest;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The REST doors: HTTP Basic against the engine's users, Camunda authorizations per group. */
@PostgresIntegrationTest
class ApiSecurityIT {

  @LocalServerPort int port;

  @Autowired IdentityService identityService;

  @Autowired RepositoryService repositoryService;

  @Test
  void anonymousCallsToTheEngineApiAreChallenged() {
    HttpCalls.Response response = HttpCalls.to(port).get("/engine-rest/task");

    assertThat(response.status()).isEqualTo(401);
    assertThat(response.header("WWW-Authenticate")).startsWith("Basic realm=");
  }

  @Test
  void anonymousCallsToOurApiAreChallenged() {
    assertThat(HttpCalls.to(port).get("/api/me").status()).isEqualTo(401);
  }

  @Test
  void aCoordinatorListsTasks() {
    HttpCalls.Response response =
        HttpCalls.to(port).as("coordinator", "demo").get("/engine-rest/task");

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.json().isArray()).isTrue();
  }

  @Test
  void aCoordinatorCannotDeployToTheEngine() {
    HttpCalls.Response response =
        HttpCalls.to(port)
            .as("coordinator", "demo")
            .postFile("/engine-rest/deployment/create", "note.txt", "not a model");

    assertThat(response.status()).isEqualTo(403);
    assertThat(response.json().path("type").asText()).isEqualTo("AuthorizationException");
    assertThat(response.json().path("permissionName").asText()).isEqualTo("CREATE");
    assertThat(repositoryService.createDeploymentQuery().deploymentName("test").count()).isZero();
  }

  @Test
  void anAdministratorCanDeploy() {
    HttpCalls.Response response =
        HttpCalls.to(port)
            .as("admin", "demo")
            .postFile("/engine-rest/deployment/create", "note.txt", "not a model");

    assertThat(response.status()).isEqualTo(200);
    repositoryService.deleteDeployment(response.json().path("id").asText(), true);
  }

  @Test
  void aWrongPasswordIsRefused() {
    // A throwaway user: a failed login delays the next attempt of that user (brute-force
    // protection).
    User user = identityService.newUser("wrongpassword");
    user.setPassword("right");
    identityService.saveUser(user);
    try {
      assertThat(HttpCalls.to(port).as("wrongpassword", "wrong").get("/engine-rest/task").status())
          .isEqualTo(401);
      assertThat(HttpCalls.to(port).as("nobody", "demo").get("/engine-rest/task").status())
          .isEqualTo(401);
    } finally {
      identityService.deleteUser("wrongpassword");
    }
  }

  @Test
  void ourApiSeesTheUsersGroups() {
    HttpCalls.Response response = HttpCalls.to(port).as("mdtchair", "demo").get("/api/me");

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.json().path("userId").asText()).isEqualTo("mdtchair");
    assertThat(response.json().path("groups").toString())
        .isEqualTo("[\"mdt-chairs\",\"oncologists\"]");
  }

  @Test
  void theWebappsFirstRunSetupIsClosed() {
    HttpCalls.Response response =
        HttpCalls.to(port)
            .postJson(
                "/camunda/api/admin/setup/default/user/create",
                "{\"profile\":{\"id\":\"intruder\"},\"credentials\":{\"password\":\"intruder\"}}");

    assertThat(response.status()).isEqualTo(403);
    assertThat(identityService.createUserQuery().userId("intruder").count()).isZero();
  }
}

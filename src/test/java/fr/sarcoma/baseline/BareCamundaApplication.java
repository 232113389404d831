package fr.sarcoma.baseline;

import jakarta.servlet.Filter;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.actuate.autoconfigure.security.servlet.ManagementWebSecurityAutoConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;

/**
 * The benchmark's bare Camunda baseline (not a test, not our application): a Spring Boot application with the
 * Camunda starters of our build (engine, REST API, webapps) and nothing of ours. The benchmark starts it in a
 * JVM of its own, with our dependency jars but without our classes or our application.yml, on a database of its
 * own; it deploys {@link BarePathwayModel}, whose service tasks call {@link #noop}, and creates the users of
 * our demo (password {@code demo}) in the same groups. The REST API authenticates with HTTP Basic through
 * Camunda's own filter, as Camunda documents it. History level, authorization and the database come as
 * arguments from the benchmark. Outside {@code fr.sarcoma.referral} on purpose: our application and its test
 * contexts scan that package, and would pick up this configuration (and its exclusions) with it.
 */
@SpringBootApplication(
    exclude = {
      SecurityAutoConfiguration.class,
      UserDetailsServiceAutoConfiguration.class,
      ManagementWebSecurityAutoConfiguration.class
    })
public class BareCamundaApplication {

  /** The users of the demo, by group (seeds/demo/users.json): the benchmark's clients log in as them. */
  static final Map<String, String> USERS =
      Map.of(
          "coordinator", "coordinators",
          "radiologist", "radiologists",
          "surgeon", "surgeons",
          "pathologist", "pathologists",
          "mdtchair", "mdt-chairs",
          "admin", "camunda-admin");

  public static void main(String[] args) {
    SpringApplication.run(BareCamundaApplication.class, args);
  }

  /** The empty delegate of every service task. */
  @Bean
  JavaDelegate noop() {
    return execution -> {};
  }

  @Bean
  FilterRegistrationBean<Filter> engineRestBasicAuthentication() {
    FilterRegistrationBean<Filter> registration =
        new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
    registration.addUrlPatterns("/engine-rest/*");
    registration.addInitParameter(
        "authentication-provider", HttpBasicAuthenticationProvider.class.getName());
    return registration;
  }

  @Bean
  ApplicationRunner setUp(
      IdentityService identity, AuthorizationService authorizations, RepositoryService repository) {
    return arguments -> {
      if (identity.createUserQuery().userId("coordinator").count() == 0) {
        USERS.forEach(
            (userId, groupId) -> {
              if (identity.createGroupQuery().groupId(groupId).count() == 0) {
                Group group = identity.newGroup(groupId);
                group.setName(groupId);
                group.setType("WORKFLOW");
                identity.saveGroup(group);
              }
              User user = identity.newUser(userId);
              user.setFirstName(userId);
              user.setLastName("Banc");
              user.setPassword("demo");
              identity.saveUser(user);
              identity.createMembership(userId, groupId);
            });
        // What Camunda's first-administrator setup (the Admin webapp, camunda.bpm.admin-user)
        // grants its group.
        for (Resources resource : Resources.values()) {
          Authorization all = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
          all.setGroupId("camunda-admin");
          all.setResource(resource);
          all.setResourceId("*");
          all.addPermission(Permissions.ALL);
          authorizations.saveAuthorization(all);
        }
        grant(
            authorizations,
            Resources.PROCESS_DEFINITION,
            BarePathwayModel.PROCESS_ID,
            List.of(Permissions.READ, Permissions.CREATE_INSTANCE));
        grant(authorizations, Resources.PROCESS_INSTANCE, "*", List.of(Permissions.CREATE));
      }
      repository
          .createDeployment()
          .name("bare-baseline")
          .enableDuplicateFiltering(true)
          .addModelInstance("bare-biopsy-path.bpmn", BarePathwayModel.model())
          .deploy();
      System.out.println("BARE BASELINE READY");
    };
  }

  private static void grant(
      AuthorizationService authorizations,
      Resources resource,
      String resourceId,
      List<Permissions> permissions) {
    Authorization grant = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    grant.setGroupId("coordinators");
    grant.setResource(resource);
    grant.setResourceId(resourceId);
    permissions.forEach(grant::addPermission);
    authorizations.saveAuthorization(grant);
  }
}

package fr.sarcoma.referral.security.query;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.ibatis.builder.xml.XMLMapperBuilder;
import org.apache.ibatis.session.Configuration;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.db.sql.DbSqlSessionFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Keeps the task query (Tasklist's filters, their count badges, {@code GET /task}) as fast with 10,000 open tasks
 * as with 100, with the same authorization check. Camunda 7.24 checks a non-administrator's task query by joining
 * ACT_RU_AUTHORIZATION on {@code RESOURCE_ID_ IN (task id, definition key, '*')}; PostgreSQL can only run that OR
 * as a nested loop comparing each task of a group with each grant of the group, and the engine writes one grant
 * per task for its candidate group: 2.1 s for a radiologist's list at 10,000 open tasks, quadratic. No setting or
 * index changes that plan (docs/benchmark-authorization.md). We register a copy of Camunda's two task query
 * statements ({@code TaskAuthorization.xml}) whose only change is that check, written as IN subqueries that
 * PostgreSQL hashes once per query, and map Camunda's statement names to them. 7.24 is the last Community
 * Edition: the copied statements will not change under us. See {@code TaskQueryAuthorizationIT}.
 *
 * <p>{@code sarcoma.task-query.hashed-authorization=false} leaves Camunda's own statements in place: only so that the
 * scale benchmark can measure both on the same database (README, "Benchmarks").
 */
@Component
@ConditionalOnProperty(
    name = "sarcoma.task-query.hashed-authorization",
    havingValue = "true",
    matchIfMissing = true)
class TaskQueryAuthorizationPlugin extends AbstractProcessEnginePlugin {

  static final String MAPPER = "fr/sarcoma/referral/security/query/TaskAuthorization.xml";
  static final String NAMESPACE = "fr.sarcoma.referral.security.query.TaskAuthorization";

  /** Camunda's statement name (TaskManager) → ours. */
  static final Map<String, String> STATEMENTS =
      Map.of(
          "selectTaskByQueryCriteria", NAMESPACE + ".selectAuthorizedTasks",
          "selectTaskCountByQueryCriteria", NAMESPACE + ".selectAuthorizedTaskCount");

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    Configuration mybatis = configuration.getSqlSessionFactory().getConfiguration();
    if (!mybatis.isResourceLoaded(MAPPER)) {
      try (InputStream mapper =
          TaskQueryAuthorizationPlugin.class.getClassLoader().getResourceAsStream(MAPPER)) {
        if (mapper == null) {
          throw new IllegalStateException(MAPPER + " not on the classpath");
        }
        new XMLMapperBuilder(mapper, mybatis, MAPPER, mybatis.getSqlFragments()).parse();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    // A copy: the engine's mappings are a map shared by every engine of the database type.
    DbSqlSessionFactory sessions = configuration.getDbSqlSessionFactory();
    Map<String, String> mappings = new HashMap<>();
    if (sessions.getStatementMappings() != null) {
      mappings.putAll(sessions.getStatementMappings());
    }
    mappings.putAll(STATEMENTS);
    sessions.setStatementMappings(mappings);
  }
}

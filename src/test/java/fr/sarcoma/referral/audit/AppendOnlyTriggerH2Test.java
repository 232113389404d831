package fr.sarcoma.referral.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.FileSystemResource;
import org.springframework.jdbc.datasource.init.ScriptUtils;

/**
 * The demo's H2 side of migration V15: the audit trail refuses updates and deletes there too, and the
 * engine grants need-to-know withdraws are withdrawn from a database seeded by an earlier version.
 */
class AppendOnlyTriggerH2Test {

  @Test
  void h2RefusesToChangeTheTrailAndWithdrawsTheOldGrants() throws SQLException {
    try (Connection h2 =
        DriverManager.getConnection("jdbc:h2:mem:audit-" + UUID.randomUUID(), "sa", "")) {
      try (Statement sql = h2.createStatement()) {
        // The engine's authorization table, as an earlier version left it (a subset of its
        // columns).
        sql.execute(
            "create table act_ru_authorization (id_ varchar(64), type_ integer, group_id_ varchar(255),"
                + " resource_type_ integer, resource_id_ varchar(255), perms_ integer)");
        // radiologists: READ | READ_INSTANCE on every definition; managers: READ on every historic
        // instance; a task's candidate group: READ | UPDATE.
        sql.execute(
            "insert into act_ru_authorization values ('1', 1, 'radiologists', 6, '*', 514),"
                + " ('2', 1, 'managers', 20, '*', 2), ('3', 1, 'surgeons', 7, 'task-1', 6),"
                + " ('4', 1, 'coordinators', 6, '*', 770)");
      }
      ScriptUtils.executeSqlScript(h2, new FileSystemResource("db/migration/V15__audit_event.sql"));
      ScriptUtils.executeSqlScript(
          h2, new FileSystemResource("db/vendor/h2/V15_1__audit_event_append_only.sql"));

      try (Statement sql = h2.createStatement()) {
        sql.execute(
            "insert into audit_event (id, at, actor, actor_groups, action, door, reason)"
                + " values (random_uuid(), current_timestamp, 'radiologist', 'radiologists',"
                + " 'READ_FILE', 'api', 'CANDIDATE_TASK')");
        assertThatThrownBy(() -> sql.execute("update audit_event set actor = 'someone'"))
            .isInstanceOf(SQLException.class)
            .hasMessageContaining("ajout seul");
        assertThatThrownBy(() -> sql.execute("delete from audit_event"))
            .isInstanceOf(SQLException.class)
            .hasMessageContaining("ajout seul");

        var rows = sql.executeQuery("select count(*), max(actor) from audit_event");
        rows.next();
        assertThat(rows.getInt(1)).isEqualTo(1);
        assertThat(rows.getString(2)).isEqualTo("radiologist");

        var grants = sql.executeQuery("select id_, perms_ from act_ru_authorization order by id_");
        StringBuilder left = new StringBuilder();
        while (grants.next()) {
          left.append(grants.getString(1)).append('=').append(grants.getInt(2)).append(' ');
        }
        assertThat(left.toString().strip())
            .as(
                "READ_INSTANCE gone, the managers' grant gone, READ_VARIABLE on the task, coordinators as they were")
            .isEqualTo("1=2 3=70 4=770");
      }
    }
  }
}

package fr.sarcoma.referral.audit;

import java.sql.Connection;
import java.sql.SQLException;
import org.h2.api.Trigger;

/**
 * H2's side of the append-only audit trail (db/vendor/h2): the trigger H2 calls before each update or
 * delete of an {@code audit_event} row refuses it, as PostgreSQL's does. Public, with a public
 * constructor: H2 instantiates it by name.
 */
public class AppendOnlyTrigger implements Trigger {

  @Override
  public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
    throw new SQLException(
        "audit_event est en ajout seul : " + (newRow == null ? "DELETE" : "UPDATE") + " refusé",
        "42501");
  }
}

package fr.sarcoma.referral.benchmark;

import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * The engine's rows of one real referral (its process instances, runtime and history, and the byte arrays
 * they point to), read once, then written again many times with new ids: each id of the referral's rows
 * (and its business key) becomes a new one, the same everywhere it is referred to; every timestamp is moved
 * by the clone's shift. Written with COPY, a batch of clones per statement. Jobs (timers, asynchronous
 * continuations) are not cloned: a clone waits at its user task without the timers a real one would have.
 */
final class EngineRowCloner {

  private static final Pattern UUID_TEXT =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  /** Runtime tables cloned, parents first (the engine's foreign keys). Jobs and job definitions are not. */
  private static final List<String> RUNTIME =
      List.of(
          "act_ru_execution",
          "act_ru_task",
          "act_ru_variable",
          "act_ru_event_subscr",
          "act_ru_identitylink",
          "act_ru_authorization");

  private record Table(
      String name, List<String> columns, List<String> types, List<Object[]> rows) {}

  private final List<Table> tables = new ArrayList<>();
  private final Set<String> ids = new HashSet<>();
  private final Set<String> uuidIds = new HashSet<>();
  final String businessKey;
  final int userTasks;
  final int rows;

  private EngineRowCloner(String businessKey, List<Table> tables) {
    this.businessKey = businessKey;
    this.tables.addAll(tables);
    ids.add(businessKey);
    int tasks = 0;
    int count = 0;
    for (Table table : tables) {
      int id = table.columns.indexOf("id_");
      for (Object[] row : table.rows) {
        if (id >= 0 && row[id] instanceof String value) {
          ids.add(value);
          Matcher uuid = UUID_TEXT.matcher(value);
          while (uuid.find()) {
            uuidIds.add(uuid.group());
          }
        }
      }
      if (table.name.equals("act_ru_task")) {
        tasks = table.rows.size();
      }
      count += table.rows.size();
    }
    this.userTasks = tasks;
    this.rows = count;
  }

  /**
   * Reads the referral's engine rows: its process instances (those of its business key and every instance
   * under the same root: the orders' call activities), with their runtime rows when {@code runtime} (an open
   * referral), always their history, and the byte arrays either points to.
   */
  static EngineRowCloner read(Connection connection, String businessKey, boolean runtime)
      throws SQLException {
    List<String> roots =
        strings(
            connection,
            "select distinct root_proc_inst_id_ from act_hi_procinst where business_key_ = ?",
            businessKey);
    List<String> instances =
        strings(
            connection,
            "select id_ from act_hi_procinst where root_proc_inst_id_ = any(?)",
            roots.toArray());
    List<Table> tables = new ArrayList<>();
    Set<String> byteArrays = new HashSet<>();
    List<String> tasks = List.of();
    if (runtime) {
      tasks =
          strings(
              connection,
              "select id_ from act_ru_task where proc_inst_id_ = any(?)",
              instances.toArray());
      List<String> resources = new ArrayList<>(tasks);
      resources.addAll(instances);
      for (String name : RUNTIME) {
        String where =
            switch (name) {
              case "act_ru_identitylink" -> "task_id_ = any(?)";
              case "act_ru_authorization" -> "resource_id_ = any(?)";
              default -> "proc_inst_id_ = any(?)";
            };
        Object[] keys =
            switch (name) {
              case "act_ru_identitylink" -> tasks.toArray();
              case "act_ru_authorization" -> resources.toArray();
              default -> instances.toArray();
            };
        tables.add(table(connection, name, where, keys));
      }
    }
    for (String name :
        strings(
            connection,
            "select table_name from information_schema.columns where table_schema = current_schema()"
                + " and table_name like 'act\\_hi\\_%' and column_name = 'root_proc_inst_id_'"
                + " and table_name not in ('act_hi_batch') order by table_name")) {
      tables.add(table(connection, name, "root_proc_inst_id_ = any(?)", roots.toArray()));
    }
    for (Table table : tables) {
      for (int c = 0; c < table.columns.size(); c++) {
        String column = table.columns.get(c);
        if (column.endsWith("bytearray_id_")
            || column.equals("byte_array_id_")
            || column.endsWith("exception_stack_id_")
            || column.equals("error_details_id_")) {
          for (Object[] row : table.rows) {
            if (row[c] instanceof String id) {
              byteArrays.add(id);
            }
          }
        }
      }
    }
    // Byte arrays first: the runtime variables' foreign keys point to them.
    tables.add(0, table(connection, "act_ge_bytearray", "id_ = any(?)", byteArrays.toArray()));
    return new EngineRowCloner(businessKey, tables);
  }

  private static Table table(Connection connection, String name, String where, Object[] keys)
      throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement("select * from " + name + " where " + where)) {
      Array array = connection.createArrayOf("varchar", keys);
      statement.setArray(1, array);
      try (ResultSet rows = statement.executeQuery()) {
        ResultSetMetaData meta = rows.getMetaData();
        List<String> columns = new ArrayList<>();
        List<String> types = new ArrayList<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          columns.add(meta.getColumnName(i).toLowerCase());
          types.add(meta.getColumnTypeName(i));
        }
        List<Object[]> values = new ArrayList<>();
        while (rows.next()) {
          Object[] row = new Object[columns.size()];
          for (int i = 0; i < row.length; i++) {
            row[i] = rows.getObject(i + 1);
          }
          values.add(row);
        }
        return new Table(name, columns, types, values);
      }
    }
  }

  private static List<String> strings(Connection connection, String sql, Object... keys)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      if (keys.length > 0) {
        if (sql.contains("any(?)")) {
          statement.setArray(1, connection.createArrayOf("varchar", keys));
        } else {
          statement.setString(1, (String) keys[0]);
        }
      }
      List<String> result = new ArrayList<>();
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          result.add(rows.getString(1));
        }
      }
      return result;
    }
  }

  /** Rows by table, for the report. */
  Map<String, Integer> rowsByTable() {
    Map<String, Integer> counts = new LinkedHashMap<>();
    tables.forEach(table -> counts.put(table.name, table.rows.size()));
    return counts;
  }

  /**
   * Writes clones {@code first} .. {@code first + count - 1} (their numbers make their ids: unique across
   * every clone of the run), each moved in time by {@code shift.apply(number)}, {@code batch} clones per COPY.
   */
  void write(Connection connection, int first, int count, int batch, IntFunction<Duration> shift)
      throws SQLException {
    PGConnection pg = connection.unwrap(PGConnection.class);
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    try {
      for (int from = first; from < first + count; from += batch) {
        int to = Math.min(first + count, from + batch);
        for (Table table : tables) {
          if (table.rows.isEmpty()) {
            continue;
          }
          StringBuilder text = new StringBuilder(1 << 20);
          CopyIn copy =
              pg.getCopyAPI()
                  .copyIn(
                      "copy "
                          + table.name
                          + " ("
                          + String.join(", ", table.columns)
                          + ") from stdin");
          try {
            for (int clone = from; clone < to; clone++) {
              Duration moved = shift.apply(clone);
              for (Object[] row : table.rows) {
                line(text, table, row, clone, moved);
                if (text.length() > (1 << 20)) {
                  flush(copy, text);
                }
              }
            }
            flush(copy, text);
            copy.endCopy();
          } finally {
            if (copy.isActive()) {
              copy.cancelCopy();
            }
          }
        }
        connection.commit();
      }
    } catch (SQLException | RuntimeException e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(autoCommit);
    }
  }

  private static void flush(CopyIn copy, StringBuilder text) throws SQLException {
    byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
    copy.writeToCopy(bytes, 0, bytes.length);
    text.setLength(0);
  }

  private void line(StringBuilder text, Table table, Object[] row, int clone, Duration shift) {
    for (int c = 0; c < row.length; c++) {
      if (c > 0) {
        text.append('\t');
      }
      Object value = row[c];
      if (value == null) {
        text.append("\\N");
      } else if (value instanceof Timestamp timestamp) {
        text.append(timestamp.toLocalDateTime().plus(shift));
      } else if (value instanceof byte[] bytes) {
        text.append("\\\\x").append(HexFormat.of().formatHex(bytes));
      } else if (value instanceof String string) {
        escape(text, map(string, clone));
      } else if (value instanceof Boolean bool) {
        text.append(bool ? 't' : 'f');
      } else {
        escape(text, value.toString());
      }
    }
    text.append('\n');
  }

  /** The clone's value: ids (and the business key) made new, the same way everywhere; the rest unchanged. */
  private String map(String value, int clone) {
    if (ids.contains(value)) {
      Matcher uuid = UUID_TEXT.matcher(value);
      if (!uuid.find()) {
        return value + "-" + clone;
      }
      return uuid.replaceAll(match -> derived(match.group(), clone));
    }
    if (value.length() >= 36 && !uuidIds.isEmpty()) {
      Matcher uuid = UUID_TEXT.matcher(value);
      StringBuilder mapped = null;
      int last = 0;
      while (uuid.find()) {
        if (uuidIds.contains(uuid.group())) {
          if (mapped == null) {
            mapped = new StringBuilder(value.length());
          }
          mapped.append(value, last, uuid.start()).append(derived(uuid.group(), clone));
          last = uuid.end();
        }
      }
      if (mapped != null) {
        return mapped.append(value, last, value.length()).toString();
      }
    }
    return value;
  }

  private static String derived(String uuid, int clone) {
    return UUID.nameUUIDFromBytes((uuid + "#" + clone).getBytes(StandardCharsets.US_ASCII))
        .toString();
  }

  private static void escape(StringBuilder text, String value) {
    for (int i = 0; i < value.length(); i++) {
      char ch = value.charAt(i);
      switch (ch) {
        case '\\' -> text.append("\\\\");
        case '\t' -> text.append("\\t");
        case '\n' -> text.append("\\n");
        case '\r' -> text.append("\\r");
        default -> text.append(ch);
      }
    }
  }
}

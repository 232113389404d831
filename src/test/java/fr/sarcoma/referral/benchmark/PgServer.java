package fr.sarcoma.referral.benchmark;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The PostgreSQL server every system of the benchmark runs on, and what its statistics views say of each
 * database: {@code pg_stat_database} (commits, tuples written, buffers), {@code pg_stat_user_tables} (tuples
 * written per table), the CPU time of each database's backends ({@code /proc/<pid>/stat} of the pids
 * {@code pg_stat_activity} lists: the benchmark runs on the server's machine).
 */
final class PgServer {

  final String host;
  final int port;
  final String user;
  final String password;

  /** The server the benchmarks measure: {@code bench.pg.host}, {@code .port}, {@code .user}, {@code .password}. */
  static PgServer fromSystemProperties() {
    return new PgServer(
        System.getProperty("bench.pg.host", "127.0.0.1"),
        Integer.getInteger("bench.pg.port", 5432),
        System.getProperty("bench.pg.user", "postgres"),
        System.getProperty("bench.pg.password", ""));
  }

  PgServer(String host, int port, String user, String password) {
    this.host = host;
    this.port = port;
    this.user = user;
    this.password = password;
  }

  String url(String database) {
    return "jdbc:postgresql://" + host + ":" + port + "/" + database;
  }

  Connection connect(String database) throws SQLException {
    return DriverManager.getConnection(url(database), user, password);
  }

  void execute(String database, String sql) throws SQLException {
    try (Connection connection = connect(database);
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  List<List<String>> query(String database, String sql) throws SQLException {
    try (Connection connection = connect(database);
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      List<List<String>> result = new ArrayList<>();
      int columns = rows.getMetaData().getColumnCount();
      while (rows.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= columns; i++) {
          row.add(rows.getString(i));
        }
        result.add(row);
      }
      return result;
    }
  }

  /** One database's counters at one moment. */
  record Snapshot(
      Map<String, Long> database, Map<String, long[]> tables, Map<String, Long> engine) {

    static Snapshot empty() {
      return new Snapshot(Map.of(), Map.of(), Map.of());
    }
  }

  /** What the engine wrote, by history table: counted rows, not statistics. */
  private static final Map<String, String> ENGINE_COUNTS = engineCounts();

  private static Map<String, String> engineCounts() {
    Map<String, String> counts = new LinkedHashMap<>();
    counts.put("process instances", "select count(*) from act_hi_procinst");
    counts.put("user tasks", "select count(*) from act_hi_taskinst");
    counts.put(
        "jobs run", "select count(*) from act_hi_job_log where job_state_ = 2"); // SUCCESSFUL
    counts.put("jobs created", "select count(*) from act_hi_job_log where job_state_ = 0");
    counts.put("activity instances", "select count(*) from act_hi_actinst");
    counts.put("variables (history)", "select count(*) from act_hi_varinst");
    counts.put("variable updates (history)", "select count(*) from act_hi_detail");
    counts.put("decisions evaluated", "select count(*) from act_hi_decinst");
    counts.put("user operation log", "select count(*) from act_hi_op_log");
    counts.put("identity links (history)", "select count(*) from act_hi_identitylink");
    counts.put("authorizations", "select count(*) from act_ru_authorization");
    return counts;
  }

  /**
   * The database's counters. Our own statements come first, in their own transaction, and their statistics
   * are flushed (pg_stat_force_next_flush, PostgreSQL 15) before the views are read, so that they fall before
   * this snapshot, not inside the next phase: what remains of ours inside a phase is the reading of the views,
   * a few catalog buffers.
   */
  Snapshot snapshot(String database, boolean engine) throws SQLException {
    try (Connection connection = connect(database);
        Statement statement = connection.createStatement()) {
      Map<String, Long> engineCounts = new LinkedHashMap<>();
      if (engine) {
        for (Map.Entry<String, String> count : ENGINE_COUNTS.entrySet()) {
          try (ResultSet row = statement.executeQuery(count.getValue())) {
            row.next();
            engineCounts.put(count.getKey(), row.getLong(1));
          }
        }
      }
      statement.execute("select pg_stat_force_next_flush()");
      statement.execute("select pg_stat_clear_snapshot()");
      Map<String, Long> db = new LinkedHashMap<>();
      try (ResultSet row =
          statement.executeQuery(
              "select xact_commit, xact_rollback, blks_read, blks_hit, tup_inserted, tup_updated,"
                  + " tup_deleted, tup_returned, tup_fetched from pg_stat_database where datname = current_database()")) {
        row.next();
        for (int i = 1; i <= row.getMetaData().getColumnCount(); i++) {
          db.put(row.getMetaData().getColumnName(i), row.getLong(i));
        }
      }
      Map<String, long[]> tables = new HashMap<>();
      try (ResultSet rows =
          statement.executeQuery(
              "select relname, n_tup_ins, n_tup_upd, n_tup_del, n_tup_hot_upd, coalesce(seq_scan, 0),"
                  + " coalesce(seq_tup_read, 0), coalesce(idx_scan, 0) from pg_stat_user_tables")) {
        while (rows.next()) {
          long[] values = new long[7];
          for (int i = 0; i < values.length; i++) {
            values[i] = rows.getLong(i + 2);
          }
          tables.put(rows.getString(1), values);
        }
      }
      return new Snapshot(db, tables, engineCounts);
    }
  }

  /**
   * CPU time of the server's backends, by database: sampled every 250 ms (a backend that ends between two
   * samples loses at most that quarter second: pgbench's, at the end of its run).
   */
  final class BackendCpu implements AutoCloseable {

    private record Backend(String database, double cpuMillis) {}

    private final Map<Long, Backend> latest = new HashMap<>();
    private final Set<String> databases;
    private final Thread sampler;
    private volatile boolean running = true;

    BackendCpu(Set<String> databases) {
      this.databases = databases;
      sampler =
          new Thread(
              () -> {
                while (running) {
                  sample();
                  try {
                    Thread.sleep(250);
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              },
              "backend-cpu");
      sampler.setDaemon(true);
      sampler.start();
    }

    synchronized void sample() {
      try {
        for (List<String> row :
            query(
                "postgres",
                "select pid, datname from pg_stat_activity where backend_type = 'client backend'"
                    + " and datname is not null")) {
          if (databases.contains(row.get(1))) {
            long pid = Long.parseLong(row.get(0));
            double cpu = ChildJvm.procCpuMillis(pid);
            if (!Double.isNaN(cpu)) {
              latest.put(pid, new Backend(row.get(1), cpu));
            }
          }
        }
      } catch (SQLException e) {
        System.err.println("backend CPU sample failed: " + e.getMessage());
      }
    }

    /** The CPU of every backend known now, by pid: the start of a phase. */
    synchronized Map<Long, Double> mark() {
      sample();
      Map<Long, Double> mark = new HashMap<>();
      latest.forEach((pid, backend) -> mark.put(pid, backend.cpuMillis()));
      return mark;
    }

    /** CPU milliseconds the database's backends used since the mark (a backend born since counts whole). */
    synchronized double since(Map<Long, Double> mark, String database) {
      sample();
      double total = 0;
      for (Map.Entry<Long, Backend> entry : latest.entrySet()) {
        if (entry.getValue().database().equals(database)) {
          total += entry.getValue().cpuMillis() - mark.getOrDefault(entry.getKey(), 0.0);
        }
      }
      return total;
    }

    @Override
    public void close() {
      running = false;
      sampler.interrupt();
    }
  }
}

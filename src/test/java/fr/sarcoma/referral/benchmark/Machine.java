package fr.sarcoma.referral.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The machine a benchmark ran on: cores, memory, Java, the PostgreSQL server and its settings, the load. */
final class Machine {

  private Machine() {}

  static String describe(PgServer server) throws SQLException, IOException {
    StringBuilder md = new StringBuilder();
    String memory =
        Files.readAllLines(Path.of("/proc/meminfo")).stream()
            .filter(line -> line.startsWith("MemTotal"))
            .map(
                line ->
                    "%.1f GB"
                        .formatted(Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0 / 1024.0))
            .findFirst()
            .orElse("?");
    String cpu =
        Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
            .filter(line -> line.startsWith("model name"))
            .map(line -> line.substring(line.indexOf(':') + 1).trim())
            .findFirst()
            .orElse("?");
    md.append(
        "- %d cores (%s), %s memory; Java %s%n"
            .formatted(
                Runtime.getRuntime().availableProcessors(),
                cpu,
                memory,
                System.getProperty("java.version")));
    md.append("- ")
        .append(server.query("postgres", "select version()").get(0).get(0))
        .append(", on the same machine\n");
    List<String> settingsShown = new ArrayList<>();
    for (List<String> row :
        server.query(
            "postgres",
            "select name, setting, coalesce(unit, '') from pg_settings where name in ('shared_buffers', 'work_mem',"
                + " 'effective_cache_size', 'max_connections', 'synchronous_commit', 'fsync', 'wal_level',"
                + " 'max_wal_size', 'checkpoint_timeout', 'random_page_cost', 'autovacuum', 'jit',"
                + " 'default_statistics_target') order by name")) {
      settingsShown.add(
          row.get(0) + " = " + row.get(1) + (row.get(2).isEmpty() ? "" : " (" + row.get(2) + ")"));
    }
    md.append("- PostgreSQL settings: ").append(String.join(", ", settingsShown)).append('\n');
    md.append("- At the start: ").append(load(server)).append('\n');
    return md.toString();
  }

  /** How busy the machine is besides us: load average, and the server's other active client backends. */
  static String load(PgServer server) {
    try {
      String loadavg = Files.readString(Path.of("/proc/loadavg")).trim();
      String others =
          server
              .query(
                  "postgres",
                  "select count(*) from pg_stat_activity where backend_type = 'client backend' and state = 'active'"
                      + " and datname not like 'bench\\_%' and pid <> pg_backend_pid()")
              .get(0)
              .get(0);
      return "load average " + loadavg + "; other active client backends on the server: " + others;
    } catch (IOException | SQLException e) {
      return "load unknown (" + e.getMessage() + ")";
    }
  }
}

package fr.sarcoma.referral.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The run's PostgreSQL database, and how it is taken away and given back.
 *
 * <ul>
 *   <li>{@link PrivateCluster}: a cluster of its own ({@code initdb}, {@code pg_ctl}) on a free
 *       port, in a temporary directory; "down" is {@code pg_ctl stop}, "up" is {@code pg_ctl
 *       start}. As root (initdb refuses root), its commands run as the {@code postgres} user with
 *       {@code runuser}.</li>
 *   <li>{@link BlockedDatabase}, where no cluster can be made: a database on an existing server;
 *       "down" refuses new connections ({@code ALLOW_CONNECTIONS false}) and ends the open ones
 *       ({@code pg_terminate_backend}), "up" allows them again.</li>
 * </ul>
 */
interface ChaosDatabase extends AutoCloseable {

  String jdbcUrl();

  String user();

  String password();

  /** How the outage is made, for the report. */
  String describe();

  void takeDown() throws Exception;

  void bringUp() throws Exception;

  Connection connect() throws SQLException;

  /** Stops and deletes everything; never throws. */
  @Override
  void close();

  /** A private cluster where the machine allows it, else a database on the given server. */
  static ChaosDatabase create(ChaosSettings settings, Path workDir, StringBuilder notes) {
    if (!"blocked".equals(settings.dbMode())) {
      try {
        return PrivateCluster.create(settings, workDir);
      } catch (Exception e) {
        if ("cluster".equals(settings.dbMode())) {
          throw new IllegalStateException("No private PostgreSQL cluster: " + e.getMessage(), e);
        }
        notes.append(
            "No private PostgreSQL cluster could be made ("
                + e.getMessage()
                + "): the database outage is made by refusing connections to the run's database"
                + " (ALLOW_CONNECTIONS false and pg_terminate_backend) instead of stopping a server.\n");
      }
    }
    return BlockedDatabase.create(settings);
  }

  /** A PostgreSQL cluster of the run's own. */
  final class PrivateCluster implements ChaosDatabase {

    private final Path bin;
    private final Path dir;
    private final Path data;
    private final int port;
    private final List<String> asPostgres;
    private final String stopMode;
    private boolean running;

    private PrivateCluster(Path bin, Path dir, int port, List<String> asPostgres, String stopMode) {
      this.bin = bin;
      this.dir = dir;
      this.data = dir.resolve("data");
      this.port = port;
      this.asPostgres = asPostgres;
      this.stopMode = stopMode;
    }

    static PrivateCluster create(ChaosSettings settings, Path workDir) throws Exception {
      Path bin = settings.pgBin();
      if (!Files.isExecutable(bin.resolve("initdb"))) {
        throw new IllegalStateException("no initdb in " + bin);
      }
      Path dir = Files.createTempDirectory("chaos-pg-");
      List<String> asPostgres = new ArrayList<>();
      if ("root".equals(System.getProperty("user.name"))) {
        // initdb refuses to run as root: the cluster belongs to the postgres user.
        UserPrincipal postgres =
            dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
        Files.setOwner(dir, postgres);
        asPostgres.addAll(List.of("runuser", "-u", "postgres", "--"));
      }
      PrivateCluster cluster =
          new PrivateCluster(bin, dir, Node.freePort(), asPostgres, settings.dbStopMode());
      try {
        cluster.run(
            "initdb",
            List.of(
                "-D",
                cluster.data.toString(),
                "-U",
                "postgres",
                "--auth=trust",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
                "--no-sync"));
        cluster.bringUp();
        try (Connection connection = cluster.connectTo("postgres");
            Statement statement = connection.createStatement()) {
          statement.execute("create database sarcoma");
        }
      } catch (Exception e) {
        cluster.close();
        throw e;
      }
      return cluster;
    }

    @Override
    public String jdbcUrl() {
      return "jdbc:postgresql://127.0.0.1:" + port + "/sarcoma";
    }

    @Override
    public String user() {
      return "postgres";
    }

    @Override
    public String password() {
      return "";
    }

    @Override
    public String describe() {
      return "PostgreSQL cluster of the run's own on port "
          + port
          + " ("
          + bin.getParent().getFileName()
          + ", initdb"
          + (asPostgres.isEmpty() ? "" : " as user postgres")
          + "), stopped with pg_ctl stop -m "
          + stopMode
          + " and started with pg_ctl start";
    }

    @Override
    public synchronized void takeDown() throws Exception {
      run("pg_ctl", List.of("-D", data.toString(), "-m", stopMode, "-w", "-t", "60", "stop"));
      running = false;
    }

    @Override
    public synchronized void bringUp() throws Exception {
      run(
          "pg_ctl",
          List.of(
              "-D",
              data.toString(),
              "-l",
              dir.resolve("server.log").toString(),
              "-w",
              "-t",
              "60",
              "-o",
              "-p "
                  + port
                  + " -c listen_addresses=127.0.0.1 -c unix_socket_directories="
                  + dir
                  + " -c max_connections=200 -c fsync=off",
              "start"));
      running = true;
    }

    @Override
    public Connection connect() throws SQLException {
      return connectTo("sarcoma");
    }

    private Connection connectTo(String database) throws SQLException {
      return DriverManager.getConnection(
          "jdbc:postgresql://127.0.0.1:" + port + "/" + database, "postgres", "");
    }

    private void run(String tool, List<String> args) throws IOException, InterruptedException {
      List<String> command = new ArrayList<>(asPostgres);
      command.add(bin.resolve(tool).toString());
      command.addAll(args);
      Path output = Files.createTempFile("chaos-pg-cmd", ".log");
      try {
        Process process =
            new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .directory(dir.toFile())
                .start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          throw new IllegalStateException(tool + " did not finish in 120 s");
        }
        if (process.exitValue() != 0) {
          throw new IllegalStateException(
              String.join(" ", command)
                  + " exited "
                  + process.exitValue()
                  + ": "
                  + Files.readString(output).strip());
        }
      } finally {
        Files.deleteIfExists(output);
      }
    }

    @Override
    public synchronized void close() {
      try {
        if (Files.exists(data.resolve("postmaster.pid"))) {
          run("pg_ctl", List.of("-D", data.toString(), "-m", "immediate", "-w", "stop"));
        }
      } catch (Exception e) {
        System.err.println("chaos: could not stop the private cluster: " + e.getMessage());
      }
      running = false;
      try (Stream<Path> paths = Files.walk(dir)) {
        paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      } catch (IOException | UncheckedIOException e) {
        System.err.println("chaos: leftover directory " + dir);
      }
    }

    boolean running() {
      return running;
    }
  }

  /** A database on an existing server, made unreachable by refusing its connections. */
  final class BlockedDatabase implements ChaosDatabase {

    private final String serverUrl;
    private final String user;
    private final String password;
    private final String name;
    private volatile boolean down;
    private Thread terminator;

    private BlockedDatabase(String serverUrl, String user, String password, String name) {
      this.serverUrl = serverUrl;
      this.user = user;
      this.password = password;
      this.name = name;
    }

    static BlockedDatabase create(ChaosSettings settings) {
      String name =
          "chaos_"
              + UUID.randomUUID()
                  .toString()
                  .replace("-", "")
                  .substring(0, 12)
                  .toLowerCase(Locale.ROOT);
      BlockedDatabase database =
          new BlockedDatabase(settings.pgUrl(), settings.pgUser(), settings.pgPassword(), name);
      database.admin("create database " + name);
      return database;
    }

    @Override
    public String jdbcUrl() {
      return serverUrl + name;
    }

    @Override
    public String user() {
      return user;
    }

    @Override
    public String password() {
      return password;
    }

    @Override
    public String describe() {
      return "database "
          + name
          + " on "
          + serverUrl
          + ": connections refused (ALLOW_CONNECTIONS false) and the open ones ended"
          + " (pg_terminate_backend), the server itself left running";
    }

    @Override
    public void takeDown() {
      admin("alter database " + name + " allow_connections false");
      down = true;
      terminate();
      terminator =
          new Thread(
              () -> {
                while (down) {
                  terminate();
                  try {
                    Thread.sleep(500);
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              },
              "chaos-terminator");
      terminator.setDaemon(true);
      terminator.start();
    }

    @Override
    public void bringUp() throws InterruptedException {
      down = false;
      if (terminator != null) {
        terminator.join();
      }
      admin("alter database " + name + " allow_connections true");
    }

    @Override
    public Connection connect() throws SQLException {
      return DriverManager.getConnection(jdbcUrl(), user, password);
    }

    private void terminate() {
      admin(
          "select pg_terminate_backend(pid) from pg_stat_activity where datname = '"
              + name
              + "' and pid <> pg_backend_pid()");
    }

    private void admin(String sql) {
      try (Connection connection =
              DriverManager.getConnection(serverUrl + "postgres", user, password);
          Statement statement = connection.createStatement()) {
        statement.execute(sql);
      } catch (SQLException e) {
        throw new IllegalStateException(sql + ": " + e.getMessage(), e);
      }
    }

    @Override
    public void close() {
      down = false;
      try {
        admin("alter database " + name + " allow_connections true");
        admin("drop database if exists " + name + " with (force)");
      } catch (RuntimeException e) {
        System.err.println("chaos: could not drop " + name + ": " + e.getMessage());
      }
    }
  }
}

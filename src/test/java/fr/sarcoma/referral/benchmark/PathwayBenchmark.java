package fr.sarcoma.referral.benchmark;

import fr.sarcoma.baseline.BareCamundaApplication;
import fr.sarcoma.baseline.BarePathwayModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The pathway benchmark (issue 16; a command, not a test: README, "Benchmarks"). On one PostgreSQL server, in one
 * run, interleaved at each client count: (1) pgbench's TPC-B-like transactions, the server's limit; (2) a bare
 * Camunda application of the same dependencies ({@link BareCamundaApplication}) walking the same user tasks and
 * jobs as our typical biopsy path, authorization on and off; (3) our application, referrals walked through its
 * APIs ({@link Clients}). Each system has its own database and (2, 3) its own JVM. For each: throughput, and per
 * referral and per user task the commits, tuple writes and buffer accesses of its database (PostgreSQL's
 * statistics views), the CPU of its JVM and of its database backends; the p50/p99 of each kind of call. Prints
 * the tables and writes them to target/benchmark/results.md.
 *
 * <p>Settings (system properties): {@code bench.referrals} per measured phase (20), {@code bench.clients}
 * (1,4), {@code bench.warmup} referrals per system before measuring (20), {@code bench.rounds} of the
 * interleaved phases (1), {@code bench.pgbench.seconds} (15) and {@code bench.pgbench.scale} (10),
 * {@code bench.jvmArgs} of the two kinds of JVM (-Xmx1g), {@code bench.pathway.jvmArgs} added to our
 * application's JVM only (none; e.g. a Flight Recorder profile: README, "Benchmarks"), {@code bench.systems} (all:
 * pgbench,bare-authz,bare-no-authz,pathway), {@code bench.pg.host}/{@code port}/{@code user}/{@code password}
 * (127.0.0.1, 5432, postgres, none), {@code bench.pgbench} (/usr/lib/postgresql/15/bin/pgbench),
 * {@code bench.keep} (keep the databases).
 */
public final class PathwayBenchmark {

  static final String PGBENCH = "pgbench";
  static final String BARE_AUTHZ = "bare-authz";
  static final String BARE_NO_AUTHZ = "bare-no-authz";
  static final String PATHWAY = "pathway";

  private static final Map<String, String> LABELS =
      Map.of(
          PGBENCH, "1. pgbench (TPC-B-like)",
          BARE_AUTHZ, "2. bare Camunda, authorization on",
          BARE_NO_AUTHZ, "2. bare Camunda, authorization off",
          PATHWAY, "3. our pathway (authorization on)");

  private record Settings(
      int referrals,
      List<Integer> clients,
      int warmUp,
      int rounds,
      int pgbenchSeconds,
      int pgbenchScale,
      List<String> jvmArgs,
      List<String> pathwayJvmArgs,
      List<String> systems,
      String pgbench,
      boolean keep) {}

  /** A system under test: its database, and for (2) and (3) its JVM and its clients. */
  private static final class Subject {
    final String name;
    final String database;
    ChildJvm jvm;
    Clients.Scenario scenario;
    double idleCpuMsPerSecond = Double.NaN;
    final AtomicInteger referralsStarted = new AtomicInteger();

    Subject(String name, String database) {
      this.name = name;
      this.database = database;
    }
  }

  /** One measured phase (or the sum of a system's phases at a client count). */
  private static final class Phase {
    final String system;
    final int clients;
    long done;
    double seconds;
    final Map<String, Long> db = new LinkedHashMap<>();
    final Map<String, long[]> tables = new TreeMap<>();
    final Map<String, Long> engine = new LinkedHashMap<>();
    double jvmCpuMs;

    /** Of jvmCpuMs, the JIT compiler's threads and the GC's and VM's (ChildJvm.cpuMillisByThreadKind). */
    double jitCpuMs;

    double gcCpuMs;
    double pgCpuMs;

    /** CPU the rest of the machine used meanwhile: other agents, idle systems, pgbench's client (ms). */
    double othersCpuMs;

    /** The time over which othersCpuMs was measured (the phase, and the settling after it). */
    double othersSeconds;

    final Latencies latencies = new Latencies();

    Phase(String system, int clients) {
      this.system = system;
      this.clients = clients;
    }

    void add(Phase other) {
      done += other.done;
      seconds += other.seconds;
      other.db.forEach((key, value) -> db.merge(key, value, Long::sum));
      other.engine.forEach((key, value) -> engine.merge(key, value, Long::sum));
      other.tables.forEach(
          (table, values) ->
              tables.merge(
                  table,
                  values.clone(),
                  (a, b) -> {
                    long[] sum = a.clone();
                    for (int i = 0; i < sum.length; i++) {
                      sum[i] += b[i];
                    }
                    return sum;
                  }));
      jvmCpuMs += other.jvmCpuMs;
      jitCpuMs += other.jitCpuMs;
      gcCpuMs += other.gcCpuMs;
      pgCpuMs += other.pgCpuMs;
      othersCpuMs += other.othersCpuMs;
      othersSeconds += other.othersSeconds;
      latencies.addAll(other.latencies);
    }

    long commits() {
      return db.getOrDefault("xact_commit", 0L);
    }

    long writes() {
      return db.getOrDefault("tup_inserted", 0L)
          + db.getOrDefault("tup_updated", 0L)
          + db.getOrDefault("tup_deleted", 0L);
    }

    long buffers() {
      return db.getOrDefault("blks_hit", 0L) + db.getOrDefault("blks_read", 0L);
    }

    long userTasks() {
      return engine.getOrDefault("user tasks", 0L);
    }
  }

  private final Settings settings;
  private final PgServer server;
  private final Path out = Path.of("target", "benchmark");
  private final Map<String, Subject> subjects = new LinkedHashMap<>();
  private final List<Phase> phases = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private PgServer.BackendCpu backends;

  private PathwayBenchmark(Settings settings, PgServer server) {
    this.settings = settings;
    this.server = server;
  }

  public static void main(String[] args) throws Exception {
    Locale.setDefault(Locale.ROOT);
    Settings settings =
        new Settings(
            Integer.getInteger("bench.referrals", 20),
            Arrays.stream(System.getProperty("bench.clients", "1,4").split(","))
                .map(String::trim)
                .map(Integer::valueOf)
                .toList(),
            Integer.getInteger("bench.warmup", 20),
            Integer.getInteger("bench.rounds", 1),
            Integer.getInteger("bench.pgbench.seconds", 15),
            Integer.getInteger("bench.pgbench.scale", 10),
            Arrays.stream(System.getProperty("bench.jvmArgs", "-Xmx1g").trim().split("\\s+"))
                .filter(arg -> !arg.isBlank())
                .toList(),
            Arrays.stream(System.getProperty("bench.pathway.jvmArgs", "").trim().split("\\s+"))
                .filter(arg -> !arg.isBlank())
                .toList(),
            Arrays.stream(
                    System.getProperty(
                            "bench.systems",
                            String.join(",", PGBENCH, BARE_AUTHZ, BARE_NO_AUTHZ, PATHWAY))
                        .split(","))
                .map(String::trim)
                .toList(),
            System.getProperty("bench.pgbench", "/usr/lib/postgresql/15/bin/pgbench"),
            Boolean.getBoolean("bench.keep"));
    PgServer server = PgServer.fromSystemProperties();
    int status = 0;
    PathwayBenchmark benchmark = new PathwayBenchmark(settings, server);
    try {
      benchmark.run();
    } catch (Exception | AssertionError e) {
      e.printStackTrace();
      status = 1;
    } finally {
      benchmark.tearDown();
    }
    System.exit(status);
  }

  private void run() throws Exception {
    Files.createDirectories(out);
    Instant started = Instant.now();
    String machineBefore = machine();
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    for (String system : settings.systems()) {
      if (!LABELS.containsKey(system)) {
        throw new IllegalArgumentException(
            "unknown system " + system + ": one of " + LABELS.keySet());
      }
      Subject subject = new Subject(system, "bench_" + system.replace('-', '_') + "_" + suffix);
      server.execute("postgres", "create database " + subject.database);
      subjects.put(system, subject);
    }
    backends =
        server
        .new BackendCpu(
            subjects.values().stream()
                .map(subject -> subject.database)
                .collect(java.util.stream.Collectors.toSet()));

    if (subjects.containsKey(PGBENCH)) {
      long init = System.nanoTime();
      pgbench(
          List.of("-i", "-q", "-s", Integer.toString(settings.pgbenchScale())),
          subjects.get(PGBENCH).database);
      log("pgbench: initialised (scale %d) in %.0f s", settings.pgbenchScale(), seconds(init));
    }
    startJvms();
    warmUp();

    for (int clients : settings.clients()) {
      for (int round = 1; round <= settings.rounds(); round++) {
        for (Subject subject : subjects.values()) {
          Phase phase =
              subject.name.equals(PGBENCH)
                  ? pgbenchPhase(subject, clients, round)
                  : camundaPhase(subject, clients);
          phases.add(phase);
          log(
              "%-14s %d client(s), round %d: %d in %.1f s",
              subject.name, clients, round, phase.done, phase.seconds);
        }
      }
    }
    String report = report(started, machineBefore);
    Path file = out.resolve("results.md");
    Files.writeString(file, report);
    System.out.println();
    System.out.println(report);
    System.out.println("Written to " + file.toAbsolutePath());
  }

  // ---------------------------------------------------------------- the systems

  private void startJvms() throws Exception {
    List<String> common =
        List.of(
            "--logging.level.root=WARN",
            "--spring.main.banner-mode=off",
            "--spring.datasource.username=" + server.user,
            "--spring.datasource.password=" + server.password);
    for (Subject subject : subjects.values()) {
      if (subject.name.equals(PGBENCH)) {
        continue;
      }
      List<String> args = new ArrayList<>(common);
      args.add("--spring.datasource.url=" + server.url(subject.database));
      if (subject.name.equals(PATHWAY)) {
        // Our application as it runs, job executor on; the demo profile for its users (password
        // "demo") and
        // groups, on PostgreSQL; no synthetic history; MDT sessions with room for every referral of
        // the run.
        args.addAll(
            List.of(
                "--spring.profiles.active=demo",
                "--sarcoma.demo.history-months=0",
                "--sarcoma.mdt.schedule.capacity=100000"));
        subject.jvm =
            ChildJvm.start(
                subject.name,
                ChildJvm.classpath(true),
                java.util.stream.Stream.concat(
                        settings.jvmArgs().stream(), settings.pathwayJvmArgs().stream())
                    .toList(),
                "fr.sarcoma.referral.SarcomaReferralApplication",
                args,
                out);
        subject.scenario = new Clients.Pathway();
      } else {
        args.addAll(
            List.of(
                "--spring.config.name=bare-baseline",
                "--spring.flyway.enabled=false",
                "--camunda.bpm.database.schema-update=true",
                "--camunda.bpm.history-level=full",
                "--camunda.bpm.auto-deployment-enabled=false",
                "--camunda.bpm.authorization.enabled=" + subject.name.equals(BARE_AUTHZ),
                "--camunda.bpm.generic-properties.properties.group-resource-whitelist-pattern="
                    + "[a-zA-Z0-9]+|[a-z0-9]+(-[a-z0-9]+)+"));
        subject.jvm =
            ChildJvm.start(
                subject.name,
                ChildJvm.classpath(false),
                settings.jvmArgs(),
                BareCamundaApplication.class.getName(),
                args,
                out);
        subject.scenario = new Clients.Bare();
      }
    }
    long start = System.nanoTime();
    for (Subject subject : subjects.values()) {
      if (subject.jvm != null) {
        subject.jvm.awaitReady("coordinator", "demo", Duration.ofMinutes(6));
        log("%s: ready in %.0f s", subject.name, subject.jvm.startupSeconds);
      }
    }
    log("JVMs started together in %.0f s", seconds(start));
  }

  /** JIT and pools warm, then the statistics a production server's autovacuum would have by now. */
  private void warmUp() throws Exception {
    int clients = settings.clients().stream().mapToInt(Integer::intValue).max().orElse(1);
    for (Subject subject : subjects.values()) {
      if (subject.jvm == null || settings.warmUp() == 0) {
        continue;
      }
      long start = System.nanoTime();
      drive(subject, clients, settings.warmUp(), new Latencies());
      log("%s: %d warm-up referrals in %.0f s", subject.name, settings.warmUp(), seconds(start));
    }
    for (Subject subject : subjects.values()) {
      server.execute(subject.database, "vacuum analyze");
    }
    // What each JVM costs doing nothing (job acquisition, pools, schedulers), all idle together.
    Map<String, Double> before = new LinkedHashMap<>();
    subjects.values().stream()
        .filter(subject -> subject.jvm != null)
        .forEach(subject -> before.put(subject.name, subject.jvm.cpuMillis()));
    long start = System.nanoTime();
    Thread.sleep(IDLE_MILLIS);
    double idleSeconds = seconds(start);
    before.forEach(
        (name, cpu) ->
            subjects.get(name).idleCpuMsPerSecond =
                (subjects.get(name).jvm.cpuMillis() - cpu) / idleSeconds);
  }

  private static final long IDLE_MILLIS = 11_000;

  /** Longer than PostgreSQL 15's PGSTAT_IDLE_INTERVAL (10 s). */
  private static final long STATISTICS_FLUSH_MILLIS = 11_000;

  // ---------------------------------------------------------------- phases

  private Phase camundaPhase(Subject subject, int clients) throws Exception {
    // Autovacuum is off on this server: what it would have done since the last phase, outside the
    // measure.
    // The system has been idle since its last phase (others ran meanwhile) or since the idle
    // measure: its
    // backends' statistics are flushed.
    server.execute(subject.database, "vacuum analyze");
    Thread.sleep(1500);
    PgServer.Snapshot before = server.snapshot(subject.database, true);
    double cpuBefore = subject.jvm.cpuMillis();
    Map<String, Double> threadsBefore = subject.jvm.cpuMillisByThreadKind();
    Map<Long, Double> mark = backends.mark();
    double[] machine = machineMark();
    Phase phase = new Phase(subject.name, clients);
    long start = System.nanoTime();
    drive(subject, clients, settings.referrals(), phase.latencies);
    phase.seconds = seconds(start);
    phase.done = settings.referrals();
    // A backend that went idle less than a second after its last flush keeps its statistics up to
    // 10 s
    // (PostgreSQL 15: PGSTAT_MIN_INTERVAL, PGSTAT_IDLE_INTERVAL): the pool's connections are waited
    // for.
    Thread.sleep(STATISTICS_FLUSH_MILLIS);
    phase.pgCpuMs = backends.since(mark, subject.database);
    phase.jvmCpuMs = subject.jvm.cpuMillis() - cpuBefore;
    Map<String, Double> threadsAfter = subject.jvm.cpuMillisByThreadKind();
    phase.jitCpuMs = threadsAfter.getOrDefault("jit", 0.0) - threadsBefore.getOrDefault("jit", 0.0);
    phase.gcCpuMs = threadsAfter.getOrDefault("gc", 0.0) - threadsBefore.getOrDefault("gc", 0.0);
    phase.othersCpuMs = othersSince(machine, phase.jvmCpuMs + phase.pgCpuMs);
    phase.othersSeconds = seconds((long) machine[2]);
    delta(phase, before, server.snapshot(subject.database, true));
    return phase;
  }

  private void drive(Subject subject, int clients, int referrals, Latencies latencies)
      throws Exception {
    AtomicInteger next = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      List<Future<?>> running = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        running.add(
            pool.submit(
                () -> {
                  Clients.Session session = new Clients.Session(subject.jvm.port, latencies);
                  while (next.getAndIncrement() < referrals) {
                    subject.scenario.referral(session, subject.referralsStarted.incrementAndGet());
                  }
                  return null;
                }));
      }
      for (Future<?> client : running) {
        client.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private Phase pgbenchPhase(Subject subject, int clients, int round) throws Exception {
    Thread.sleep(1000);
    PgServer.Snapshot before = server.snapshot(subject.database, false);
    Map<Long, Double> mark = backends.mark();
    double[] machine = machineMark();
    Phase phase = new Phase(subject.name, clients);
    String prefix = "pgbench_log_c" + clients + "_r" + round;
    long start = System.nanoTime();
    String output =
        pgbench(
            List.of(
                "-n",
                "-c",
                Integer.toString(clients),
                "-j",
                Integer.toString(clients),
                "-T",
                Integer.toString(settings.pgbenchSeconds()),
                "-l",
                "--log-prefix=" + out.resolve(prefix)),
            subject.database);
    phase.seconds = seconds(start);
    // pgbench's backends flushed their statistics when they ended.
    Thread.sleep(1500);
    phase.pgCpuMs = backends.since(mark, subject.database);
    phase.othersCpuMs = othersSince(machine, phase.pgCpuMs);
    phase.othersSeconds = seconds((long) machine[2]);
    delta(phase, before, server.snapshot(subject.database, false));
    Matcher processed =
        Pattern.compile("number of transactions actually processed: (\\d+)").matcher(output);
    Matcher tps = Pattern.compile("tps = ([0-9.]+) \\(without initial").matcher(output);
    if (!processed.find() || !tps.find()) {
      throw new IllegalStateException("pgbench said:\n" + output);
    }
    phase.done = Long.parseLong(processed.group(1));
    // Throughput over the run's own measured time, as pgbench reports it (connections excluded).
    phase.seconds = phase.done / Double.parseDouble(tps.group(1));
    try (DirectoryStream<Path> logs = Files.newDirectoryStream(out, prefix + "*")) {
      for (Path log : logs) {
        for (String line : Files.readAllLines(log)) {
          String[] fields = line.split(" ");
          phase.latencies.add("TPC-B-like transaction", Long.parseLong(fields[2]) / 1000.0);
        }
        Files.delete(log);
      }
    }
    return phase;
  }

  /** The machine's busy CPU, and the benchmark's own (its clients), now; and when. */
  private static double[] machineMark() {
    return new double[] {
      ChildJvm.machineBusyMillis(),
      ChildJvm.procCpuMillis(ProcessHandle.current().pid()),
      System.nanoTime()
    };
  }

  /** The machine's busy CPU since the mark, less the system's (measured) and the benchmark's own. */
  private static double othersSince(double[] mark, double systemCpuMs) {
    double machine = ChildJvm.machineBusyMillis() - mark[0];
    double benchmark = ChildJvm.procCpuMillis(ProcessHandle.current().pid()) - mark[1];
    return machine - benchmark - systemCpuMs;
  }

  private String pgbench(List<String> arguments, String database)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(settings.pgbench());
    command.addAll(
        List.of("-h", server.host, "-p", Integer.toString(server.port), "-U", server.user));
    command.addAll(arguments);
    command.add(database);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    if (!server.password.isEmpty()) {
      builder.environment().put("PGPASSWORD", server.password);
    }
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
    }
    return output;
  }

  private static void delta(Phase phase, PgServer.Snapshot before, PgServer.Snapshot after) {
    after
        .database()
        .forEach(
            (key, value) -> phase.db.put(key, value - before.database().getOrDefault(key, 0L)));
    after
        .engine()
        .forEach(
            (key, value) -> phase.engine.put(key, value - before.engine().getOrDefault(key, 0L)));
    after
        .tables()
        .forEach(
            (table, values) -> {
              long[] was = before.tables().getOrDefault(table, new long[values.length]);
              long[] delta = new long[values.length];
              for (int i = 0; i < values.length; i++) {
                delta[i] = values[i] - was[i];
              }
              phase.tables.put(table, delta);
            });
  }

  // ---------------------------------------------------------------- the report

  private Phase total(String system, int clients) {
    Phase sum = new Phase(system, clients);
    phases.stream()
        .filter(phase -> phase.system.equals(system) && phase.clients == clients)
        .forEach(sum::add);
    return sum;
  }

  private String report(Instant started, String machineBefore) throws Exception {
    StringBuilder md = new StringBuilder();
    String date =
        DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z")
            .withZone(ZoneId.of("Europe/Paris"))
            .format(started);
    md.append("# Pathway benchmark\n\n");
    md.append("Run of ")
        .append(date)
        .append(", ")
        .append(Duration.between(started, Instant.now()).toSeconds())
        .append(" s. Command: see README, \"Benchmarks\".\n\n");
    md.append(
        "Settings: %d referrals (or bare instances) per measured phase, clients %s, %d round(s), %d warm-up referrals per system; pgbench -T %d, scale %d; JVMs: `%s`.%n%n"
            .formatted(
                settings.referrals(),
                settings.clients(),
                settings.rounds(),
                settings.warmUp(),
                settings.pgbenchSeconds(),
                settings.pgbenchScale(),
                String.join(" ", settings.jvmArgs())));
    List<String> given =
        System.getProperties().stringPropertyNames().stream()
            .filter(name -> name.startsWith("bench."))
            .sorted()
            .map(name -> "-D" + name + "=" + System.getProperty(name))
            .toList();
    md.append("Properties given: ")
        .append(given.isEmpty() ? "none (the defaults)" : "`" + String.join(" ", given) + "`")
        .append(".\n\n");
    md.append(
        "Statistics: autovacuum is off on this server; the benchmark runs `VACUUM ANALYZE` on each database after the warm-up and before every measured phase (outside the measure), as autovacuum keeps a production database analysed.\n\n");

    md.append("## Per referral and per user task\n\n");
    md.append(
        "Each cell `a · b`: per referral · per user task (pgbench: per transaction). Database figures from `pg_stat_database` of the system's own database; JVM CPU from `/proc/<pid>/stat` of its JVM; PG CPU: its database's backends. Others' CPU: what the rest of the machine used meanwhile (busy CPU of `/proc/stat` less the system's and the benchmark client's), in cores out of %d: other work on the machine makes the figures noisy (pgbench: its client included).%n%n"
            .formatted(Runtime.getRuntime().availableProcessors()));
    md.append(
        "| system | clients | referrals | user tasks per referral | referrals/s · user tasks/s | commits | tuple writes | buffer accesses | JVM CPU ms | PG CPU ms | writes / bare | JVM CPU / bare | commits/s / pgbench tps | others' CPU (cores) |\n");
    md.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    List<String> verdicts = new ArrayList<>();
    for (int clients : settings.clients()) {
      Phase pgbench = subjects.containsKey(PGBENCH) ? total(PGBENCH, clients) : null;
      Phase bare = subjects.containsKey(BARE_AUTHZ) ? total(BARE_AUTHZ, clients) : null;
      for (String system : subjects.keySet()) {
        Phase p = total(system, clients);
        if (p.done == 0) {
          continue;
        }
        if (system.equals(PGBENCH)) {
          md.append(
              "| %s | %d | %d transactions | – | %.0f tps | %s | %s | %s | – | %s | – | – | 1 | %.2f |%n"
                  .formatted(
                      LABELS.get(system),
                      clients,
                      p.done,
                      p.done / p.seconds,
                      fmt(p.commits() / (double) p.done),
                      fmt(p.writes() / (double) p.done),
                      fmt(p.buffers() / (double) p.done),
                      fmt(p.pgCpuMs / p.done),
                      p.othersCpuMs / 1000 / p.othersSeconds));
          continue;
        }
        double ut = p.userTasks();
        String writesRatio = "–";
        String cpuRatio = "–";
        if (bare != null && !system.equals(BARE_AUTHZ) && bare.userTasks() > 0 && ut > 0) {
          double w = (p.writes() / ut) / (bare.writes() / (double) bare.userTasks());
          double c = (p.jvmCpuMs / ut) / (bare.jvmCpuMs / bare.userTasks());
          writesRatio = "%.2f×".formatted(w);
          cpuRatio = "%.2f×".formatted(c);
          if (system.equals(PATHWAY)) {
            verdicts.add(
                "%d client(s): writes per user task %.2f× the bare baseline's, JVM CPU per user task %.2f×: target (≤ 1.25×) %s."
                    .formatted(clients, w, c, w <= 1.25 && c <= 1.25 ? "**met**" : "**not met**"));
          }
        }
        String share =
            pgbench == null || pgbench.done == 0
                ? "–"
                : "%.3f".formatted((p.commits() / p.seconds) / (pgbench.done / pgbench.seconds));
        md.append(
            "| %s | %d | %d | %.1f | %.2f · %.1f | %s · %s | %s · %s | %s · %s | %s · %s | %s · %s | %s | %s | %s | %.2f |%n"
                .formatted(
                    LABELS.get(system),
                    clients,
                    p.done,
                    ut / p.done,
                    p.done / p.seconds,
                    ut / p.seconds,
                    fmt(p.commits() / (double) p.done),
                    fmt(p.commits() / ut),
                    fmt(p.writes() / (double) p.done),
                    fmt(p.writes() / ut),
                    fmt(p.buffers() / (double) p.done),
                    fmt(p.buffers() / ut),
                    fmt(p.jvmCpuMs / p.done),
                    fmt(p.jvmCpuMs / ut),
                    fmt(p.pgCpuMs / p.done),
                    fmt(p.pgCpuMs / ut),
                    writesRatio,
                    cpuRatio,
                    share,
                    p.othersCpuMs / 1000 / p.othersSeconds));
      }
    }
    md.append('\n');
    if (verdicts.isEmpty()) {
      md.append(
          "Target (our pathway ≤ 1.25× the bare baseline's writes and JVM CPU per user task): not measured in this run.\n\n");
    } else {
      md.append(
          "**Target** (our pathway ≤ 1.25× the bare baseline's writes and JVM CPU per user task, authorization on in both):\n\n");
      verdicts.forEach(verdict -> md.append("- ").append(verdict).append('\n'));
      md.append('\n');
    }

    threadKinds(md);
    shape(md);
    latencies(md);
    writers(md);
    jvms(md);
    md.append("## Machine\n\n")
        .append(machineBefore)
        .append("\nAt the end: ")
        .append(load())
        .append("\n\n");
    if (!notes.isEmpty()) {
      md.append("## Notes\n\n");
      notes.forEach(note -> md.append("- ").append(note).append('\n'));
    }
    return md.toString();
  }

  /**
   * The JVM CPU per user task by kind of thread: the JIT compiler still compiles after the warm-up (the more code a
   * system runs, the longer), which is not work done per user task once the JVM is warm.
   */
  private void threadKinds(StringBuilder md) {
    md.append("## JVM CPU per user task, by kind of thread\n\n");
    md.append(
        "From `/proc/<pid>/task/*/stat` at the start and end of each phase: the JIT compiler's threads (C1, C2), the GC's and the VM's own, and every other thread (requests, jobs: the work itself). Ratios to the bare baseline (authorization on) at the same client count.\n\n");
    md.append(
        "| system | clients | JVM CPU ms | JIT compiler | GC and VM | requests and jobs | requests and jobs / bare |\n");
    md.append("|---|---|---|---|---|---|---|\n");
    for (int clients : settings.clients()) {
      Phase bare = subjects.containsKey(BARE_AUTHZ) ? total(BARE_AUTHZ, clients) : null;
      for (String system : subjects.keySet()) {
        Phase p = total(system, clients);
        double ut = p.userTasks();
        if (system.equals(PGBENCH) || p.done == 0 || ut == 0) {
          continue;
        }
        double work = (p.jvmCpuMs - p.jitCpuMs - p.gcCpuMs) / ut;
        String ratio =
            bare == null || system.equals(BARE_AUTHZ) || bare.userTasks() == 0
                ? "–"
                : "%.2f×"
                    .formatted(
                        work / ((bare.jvmCpuMs - bare.jitCpuMs - bare.gcCpuMs) / bare.userTasks()));
        md.append(
            "| %s | %d | %s | %s | %s | %s | %s |%n"
                .formatted(
                    LABELS.get(system),
                    clients,
                    fmt(p.jvmCpuMs / ut),
                    fmt(p.jitCpuMs / ut),
                    fmt(p.gcCpuMs / ut),
                    fmt(work),
                    ratio));
      }
    }
    md.append('\n');
  }

  /** What one referral is, in each engine: counted rows of its history, and the calls its client made. */
  private void shape(StringBuilder md) {
    int clients = settings.clients().get(settings.clients().size() - 1);
    List<String> systems =
        subjects.keySet().stream().filter(system -> !system.equals(PGBENCH)).toList();
    if (systems.isEmpty()) {
      return;
    }
    md.append("## One referral, counted (%d client(s))%n%n".formatted(clients));
    md.append("| per referral |");
    systems.forEach(system -> md.append(' ').append(LABELS.get(system)).append(" |"));
    md.append("\n|---|");
    systems.forEach(system -> md.append("---|"));
    md.append('\n');
    Map<String, Phase> totals = new LinkedHashMap<>();
    systems.forEach(system -> totals.put(system, total(system, clients)));
    Set<String> rows = new LinkedHashSet<>();
    totals.values().forEach(phase -> rows.addAll(phase.engine.keySet()));
    for (String row : rows) {
      md.append("| ").append(row).append(" |");
      totals
          .values()
          .forEach(
              phase ->
                  md.append(' ')
                      .append(fmt(phase.engine.getOrDefault(row, 0L) / (double) phase.done))
                      .append(" |"));
      md.append('\n');
    }
    md.append("| HTTP calls |");
    totals
        .values()
        .forEach(
            phase ->
                md.append(' ')
                    .append(fmt(phase.latencies.count() / (double) phase.done))
                    .append(" |"));
    md.append("\n| rollbacks |");
    totals
        .values()
        .forEach(
            phase ->
                md.append(' ')
                    .append(fmt(phase.db.getOrDefault("xact_rollback", 0L) / (double) phase.done))
                    .append(" |"));
    md.append(
        "\n\nBare baseline's model: %d user tasks, %d asynchronous no-op service tasks, %d timers fired through the REST API (the MDT sessions), in one process instance.%n%n"
            .formatted(
                BarePathwayModel.count(BarePathwayModel.Kind.USER_TASK),
                BarePathwayModel.count(BarePathwayModel.Kind.ASYNC_SERVICE),
                BarePathwayModel.count(BarePathwayModel.Kind.TIMER)));
  }

  private void latencies(StringBuilder md) {
    md.append("## Calls: p50 / p99 ms (count)\n\n");
    for (String system : subjects.keySet()) {
      md.append("**").append(LABELS.get(system)).append("**\n\n| call |");
      settings.clients().forEach(clients -> md.append(' ').append(clients).append(" client(s) |"));
      md.append("\n|---|");
      settings.clients().forEach(clients -> md.append("---|"));
      md.append('\n');
      Map<Integer, Map<String, List<Double>>> byClients = new TreeMap<>();
      Set<String> calls = new java.util.TreeSet<>();
      for (int clients : settings.clients()) {
        Map<String, List<Double>> sorted = total(system, clients).latencies.sorted();
        byClients.put(clients, sorted);
        calls.addAll(sorted.keySet());
      }
      for (String call : calls) {
        md.append("| ").append(call).append(" |");
        for (int clients : settings.clients()) {
          List<Double> values = byClients.get(clients).getOrDefault(call, List.of());
          md.append(
              values.isEmpty()
                  ? " – |"
                  : " %.0f / %.0f (%d) |"
                      .formatted(
                          Latencies.percentile(values, 50),
                          Latencies.percentile(values, 99),
                          values.size()));
        }
        md.append('\n');
      }
      md.append('\n');
    }
  }

  /** The tables each system writes most, per referral (pgbench: per transaction), at the largest client count. */
  private void writers(StringBuilder md) {
    int clients = settings.clients().get(settings.clients().size() - 1);
    md.append("## Top writers per referral (%d client(s))%n%n".formatted(clients));
    for (String system : subjects.keySet()) {
      Phase p = total(system, clients);
      if (p.done == 0) {
        continue;
      }
      md.append("**")
          .append(LABELS.get(system))
          .append(
              "**\n\n| table | inserts | updates (HOT) | deletes | sequential scans | rows read by them |\n|---|---|---|---|---|---|\n");
      p.tables.entrySet().stream()
          .sorted(
              Comparator.comparingLong(
                  (Map.Entry<String, long[]> e) ->
                      -(e.getValue()[0] + e.getValue()[1] + e.getValue()[2])))
          .limit(12)
          .filter(e -> e.getValue()[0] + e.getValue()[1] + e.getValue()[2] > 0)
          .forEach(
              e -> {
                long[] v = e.getValue();
                double n = p.done;
                md.append(
                    "| %s | %s | %s (%s) | %s | %s | %s |%n"
                        .formatted(
                            e.getKey(),
                            fmt(v[0] / n),
                            fmt(v[1] / n),
                            fmt(v[3] / n),
                            fmt(v[2] / n),
                            fmt(v[4] / n),
                            fmt(v[5] / n)));
              });
      md.append('\n');
      List<String> scanned =
          p.tables.entrySet().stream()
              .filter(e -> e.getValue()[4] > 0 && e.getValue()[5] > 0)
              .sorted(Comparator.comparingLong((Map.Entry<String, long[]> e) -> -e.getValue()[5]))
              .limit(8)
              .map(
                  e ->
                      "`%s` %s scans reading %s rows"
                          .formatted(
                              e.getKey(),
                              fmt(e.getValue()[4] / (double) p.done),
                              fmt(e.getValue()[5] / (double) p.done)))
              .toList();
      if (!scanned.isEmpty()) {
        md.append("Sequential scans that read rows, per referral: ")
            .append(String.join("; ", scanned))
            .append(".\n\n");
      }
    }
  }

  private void jvms(StringBuilder md) throws IOException {
    md.append(
        "## JVMs\n\n| system | started in (together) | CPU when idle (after the warm-up, %d s) | resident memory at the end | peak resident memory |\n|---|---|---|---|---|\n"
            .formatted(IDLE_MILLIS / 1000));
    for (Subject subject : subjects.values()) {
      if (subject.jvm != null) {
        md.append(
            "| %s | %.0f s | %.1f ms/s | %.0f MB | %.0f MB |%n"
                .formatted(
                    LABELS.get(subject.name),
                    subject.jvm.startupSeconds,
                    subject.idleCpuMsPerSecond,
                    subject.jvm.memoryMb("VmRSS"),
                    subject.jvm.memoryMb("VmHWM")));
      }
    }
    md.append('\n');
    try (DirectoryStream<Path> jars = Files.newDirectoryStream(Path.of("target"), "*.jar")) {
      for (Path jar : jars) {
        md.append("Jar `%s`: %.1f MB.%n".formatted(jar.getFileName(), Files.size(jar) / 1e6));
      }
    }
    md.append('\n');
  }

  private String machine() throws SQLException, IOException {
    return Machine.describe(server);
  }

  private String load() {
    return Machine.load(server);
  }

  // ---------------------------------------------------------------- end

  private void tearDown() {
    if (backends != null) {
      backends.close();
    }
    for (Subject subject : subjects.values()) {
      try {
        if (subject.jvm != null) {
          subject.jvm.stop();
        }
        if (!settings.keep()) {
          server.execute(
              "postgres", "drop database if exists " + subject.database + " with (force)");
        }
      } catch (Exception e) {
        System.err.println("could not stop " + subject.name + ": " + e.getMessage());
      }
    }
    if (settings.keep()) {
      System.out.println(
          "Databases kept: "
              + subjects.values().stream().map(subject -> subject.database).toList());
    }
  }

  private static String fmt(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return "–";
    }
    double abs = Math.abs(value);
    return String.format(
        Locale.ROOT, abs >= 100 ? "%.0f" : abs >= 10 ? "%.1f" : abs >= 1 ? "%.2f" : "%.3f", value);
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  private static void log(String format, Object... args) {
    System.out.println(
        "[bench " + Instant.now().toString().substring(11, 19) + "] " + format.formatted(args));
  }
}

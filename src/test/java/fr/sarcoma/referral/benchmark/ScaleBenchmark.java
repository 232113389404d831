package fr.sarcoma.referral.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The scale benchmark (issue 16, its second part; a command, not a test: README, "Benchmarks"). On a fresh
 * PostgreSQL database, our application in a child JVM (the demo profile: its users, groups and Tasklist
 * filters), then: 1,000,000 completed pathways written into our tables by {@code SyntheticHistory} (the
 * demo's generator, at start-up), the engine history of those of the last 180 days (the engine keeps no
 * more: history time to live) cloned from a real completed referral, 10,000 open user tasks cloned from real
 * referrals parked at each kind of user task, VACUUM ANALYZE; then the p50/p99 of what the clinicians and
 * managers call: each clinical group's Tasklist filter and its count badge, task completion on real parked
 * referrals, the referral view (open and old referrals), the managers' measures. Optionally a second
 * configuration of the application on the same database ({@code bench.compareArgs}), side by side.
 *
 * <p>Settings (system properties): {@code bench.pathways} (1000000), {@code bench.years} over which they
 * arrived (20), {@code bench.openTasks} (10000), {@code bench.engineHistory} (completed referrals with
 * engine history; default: those that arrived in the last 180 days at the pathways' rate),
 * {@code bench.samples} per call and client count (200), {@code bench.completions} per client count
 * (bench.samples), {@code bench.database} (an existing database, kept by an earlier run: no generation of
 * the synthetic history), {@code bench.maxSeconds} per call and client count
 * (40: fewer samples when a call is slower), {@code bench.clients} (1,4), {@code bench.jvmArgs} (-Xmx1g),
 * {@code bench.appArgs} (extra arguments of the application: JVM options first, then Spring's
 * {@code --name=value}), {@code bench.compareArgs} (a second configuration, measured after the first),
 * {@code bench.explain} (true: the SQL of the slowest calls, captured and explained), {@code bench.keep}
 * (keep the database), {@code bench.pg.*} as in {@link PathwayBenchmark}.
 */
public final class ScaleBenchmark {

  /** Days of engine history our models keep (historyTimeToLive). */
  private static final int HISTORY_DAYS = 180;

  private static final String PASSWORD = "demo";
  private static final String GROUP_FILTER = "Tâches de mon groupe";
  private static final String COMPLETED_TASK = "Task_ClassifyInitialImaging";

  /**
   * Where the open tasks wait, by kind: a share of the 10,000 (the longer a step waits, the more tasks it
   * holds): coordinators 30 %, radiologists 30 %, MDT chairs 15 %, surgeons 10 %, pathologists 15 %.
   */
  private static final Map<String, Double> OPEN_TASKS = openTasks();

  private static Map<String, Double> openTasks() {
    Map<String, Double> kinds = new LinkedHashMap<>();
    kinds.put("Task_ScheduleExam", 0.20);
    kinds.put("Task_ClassifyInitialImaging", 0.15);
    kinds.put("Task_ReportCharacterisation", 0.15);
    kinds.put("Task_PrepareMdtCase", 0.10);
    kinds.put("Task_RecordMdtDecision", 0.15);
    kinds.put("Task_AgreeBiopsyApproach", 0.10);
    kinds.put("Task_ReviewBiopsyResult", 0.15);
    return kinds;
  }

  /** The clinical groups' users (seeds/demo/users.json); mdtchair is in mdt-chairs and oncologists. */
  private static final Map<String, String> GROUP_USERS =
      Map.of(
          "coordinators", "coordinator",
          "radiologists", "radiologist",
          "surgeons", "surgeon",
          "pathologists", "pathologist",
          "mdt-chairs + oncologists", "mdtchair");

  private static final List<String> GROUPS =
      List.of(
          "coordinators", "radiologists", "surgeons", "pathologists", "mdt-chairs + oncologists");

  /** Tasklist's request for a filter's first page: newest first, 15 tasks, as HAL (the filter's variables). */
  static final String TASKLIST_BODY =
      "{\"processVariables\":[],\"taskVariables\":[],\"caseInstanceVariables\":[],\"orQueries\":[],"
          + "\"sorting\":[{\"sortBy\":\"created\",\"sortOrder\":\"desc\"}]}";

  private record Settings(
      int pathways,
      int years,
      int openTasks,
      int engineHistory,
      int samples,
      int completions,
      int maxSeconds,
      List<Integer> clients,
      List<String> jvmArgs,
      List<List<String>> configs,
      boolean explain,
      boolean keep) {}

  /** A measured call: its label, its target p99 (ms, or NaN), and one call by a client. */
  private record Call(String label, double targetMs, BiConsumer<Clients.Session, Integer> call) {}

  private final Settings settings;
  private final PgServer server;
  private final Path out = Path.of("target", "benchmark");
  private final String database =
      System.getProperty(
          "bench.database", "bench_scale_" + UUID.randomUUID().toString().substring(0, 8));
  private final List<String> notes = new ArrayList<>();
  private final Map<String, String> generation = new LinkedHashMap<>();
  private final Map<String, Map<String, Latencies>> results = new LinkedHashMap<>();
  private final Map<String, String> explained = new LinkedHashMap<>();
  private final List<Clients.Parked> parked = new ArrayList<>();
  private final ConcurrentLinkedQueue<Clients.Parked> toComplete = new ConcurrentLinkedQueue<>();
  private final List<String> oldReferrals = new ArrayList<>();
  private final Map<String, String> filters = new LinkedHashMap<>();
  private boolean databaseCreated;
  private ChildJvm app;

  private ScaleBenchmark(Settings settings, PgServer server) {
    this.settings = settings;
    this.server = server;
  }

  public static void main(String[] args) throws Exception {
    Locale.setDefault(Locale.ROOT);
    int pathways = Integer.getInteger("bench.pathways", 1_000_000);
    int years = Integer.getInteger("bench.years", 20);
    List<List<String>> configs = new ArrayList<>();
    configs.add(words(System.getProperty("bench.appArgs", "")));
    if (System.getProperty("bench.compareArgs") != null) {
      configs.add(words(System.getProperty("bench.compareArgs")));
    }
    Settings settings =
        new Settings(
            pathways,
            years,
            Integer.getInteger("bench.openTasks", 10_000),
            Integer.getInteger(
                "bench.engineHistory",
                (int) Math.round(pathways * (double) HISTORY_DAYS / (years * 365.25))),
            Integer.getInteger("bench.samples", 200),
            Integer.getInteger("bench.completions", Integer.getInteger("bench.samples", 200)),
            Integer.getInteger("bench.maxSeconds", 40),
            Arrays.stream(System.getProperty("bench.clients", "1,4").split(","))
                .map(String::trim)
                .map(Integer::valueOf)
                .toList(),
            words(System.getProperty("bench.jvmArgs", "-Xmx1g")),
            configs,
            Boolean.parseBoolean(System.getProperty("bench.explain", "true")),
            Boolean.getBoolean("bench.keep"));
    PgServer server = PgServer.fromSystemProperties();
    ScaleBenchmark benchmark = new ScaleBenchmark(settings, server);
    int status = 0;
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

  private static List<String> words(String value) {
    return Arrays.stream(value.trim().split("\\s+")).filter(word -> !word.isBlank()).toList();
  }

  private void run() throws Exception {
    Files.createDirectories(out);
    Instant started = Instant.now();
    String machine = Machine.describe(server);
    // bench.database: a database an earlier run kept (or is still writing its synthetic history
    // into).
    if (System.getProperty("bench.database") == null) {
      server.execute("postgres", "create database " + database);
    }
    databaseCreated = true;
    log("database %s", database);

    int months = settings.years() * 12;
    int perMonth = (settings.pathways() + months - 1) / months;
    long start = System.nanoTime();
    boolean reused = System.getProperty("bench.database") != null;
    app =
        startApp(
            settings.configs().get(0),
            reused
                ? List.of()
                : List.of(
                    "--sarcoma.demo.history-months=" + months,
                    "--sarcoma.demo.referrals-per-month=" + perMonth));
    awaitSynthetic(months * perMonth);
    generation.put(
        "completed pathways in our tables",
        "%,d (SyntheticHistory: %d months × %,d a month, one transaction, at the application's start) %s %.0f s"
            .formatted(
                months * perMonth,
                months,
                perMonth,
                reused ? "in a database reused, written by an earlier start; waited" : "in",
                seconds(start)));
    start = System.nanoTime();
    server.execute(database, "vacuum analyze");
    log("vacuum analyze after the synthetic history: %.0f s", seconds(start));

    driveReferrals();
    cloneEngineRows();

    start = System.nanoTime();
    server.execute(database, "vacuum analyze");
    generation.put("VACUUM ANALYZE of the whole database", "%.0f s".formatted(seconds(start)));
    log("vacuum analyze: %.0f s", seconds(start));
    describeData();

    for (int config = 0; config < settings.configs().size(); config++) {
      if (config > 0) {
        app.stop();
        server.execute(database, "vacuum analyze");
        app = startApp(settings.configs().get(config), List.of());
      }
      measure(configName(config));
      // What is measured so far, should a later configuration fail.
      Files.writeString(out.resolve("scale.md"), report(started, machine));
    }
    if (settings.explain()) {
      try {
        explainSlowCalls();
      } catch (Exception | AssertionError e) {
        notes.add("The capture of the slow calls' statements failed: " + e);
      }
    }
    String report = report(started, machine);
    Path file = out.resolve("scale.md");
    Files.writeString(file, report);
    System.out.println();
    System.out.println(report);
    System.out.println("Written to " + file.toAbsolutePath());
  }

  private String configName(int config) {
    List<String> args = settings.configs().get(config);
    return (config == 0 ? "A" : "B") + (args.isEmpty() ? " (as configured)" : " " + args);
  }

  // ---------------------------------------------------------------- the application

  private ChildJvm startApp(List<String> configArgs, List<String> extra) throws Exception {
    List<String> jvmArgs = new ArrayList<>(settings.jvmArgs());
    List<String> args =
        new ArrayList<>(
            List.of(
                "--logging.level.root=WARN",
                "--spring.main.banner-mode=off",
                "--spring.datasource.url=" + server.url(database),
                "--spring.datasource.username=" + server.user,
                "--spring.datasource.password=" + server.password,
                "--spring.profiles.active=demo",
                "--sarcoma.mdt.schedule.capacity=100000"));
    // The synthetic history is written by the first start only (extra); later starts find it there.
    args.addAll(extra.isEmpty() ? List.of("--sarcoma.demo.history-months=0") : extra);
    for (String arg : configArgs) {
      (arg.startsWith("--") ? args : jvmArgs).add(arg);
    }
    ChildJvm jvm =
        ChildJvm.start(
            "scale-app",
            ChildJvm.classpath(true),
            jvmArgs,
            "fr.sarcoma.referral.SarcomaReferralApplication",
            args,
            out);
    jvm.awaitReady("coordinator", PASSWORD, Duration.ofMinutes(6));
    log("application ready in %.0f s (%s)", jvm.startupSeconds, configArgs);
    return jvm;
  }

  /** The synthetic history is written in one transaction, at the start: its rows appear all at once. */
  private void awaitSynthetic(int expected) throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(60).toNanos();
    while (System.nanoTime() < deadline) {
      if (!app.process.isAlive()) {
        throw new IllegalStateException("the application stopped; see " + app.log);
      }
      long count =
          Long.parseLong(
              server
                  .query(
                      database, "select count(*) from referral where business_key like 'SYNTH-%'")
                  .get(0)
                  .get(0));
      if (count >= expected) {
        log("synthetic history: %,d referrals", count);
        return;
      }
      Thread.sleep(5000);
    }
    throw new IllegalStateException("synthetic history not written after an hour");
  }

  // ---------------------------------------------------------------- real referrals

  /**
   * Real referrals through the APIs: one parked at each kind of user task and one walked to its end (the
   * templates of the clones), and the parked referrals whose tasks the completion measure completes.
   */
  private void driveReferrals() throws Exception {
    long start = System.nanoTime();
    Latencies ignored = new Latencies();
    Clients.Session session = new Clients.Session(app.port, ignored);
    Clients.Pathway pathway = new Clients.Pathway();
    AtomicInteger index = new AtomicInteger();
    Map<String, Clients.Parked> templates = new LinkedHashMap<>();
    for (String kind : OPEN_TASKS.keySet()) {
      templates.put(kind, pathway.walk(session, index.getAndIncrement(), kind));
    }
    Clients.Parked completed = pathway.walk(session, index.getAndIncrement(), null);
    log("templates walked in %.0f s", seconds(start));
    // Each configuration completes samples tasks at each client count; 10 more for the capture of
    // the SQL.
    int completions =
        settings.completions() * settings.clients().size() * settings.configs().size() + 10;
    start = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<Clients.Parked>> walks = new ArrayList<>();
    for (int i = 0; i < completions; i++) {
      walks.add(
          pool.submit(
              () ->
                  pathway.walk(
                      new Clients.Session(app.port, ignored),
                      index.getAndIncrement(),
                      COMPLETED_TASK)));
    }
    for (Future<Clients.Parked> walk : walks) {
      parked.add(walk.get());
    }
    pool.shutdown();
    toComplete.addAll(parked);
    generation.put(
        "real referrals (through the APIs)",
        "%d parked at %s (the completion measure's tasks; also the open referrals viewed), one parked at each of %d kinds of user task and one walked to its end (the clones' templates), in %.0f s (4 clients)"
            .formatted(completions, COMPLETED_TASK, OPEN_TASKS.size(), seconds(start) + 0.0));
    log("%d referrals parked in %.0f s", completions, seconds(start));
    awaitJobsDone();
    this.templates = templates;
    this.completedTemplate = completed;
  }

  private Map<String, Clients.Parked> templates;
  private Clients.Parked completedTemplate;

  /** Waits until no job is due (the parked referrals' asynchronous steps have run). */
  private void awaitJobsDone() throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
    while (System.nanoTime() < deadline) {
      long due =
          Long.parseLong(
              server
                  .query(
                      database,
                      "select count(*) from act_ru_job where retries_ > 0 and suspension_state_ = 1"
                          + " and (duedate_ is null or duedate_ <= now())")
                  .get(0)
                  .get(0));
      if (due == 0) {
        return;
      }
      Thread.sleep(1000);
    }
    notes.add("Jobs were still due 5 minutes after the referrals were parked.");
  }

  // ---------------------------------------------------------------- clones

  private void cloneEngineRows() throws Exception {
    Random random = new Random(16);
    AtomicInteger number = new AtomicInteger(1);
    try (Connection connection = server.connect(database)) {
      long start = System.nanoTime();
      int tasks = 0;
      int rows = 0;
      StringBuilder kinds = new StringBuilder();
      for (Map.Entry<String, Double> kind : OPEN_TASKS.entrySet()) {
        EngineRowCloner template =
            EngineRowCloner.read(connection, templates.get(kind.getKey()).businessKey(), true);
        int clones =
            (int)
                Math.round(
                    settings.openTasks() * kind.getValue() / Math.max(1, template.userTasks));
        int first = number.getAndAdd(clones);
        // Open for 0 to 30 days: created (and due) that much earlier than the template.
        long[] ages = new long[clones];
        for (int i = 0; i < clones; i++) {
          ages[i] = (long) (random.nextDouble() * 30 * 24 * 3600);
        }
        template.write(
            connection, first, clones, 500, clone -> Duration.ofSeconds(-ages[clone - first]));
        tasks += clones * template.userTasks;
        rows += clones * template.rows;
        kinds.append(
            "%s: %,d clones × %d open task(s), %d rows each; "
                .formatted(kind.getKey(), clones, template.userTasks, template.rows));
        log("%s: %d clones", kind.getKey(), clones);
      }
      generation.put(
          "open tasks (cloned)",
          "%,d tasks, %,d rows, in %.0f s: %s"
              .formatted(tasks, rows, seconds(start), kinds.toString().replaceAll("; $", "")));

      start = System.nanoTime();
      EngineRowCloner history =
          EngineRowCloner.read(connection, completedTemplate.businessKey(), false);
      int clones = settings.engineHistory();
      int first = number.getAndAdd(clones);
      long[] ages = new long[clones];
      for (int i = 0; i < clones; i++) {
        ages[i] = (long) (random.nextDouble() * HISTORY_DAYS * 24 * 3600);
      }
      // Two writers, each its own connection and half of the clones.
      ExecutorService writers = Executors.newFixedThreadPool(2);
      List<Future<?>> halves = new ArrayList<>();
      int half = clones / 2;
      for (int[] range : new int[][] {{first, half}, {first + half, clones - half}}) {
        halves.add(
            writers.submit(
                () -> {
                  try (Connection own = server.connect(database)) {
                    history.write(
                        own,
                        range[0],
                        range[1],
                        200,
                        clone -> Duration.ofSeconds(-ages[clone - first]));
                  }
                  return null;
                }));
      }
      for (Future<?> writing : halves) {
        writing.get();
      }
      writers.shutdown();
      generation.put(
          "engine history of the last 180 days (cloned)",
          "%,d completed referrals × %d rows (%s) = %,d rows, in %.0f s"
              .formatted(
                  clones,
                  history.rows,
                  history.rowsByTable().entrySet().stream()
                      .filter(e -> e.getValue() > 0)
                      .map(e -> e.getKey() + " " + e.getValue())
                      .reduce((a, b) -> a + ", " + b)
                      .orElse(""),
                  (long) clones * history.rows,
                  seconds(start)));
      log("engine history: %d clones in %.0f s", clones, seconds(start));
    }
  }

  private void describeData() throws SQLException {
    generation.put(
        "database size after generation",
        server
            .query(database, "select pg_size_pretty(pg_database_size(current_database()))")
            .get(0)
            .get(0));
    StringBuilder open = new StringBuilder();
    for (List<String> row :
        server.query(
            database,
            "select l.group_id_, count(*) from act_ru_task t join act_ru_identitylink l on l.task_id_ = t.id_"
                + " and l.type_ = 'candidate' group by l.group_id_ order by 1")) {
      open.append(row.get(0)).append(' ').append(row.get(1)).append("; ");
    }
    generation.put(
        "open tasks by candidate group",
        open.toString().replaceAll("; $", "")
            + " (total "
            + server.query(database, "select count(*) from act_ru_task").get(0).get(0)
            + ")");
    generation.put(
        "rows",
        String.join(
            ", ",
            server
                .query(
                    database,
                    "select string_agg(relname || ' ' || to_char(n_live_tup, 'FM999,999,999'), ', ' order by n_live_tup desc)"
                        + " from (select relname, n_live_tup from pg_stat_user_tables order by n_live_tup desc limit 12) t")
                .get(0)));
    generation.put(
        "largest tables (with indexes)",
        server
            .query(
                database,
                "select string_agg(relname || ' ' || pg_size_pretty(size), ', ' order by size desc) from"
                    + " (select relname, pg_total_relation_size(relid) size from pg_stat_user_tables order by 2 desc limit 8) t")
            .get(0)
            .get(0));
    for (List<String> row :
        server.query(
            database,
            "select id::text from referral where business_key like 'SYNTH-%' and closed_at < now() - interval '1 year'"
                + " order by md5(id::text) limit 500")) {
      oldReferrals.add(row.get(0));
    }
  }

  // ---------------------------------------------------------------- measures

  private void measure(String config) throws Exception {
    findFilters();
    Instant now = Instant.now();
    String period =
        "?from="
            + now.minus(550, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS)
            + "&to="
            + now.plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    List<Call> reads = new ArrayList<>();
    for (String group : GROUPS) {
      String user = GROUP_USERS.get(group);
      String filter = filters.get(GROUP_FILTER);
      reads.add(
          new Call(
              "group filter, " + group + " (POST /filter/{id}/list, 15 newest)",
              200,
              (session, i) ->
                  session.call(
                      "x",
                      user,
                      calls ->
                          calls.postJsonAccepting(
                              "/engine-rest/filter/" + filter + "/list?firstResult=0&maxResults=15",
                              TASKLIST_BODY,
                              "application/hal+json"),
                      200)));
    }
    for (String group : GROUPS) {
      String user = GROUP_USERS.get(group);
      String filter = filters.get(GROUP_FILTER);
      reads.add(
          new Call(
              "count badge, " + group + " (GET /filter/{id}/count)",
              Double.NaN,
              (session, i) ->
                  session.call(
                      "x",
                      user,
                      calls -> calls.get("/engine-rest/filter/" + filter + "/count"),
                      200)));
    }
    reads.add(
        new Call(
            "referral view, open referral (GET /api/referrals/{id})",
            50,
            (session, i) ->
                session.call(
                    "x",
                    "coordinator",
                    calls ->
                        calls.get("/api/referrals/" + parked.get(i % parked.size()).referralId()),
                    200)));
    reads.add(
        new Call(
            "referral view, completed > 1 year ago (GET /api/referrals/{id})",
            50,
            (session, i) ->
                session.call(
                    "x",
                    "coordinator",
                    calls ->
                        calls.get("/api/referrals/" + oldReferrals.get(i % oldReferrals.size())),
                    200)));
    reads.add(
        new Call(
            "managers' measures, 18 months (GET /api/insight/measures)",
            Double.NaN,
            (session, i) ->
                session.call(
                    "x", "manager", calls -> calls.get("/api/insight/measures" + period), 200)));
    Call completion =
        new Call(
            "task completion: claim + submit-form (" + COMPLETED_TASK + ")",
            100,
            (session, i) -> {
              Clients.Parked task = toComplete.poll();
              if (task == null) {
                throw new IllegalStateException("no parked task left to complete");
              }
              session.claimAndSubmit(
                  task.taskId(), "radiologist", Clients.Answers.of(COMPLETED_TASK));
            });
    this.calls = new ArrayList<>(reads);
    this.calls.add(completion);

    // Warm-up: the JIT, the pools, the caches; a few calls of each read, untimed.
    Clients.Session warm = new Clients.Session(app.port, new Latencies());
    for (Call call : reads) {
      for (int i = 0; i < 5; i++) {
        call.call().accept(warm, i);
      }
    }
    Map<String, Latencies> byClients = new LinkedHashMap<>();
    for (int clients : settings.clients()) {
      Latencies latencies = new Latencies();
      for (Call call : reads) {
        timed(call, clients, settings.samples(), latencies, false);
      }
      timed(completion, clients, settings.completions(), latencies, true);
      byClients.put(Integer.toString(clients), latencies);
      log("%s, %d client(s): measured", config, clients);
    }
    results.put(config, byClients);
  }

  private List<Call> calls;

  /**
   * Runs the call {@code samples} times over {@code clients} threads, or for {@code bench.maxSeconds} when it
   * is slower (never fewer than 20 samples); the latencies are kept under the call's label. The completion's
   * two requests (claim, submit) are timed together and apart.
   */
  private void timed(Call call, int clients, int samples, Latencies into, boolean completion)
      throws Exception {
    AtomicInteger next = new AtomicInteger();
    long deadline = System.nanoTime() + settings.maxSeconds() * 1_000_000_000L;
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    List<Future<?>> runs = new ArrayList<>();
    for (int t = 0; t < clients; t++) {
      runs.add(
          pool.submit(
              () -> {
                Latencies own = new Latencies();
                Clients.Session session = new Clients.Session(app.port, own);
                while (true) {
                  int i = next.getAndIncrement();
                  if (i >= samples || (i >= 20 && System.nanoTime() > deadline && !completion)) {
                    break;
                  }
                  Latencies one = new Latencies();
                  Clients.Session timedSession = session.withLatencies(one);
                  long start = System.nanoTime();
                  call.call().accept(timedSession, i);
                  into.add(call.label(), (System.nanoTime() - start) / 1e6);
                  if (completion) {
                    one.sorted()
                        .forEach(
                            (kind, values) ->
                                values.forEach(ms -> into.add("  of which " + kind, ms)));
                  }
                }
                return null;
              }));
    }
    for (Future<?> run : runs) {
      run.get();
    }
    pool.shutdown();
  }

  private void findFilters() throws Exception {
    JsonNode list =
        new Clients.Session(app.port, new Latencies())
            .call(
                "filters",
                "admin",
                calls -> calls.get("/engine-rest/filter?resourceType=Task"),
                200)
            .json();
    for (JsonNode filter : list) {
      filters.put(filter.path("name").asText(), filter.path("id").asText());
    }
    if (!filters.containsKey(GROUP_FILTER)) {
      throw new IllegalStateException("no filter " + GROUP_FILTER + ": " + filters.keySet());
    }
  }

  // ---------------------------------------------------------------- where the time goes

  private static final Path PG_LOG = Path.of("/var/log/postgresql/postgresql-15-main.log");
  private static final Pattern EXECUTE =
      Pattern.compile("LOG:  duration: ([0-9.]+) ms  execute [^:]*: (.*)", Pattern.DOTALL);
  private static final Pattern PARAMETER = Pattern.compile("\\$(\\d+) = (NULL|'(?:[^']|'')*')");

  /**
   * The SQL of each call whose p99 missed its target: the database logs every statement for a moment
   * ({@code log_min_duration_statement = 0} on this database only, the application's connections renewed),
   * each call is made once, and its slowest statements are run again under EXPLAIN (ANALYZE, BUFFERS), their
   * parameters written in.
   */
  private void explainSlowCalls() throws Exception {
    if (!Files.isReadable(PG_LOG)) {
      notes.add("The server's log (" + PG_LOG + ") is not readable: no statement captured.");
      return;
    }
    Map<String, Latencies> last = results.get(results.keySet().stream().reduce((a, b) -> b).get());
    Latencies one = last.get(Integer.toString(settings.clients().get(0)));
    List<Call> slow = new ArrayList<>();
    for (Call call : calls) {
      List<Double> values = one.sorted().get(call.label());
      if (values != null
          && !Double.isNaN(call.targetMs())
          && Latencies.percentile(values, 99) > call.targetMs()) {
        slow.add(call);
      }
    }
    if (slow.isEmpty()) {
      return;
    }
    long offset = Files.size(PG_LOG);
    server.execute(
        "postgres", "alter database " + database + " set log_min_duration_statement = 0");
    renewConnections();
    Clients.Session session = new Clients.Session(app.port, new Latencies());
    try (Connection marker = server.connect(database);
        Statement statement = marker.createStatement()) {
      for (int i = 0; i < slow.size(); i++) {
        // The pool finds its terminated connections one by one: calls until one succeeds.
        for (int attempt = 0; attempt < 40; attempt++) {
          try {
            slow.get(i).call().accept(session, 7);
            break;
          } catch (RuntimeException reconnecting) {
            Thread.sleep(100);
          }
        }
        statement.execute("select 'bench-capture " + i + "'");
        slow.get(i).call().accept(session, 11);
        statement.execute("select 'bench-capture-end " + i + "'");
      }
    } finally {
      server.execute(
          "postgres", "alter database " + database + " reset log_min_duration_statement");
      renewConnections();
    }
    Thread.sleep(500);
    String log = readFrom(PG_LOG, offset);
    for (int i = 0; i < slow.size(); i++) {
      int from = log.indexOf("'bench-capture " + i + "'");
      int to = log.indexOf("'bench-capture-end " + i + "'");
      if (from < 0 || to < 0) {
        continue;
      }
      explained.put(slow.get(i).label(), explain(log.substring(from, to)));
    }
  }

  private void renewConnections() throws SQLException {
    server.query(
        "postgres",
        "select pg_terminate_backend(pid) from pg_stat_activity where datname = '"
            + database
            + "' and pid <> pg_backend_pid()");
  }

  private static String readFrom(Path file, long offset) throws IOException {
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
      raf.seek(offset);
      byte[] bytes = new byte[(int) (raf.length() - offset)];
      raf.readFully(bytes);
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }

  /** The call's statements (ours only: this database), by duration; the slowest explained. */
  private String explain(String log) throws SQLException {
    List<String[]> statements = new ArrayList<>();
    String[] entries = log.split("\n(?=\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d)");
    for (int e = 0; e < entries.length; e++) {
      if (!entries[e].contains("@" + database + " ")) {
        continue;
      }
      Matcher execute = EXECUTE.matcher(entries[e]);
      if (!execute.find()) {
        continue;
      }
      String sql = execute.group(2).trim();
      String parameters = "";
      if (e + 1 < entries.length && entries[e + 1].contains("DETAIL:  parameters:")) {
        parameters = entries[e + 1].substring(entries[e + 1].indexOf("parameters:") + 11).trim();
      }
      statements.add(new String[] {execute.group(1), sql, parameters});
    }
    double total = statements.stream().mapToDouble(s -> Double.parseDouble(s[0])).sum();
    StringBuilder md = new StringBuilder();
    md.append(
        "%d statements, %.1f ms in the database in all. Slowest:%n%n"
            .formatted(statements.size(), total));
    statements.sort((a, b) -> Double.compare(Double.parseDouble(b[0]), Double.parseDouble(a[0])));
    for (int s = 0; s < Math.min(2, statements.size()); s++) {
      String[] statement = statements.get(s);
      String sql = withParameters(statement[1], statement[2]);
      md.append("- %s ms: `%s`%n%n".formatted(statement[0], abbreviate(sql, 400)));
      if (Double.parseDouble(statement[0]) < 2 || !sql.trim().toLowerCase().startsWith("select")) {
        continue;
      }
      md.append("```\n");
      try {
        for (List<String> row : server.query(database, "explain (analyze, buffers) " + sql)) {
          md.append(row.get(0)).append('\n');
        }
      } catch (SQLException e) {
        md.append("EXPLAIN failed: ").append(e.getMessage()).append('\n');
      }
      md.append("```\n\n");
    }
    return md.toString();
  }

  private static String withParameters(String sql, String parameters) {
    Map<Integer, String> values = new LinkedHashMap<>();
    Matcher parameter = PARAMETER.matcher(parameters);
    while (parameter.find()) {
      values.put(Integer.parseInt(parameter.group(1)), parameter.group(2));
    }
    String result = sql;
    for (int n = values.size(); n >= 1; n--) {
      if (values.containsKey(n)) {
        result = result.replace("$" + n, values.get(n));
      }
    }
    return result;
  }

  private static String abbreviate(String sql, int length) {
    String flat = sql.replaceAll("\\s+", " ");
    return flat.length() <= length ? flat : flat.substring(0, length) + " …";
  }

  // ---------------------------------------------------------------- report

  private String report(Instant started, String machine) {
    StringBuilder md = new StringBuilder("# Scale benchmark\n\n");
    md.append(
        "Run on %s (%.0f min). Command: see README, \"Benchmarks\". One PostgreSQL database, our application in a child JVM (`%s`, demo profile: its users, groups and Tasklist filters).%n%n"
            .formatted(
                started.truncatedTo(ChronoUnit.SECONDS),
                Duration.between(started, Instant.now()).toSeconds() / 60.0,
                String.join(" ", settings.jvmArgs())));
    md.append("## The data\n\n");
    generation.forEach(
        (key, value) -> md.append("- **").append(key).append("**: ").append(value).append('\n'));
    md.append('\n');
    md.append("## Calls: p50 / p99 ms (samples)\n\n| call | target p99 |");
    List<String> columns = new ArrayList<>();
    results.forEach(
        (config, byClients) ->
            byClients
                .keySet()
                .forEach(clients -> columns.add(config + ", " + clients + " client(s)")));
    columns.forEach(column -> md.append(' ').append(column).append(" |"));
    md.append("\n|---|---|");
    columns.forEach(column -> md.append("---|"));
    md.append('\n');
    List<String> labels = new ArrayList<>();
    for (Call call : calls) {
      labels.add(call.label());
    }
    results
        .values()
        .forEach(
            byClients ->
                byClients
                    .values()
                    .forEach(
                        latencies ->
                            latencies.sorted().keySet().stream()
                                .filter(label -> !labels.contains(label))
                                .forEach(labels::add)));
    for (String label : labels) {
      double target =
          calls.stream()
              .filter(call -> call.label().equals(label))
              .mapToDouble(Call::targetMs)
              .findFirst()
              .orElse(Double.NaN);
      md.append("| ")
          .append(label)
          .append(" | ")
          .append(Double.isNaN(target) ? "–" : "< %.0f ms".formatted(target))
          .append(" |");
      results
          .values()
          .forEach(
              byClients ->
                  byClients
                      .values()
                      .forEach(
                          latencies -> {
                            List<Double> values = latencies.sorted().getOrDefault(label, List.of());
                            if (values.isEmpty()) {
                              md.append(" – |");
                              return;
                            }
                            double p99 = Latencies.percentile(values, 99);
                            boolean missed = !Double.isNaN(target) && p99 > target;
                            md.append(
                                " %.0f / %s%.0f%s (%d) |"
                                    .formatted(
                                        Latencies.percentile(values, 50),
                                        missed ? "**" : "",
                                        p99,
                                        missed ? "**" : "",
                                        values.size()));
                          }));
      md.append('\n');
    }
    md.append(
        "\nIn bold: a p99 over its target. Each call timed as its client saw it (request sent → answer read), %d samples per call and client count, or as many as %d s allowed (never fewer than 20); the clients share the samples. Completion: each sample a different real parked referral's task, claimed then its form submitted (the two requests also timed apart).%n%n"
            .formatted(settings.samples(), settings.maxSeconds()));
    if (!explained.isEmpty()) {
      md.append("## Where the time goes (calls over their target)\n\n");
      md.append(
          "Each call made once with every statement logged (`log_min_duration_statement = 0` on this database for the moment of the capture); its slowest statements run again under `EXPLAIN (ANALYZE, BUFFERS)` with their parameters written in as literals (a prepared statement's generic plan may differ).\n\n");
      explained.forEach(
          (label, text) -> md.append("### ").append(label).append("\n\n").append(text));
    }
    md.append("## How the data was made\n\n");
    md.append(
        """
        - **Completed pathways in our tables**: the demo's `SyntheticHistory` (referral, patient, milestones, timeline,
          chest CT order, user task times), arrivals spread evenly over the years given, so that the 180 days of engine
          history hold as many completed referrals as arrived in 180 days. A few of the most recent synthetic referrals
          are still "in progress" in our tables (their next step would be in the future); they have no engine rows.
        - **Engine history** (what the engine keeps: our models' history time to live is 180 days, removed by the
          nightly cleanup 180 days after each instance's end): the history rows of one real referral walked to its end through the APIs (the typical biopsy path:
          5 process instances), cloned with new ids, moved back by 0 to 180 days (with their removal time, if they have one). The
          synthetic referrals of our tables and these engine histories are not linked to each other.
        - **Open tasks**: one real referral parked at each kind of user task through the APIs; its engine rows
          (executions, tasks, variables, event subscriptions, candidate-group identity links, the tasks'
          authorizations, its history and byte arrays) cloned with new ids, created 0 to 30 days ago (due dates moved
          with them). Timer and asynchronous jobs are not cloned: a clone has no overdue timer. The clones' variables
          still name their template's referral (our tables hold no row per clone): Tasklist's filter reads only the
          engine's tables.
        - **Statistics**: autovacuum is off on this server; VACUUM ANALYZE of the whole database after the
          generation (and before each configuration's measures), as a production server's autovacuum would have done.
        """);
    md.append("\n## Machine\n\n")
        .append(machine)
        .append("- At the end: ")
        .append(Machine.load(server))
        .append("\n\n");
    if (!notes.isEmpty()) {
      md.append("## Notes\n\n");
      notes.forEach(note -> md.append("- ").append(note).append('\n'));
    }
    return md.toString();
  }

  // ---------------------------------------------------------------- end

  private void tearDown() {
    try {
      if (app != null) {
        app.stop();
      }
      if (databaseCreated && !settings.keep()) {
        server.execute("postgres", "drop database if exists " + database + " with (force)");
      } else if (databaseCreated) {
        System.out.println("Database kept: " + database);
      }
    } catch (Exception e) {
      System.err.println("tear down: " + e.getMessage());
    }
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  private static void log(String format, Object... args) {
    System.out.println(
        "[scale " + Instant.now().toString().substring(11, 19) + "] " + format.formatted(args));
  }
}

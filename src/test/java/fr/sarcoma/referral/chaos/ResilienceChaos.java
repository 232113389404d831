package fr.sarcoma.referral.chaos;

import fr.sarcoma.referral.chaos.FhirReceiver.Delivery;
import fr.sarcoma.referral.chaos.HospitalSystem.Call;
import fr.sarcoma.referral.chaos.HospitalSystem.Submission;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * The resilience run (a command, not a test; README, "Resilience"): two application nodes, each the
 * packaged jar in a JVM of its own on a free local port, against a PostgreSQL database of the run's
 * own and an in-process FHIR receiver that counts what it gets, while a hospital system posts
 * referrals through the intake API. Each referral leads, without a human step, to its
 * initial-imaging order, which the process sends to the receiver. Scenarios, one after the other on
 * the same database, each a row of the table:
 *
 * <ol>
 *   <li>two nodes started at the same instant on an empty database: both must come up and share
 *       the work;
 *   <li>kill -9 of a node with work in flight (a burst of referrals just posted to it, a receiver
 *       answering in 1 s), restarted at once; {@code chaos.kills} times, alternating nodes;
 *   <li>the receiver down (connection refused, then 503) for {@code chaos.receiverDown}, then up;
 *   <li>the receiver hanging (it stores the request and never answers) for {@code chaos.hang};
 *   <li>the database stopped for {@code chaos.dbDown}, then started.
 * </ol>
 *
 * For each row: referrals accepted (201, or 200 for a repeat of the same clientRequestId) and
 * stored, orders placed, delivered, delivered twice, lost (never delivered by the end), stuck
 * (incident, job out of retries, outbox entry not SENT, referral without its order), the longest
 * delays, the 5xx answers and the longest request. The table is printed and written to {@code
 * target/chaos/results.md} ({@code -Dchaos.publish=true}: also {@code docs/resilience.md}).
 * Child JVMs and the private cluster are always stopped, also on Ctrl-C.
 */
public final class ResilienceChaos {

  private static final String ADMIN = "chaos";
  private static final String ADMIN_PASSWORD = "Resilience#2026";
  private static final Duration HEALTH_PERIOD = Duration.ofSeconds(1);

  /** One scenario: its events and what it measured. */
  static final class Row {
    final String key;
    final String title;
    final List<String> events = new ArrayList<>();
    final Map<String, String> checks = new LinkedHashMap<>();
    final Instant startedAt = Instant.now();
    Instant outageFrom;
    Instant outageTo;
    Boolean bothUp;
    Figures figures;

    Row(String key, String title) {
      this.key = key;
      this.title = title;
    }
  }

  /** The row's figures, from the database, the receiver and the hospital system's calls. */
  record Figures(
      int accepted,
      int abandoned,
      int stored,
      int placed,
      int delivered,
      int deliveredTwice,
      int lost,
      int stuck,
      double longestPlacedToDelivered,
      double longestReferralToDelivered,
      int errors5xx,
      int noAnswer,
      double longestRequest,
      int createRequests,
      int nonConformingConditions,
      Map<String, Integer> sendsByNode,
      Map<String, Integer> acceptedByNode,
      Map<Integer, Integer> errorsByStatus,
      List<String> stuckReasons) {
    boolean settled() {
      return lost == 0 && stuck == 0;
    }
  }

  private final ChaosSettings settings;
  private final Path workDir;
  private final Instant runStart = Instant.now();
  private final StringBuilder notes = new StringBuilder();
  private final List<Row> rows = new ArrayList<>();
  private final AtomicBoolean cleaned = new AtomicBoolean();
  private ChaosDatabase database;
  private FhirReceiver receiver;
  private Node a;
  private Node b;
  private HospitalSystem hospital;
  private String databaseVersion = "?";
  private String loadAtStart = "?";

  private ResilienceChaos(ChaosSettings settings, Path workDir) {
    this.settings = settings;
    this.workDir = workDir;
  }

  public static void main(String[] args) throws Exception {
    ChaosSettings settings = ChaosSettings.fromSystemProperties();
    Path workDir = Files.createDirectories(Path.of("target", "chaos"));
    try (var old = Files.list(workDir)) {
      old.filter(path -> path.getFileName().toString().endsWith(".log"))
          .forEach(path -> path.toFile().delete());
    }
    if (!Files.isRegularFile(settings.jar())) {
      throw new IllegalStateException(
          "No application jar at "
              + settings.jar().toAbsolutePath()
              + ": run ./mvnw -Pchaos package (it packages the jar, then runs this), or set -Dchaos.jar.");
    }
    ResilienceChaos run = new ResilienceChaos(settings, workDir);
    Thread hook = new Thread(run::cleanUp, "chaos-cleanup");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      run.run();
    } finally {
      run.cleanUp();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the hook runs anyway
      }
    }
  }

  private void run() throws Exception {
    String[] loadavg = readQuietly(Path.of("/proc/loadavg")).split(" ");
    if (loadavg.length >= 3) {
      loadAtStart = String.join(" ", loadavg[0], loadavg[1], loadavg[2]);
    }
    log("setting up the database");
    database = ChaosDatabase.create(settings, workDir, notes);
    try (Connection connection = database.connect();
        Statement statement = connection.createStatement();
        ResultSet version = statement.executeQuery("show server_version")) {
      version.next();
      databaseVersion = "PostgreSQL " + version.getString(1);
    }
    receiver = new FhirReceiver(settings.strictReceiver());
    List<String> jvmArgs = new ArrayList<>();
    jvmArgs.add("-Xmx" + settings.xmx());
    jvmArgs.add("-XX:+ExitOnOutOfMemoryError");
    jvmArgs.addAll(settings.jvmArgs());
    Node.Environment environment =
        new Node.Environment(
            settings.jar().toAbsolutePath(),
            database.jdbcUrl(),
            database.user(),
            database.password(),
            ADMIN,
            ADMIN_PASSWORD,
            receiver.baseUrl(),
            jvmArgs,
            settings.appArgs(),
            workDir);
    a = new Node("A", environment);
    b = new Node("B", environment);
    hospital =
        new HospitalSystem(
            List.of(a, b),
            ADMIN,
            ADMIN_PASSWORD,
            settings.requestTimeout(),
            settings.drain().plus(settings.dbDown()));

    simultaneousStart();
    killNine();
    receiverDown();
    receiverHanging();
    databaseStopped();

    log("final accounting (grace up to " + seconds(settings.grace()) + ")");
    Instant graceEnd = Instant.now().plus(settings.grace());
    hospital.awaitSubmissions(settings.grace());
    while (true) {
      boolean settled = true;
      for (Row row : rows) {
        row.figures = measure(row);
        settled &= row.figures.settled();
      }
      if (settled || Instant.now().isAfter(graceEnd)) {
        break;
      }
      Thread.sleep(3000);
    }
    report();
  }

  // ------------------------------------------------------------------ scenarios

  private void simultaneousStart() throws Exception {
    Row row = row("start", "two nodes started at the same instant on an empty database");
    log(row.title);
    Instant t0 = Instant.now();
    a.start();
    b.start();
    event(row, "nodes A (pid " + a.pid() + ") and B (pid " + b.pid() + ") started together");
    CompletableFuture<Instant> upA = awaitUpAsync(a);
    CompletableFuture<Instant> upB = awaitUpAsync(b);
    Instant aUp = upA.get();
    Instant bUp = upB.get();
    row.bothUp = aUp != null && bUp != null;
    for (Node node : List.of(a, b)) {
      Instant up = node == a ? aUp : bUp;
      event(
          row,
          up != null
              ? "node "
                  + node.name()
                  + " up (health 200) "
                  + seconds(Duration.between(t0, up))
                  + " s after the start"
              : "node "
                  + node.name()
                  + " did NOT come up ("
                  + (node.alive() ? "no healthy answer in time" : "exited")
                  + "): "
                  + node.failure().orElse("see " + node.log()));
    }
    row.checks.put("both nodes up after a simultaneous start", row.bothUp ? "yes" : "NO");
    for (Node node : List.of(a, b)) {
      if (!node.ready()) {
        node.kill();
        node.start();
        boolean up = node.awaitUp(settings.startTimeout());
        event(row, "node " + node.name() + " started again: " + (up ? "up" : "still down"));
        if (!up) {
          throw new IllegalStateException(
              "Node " + node.name() + " does not start: " + node.failure().orElse("see its log"));
        }
      }
    }
    hospital.startLoad(row.key, settings.rate());
    Thread.sleep(settings.load().toMillis());
    hospital.stopLoad();
    drain(row);
    Figures figures = measure(row);
    event(
        row,
        "work shared: referrals accepted by node "
            + figures.acceptedByNode()
            + ", orders sent by node "
            + figures.sendsByNode());
    row.checks.put(
        "both nodes did work",
        figures.sendsByNode().size() >= 2 && figures.acceptedByNode().size() >= 2 ? "yes" : "NO");
  }

  private void killNine() throws Exception {
    Row row = row("kill", "kill -9 of a node with work in flight, x" + settings.kills());
    log(row.title);
    receiver.latency(settings.killLatency());
    event(row, "receiver answers each order in " + seconds(settings.killLatency()) + " s");
    hospital.startLoad(row.key, settings.rate());
    Thread.sleep(5000);
    for (int i = 1; i <= settings.kills(); i++) {
      Node victim = i % 2 == 1 ? a : b;
      hospital.burst(row.key, victim, settings.burst());
      String inFlight = inFlight();
      long pid = victim.pid();
      victim.kill();
      Instant killed = Instant.now();
      event(
          row,
          "kill -9 node "
              + victim.name()
              + " (pid "
              + pid
              + ") right after "
              + settings.burst()
              + " referrals posted to it; in flight: "
              + inFlight);
      victim.start();
      boolean up = victim.awaitUp(settings.startTimeout());
      event(
          row,
          "node "
              + victim.name()
              + (up ? " up again " : " NOT up again ")
              + seconds(Duration.between(killed, Instant.now()))
              + " s after the kill");
      if (!up) {
        throw new IllegalStateException(
            "Node " + victim.name() + " does not restart: " + victim.failure().orElse("see log"));
      }
      Thread.sleep(5000);
    }
    hospital.stopLoad();
    drain(row);
    receiver.latency(Duration.ZERO);
  }

  private void receiverDown() throws Exception {
    Row row = row("down", "receiver down: connection refused, then 503");
    log(row.title);
    hospital.startLoad(row.key, settings.rate());
    Thread.sleep(5000);
    Duration half = settings.receiverDown().dividedBy(2);
    receiver.mode(FhirReceiver.Mode.REFUSING);
    event(row, "receiver port closed (connection refused) for " + seconds(half) + " s");
    Thread.sleep(half.toMillis());
    receiver.mode(FhirReceiver.Mode.FAILING);
    event(row, "receiver answers 503 for " + seconds(half) + " s");
    Thread.sleep(half.toMillis());
    receiver.mode(FhirReceiver.Mode.UP);
    event(row, "receiver up");
    Thread.sleep(5000);
    hospital.stopLoad();
    drain(row);
  }

  private void receiverHanging() throws Exception {
    Row row = row("hang", "receiver hanging (stores, never answers)");
    log(row.title);
    hospital.startLoad(row.key, settings.rate());
    Thread.sleep(5000);
    receiver.mode(FhirReceiver.Mode.HANGING);
    event(
        row,
        "receiver hangs for "
            + seconds(settings.hang())
            + " s: it stores each order and never answers; then its connections are dropped");
    Thread.sleep(settings.hang().toMillis());
    receiver.mode(FhirReceiver.Mode.UP);
    event(row, "receiver answers again");
    Thread.sleep(5000);
    hospital.stopLoad();
    drain(row);
  }

  private void databaseStopped() throws Exception {
    Row row = row("db", "database stopped " + seconds(settings.dbDown()) + " s, then started");
    log(row.title);
    event(row, database.describe());
    hospital.startLoad(row.key, settings.rate());
    Thread.sleep(5000);
    AtomicBoolean probing = new AtomicBoolean(true);
    Thread prober =
        new Thread(
            () -> {
              while (probing.get()) {
                for (Node node : List.of(a, b)) {
                  if (node.ready()) {
                    hospital.probeAsync(row.key, node, "/actuator/health");
                  }
                }
                try {
                  Thread.sleep(HEALTH_PERIOD.toMillis());
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "chaos-health-prober");
    prober.setDaemon(true);
    prober.start();
    row.outageFrom = Instant.now();
    database.takeDown();
    event(
        row,
        "database down (stop took "
            + seconds(Duration.between(row.outageFrom, Instant.now()))
            + " s)");
    Thread.sleep(settings.dbDown().toMillis());
    database.bringUp();
    row.outageTo = Instant.now();
    event(
        row,
        "database up again after "
            + seconds(Duration.between(row.outageFrom, row.outageTo))
            + " s");
    Thread.sleep(10_000);
    probing.set(false);
    prober.join();
    hospital.stopLoad();
    drain(row);
    List<Call> during =
        hospital.calls().stream()
            .filter(call -> call.row().equals(row.key))
            .filter(
                call ->
                    !call.start().isBefore(row.outageFrom) && call.start().isBefore(row.outageTo))
            .toList();
    for (String kind : List.of("POST /api/referrals", "GET /actuator/health")) {
      List<Call> ofKind = during.stream().filter(call -> call.kind().equals(kind)).toList();
      long longest = ofKind.stream().mapToLong(Call::millis).max().orElse(0);
      Map<String, Long> answers =
          ofKind.stream()
              .collect(
                  Collectors.groupingBy(
                      call -> call.answered() ? Integer.toString(call.status()) : call.error(),
                      TreeMap::new,
                      Collectors.counting()));
      event(
          row,
          kind
              + " while the database was down: "
              + ofKind.size()
              + " calls, longest "
              + String.format(Locale.ROOT, "%.1f", longest / 1000.0)
              + " s, answers "
              + answers);
    }
    long longest = during.stream().mapToLong(Call::millis).max().orElse(0);
    during.stream()
        .max(java.util.Comparator.comparingLong(Call::millis))
        .ifPresent(
            slowest ->
                event(
                    row,
                    String.format(
                        Locale.ROOT,
                        "slowest call started while the database was down: %s to node %s, started %.1f s after the stop began, %.1f s, answered %s",
                        slowest.kind(),
                        slowest.node(),
                        Duration.between(row.outageFrom, slowest.start()).toMillis() / 1000.0,
                        slowest.millis() / 1000.0,
                        slowest.answered() ? slowest.status() : slowest.error())));
    row.checks.put(
        "no request waiting more than 5 s on a dead database",
        (longest <= 5000 ? "yes" : "NO")
            + String.format(Locale.ROOT, " (longest %.1f s)", longest / 1000.0));
    Instant firstAccepted =
        hospital.calls().stream()
            .filter(call -> call.row().equals(row.key) && call.kind().startsWith("POST"))
            .filter(call -> call.status() == 201 || call.status() == 200)
            .map(call -> call.start().plusMillis(call.millis()))
            .filter(end -> end.isAfter(row.outageTo))
            .min(Instant::compareTo)
            .orElse(null);
    event(
        row,
        firstAccepted == null
            ? "no referral accepted after the database came back"
            : "first referral accepted "
                + seconds(Duration.between(row.outageTo, firstAccepted))
                + " s after the database came back");
  }

  // ------------------------------------------------------------------ measuring

  /** Waits until the row's referrals are accepted and their orders delivered and SENT. */
  private void drain(Row row) throws InterruptedException {
    Instant start = Instant.now();
    Instant deadline = start.plus(settings.drain());
    hospital.awaitSubmissions(settings.drain());
    while (Instant.now().isBefore(deadline)) {
      try {
        if (measure(row).settled()) {
          event(
              row,
              "all orders delivered "
                  + seconds(Duration.between(start, Instant.now()))
                  + " s after the load stopped");
          return;
        }
      } catch (RuntimeException e) {
        // the database may still be coming back
      }
      Thread.sleep(2000);
    }
    event(
        row,
        "orders still outstanding "
            + seconds(settings.drain())
            + " s after the load stopped; moving on");
  }

  private Figures measure(Row row) {
    String like = "chaos-" + row.key + "-%";
    List<Submission> submissions = hospital.submissions(row.key);
    int accepted = (int) submissions.stream().filter(Submission::accepted).count();
    int abandoned = (int) submissions.stream().filter(s -> s.done && !s.accepted()).count();
    Map<String, Integer> acceptedByNode = new TreeMap<>();
    submissions.stream()
        .filter(Submission::accepted)
        .forEach(s -> acceptedByNode.merge(s.acceptedBy, 1, Integer::sum));
    Map<String, Delivery> deliveries = receiver.deliveries();
    int stored = 0;
    int placed = 0;
    int delivered = 0;
    int twice = 0;
    int lost = 0;
    int createRequests = 0;
    int nonConforming = 0;
    double longestPlaced = 0;
    double longestReferral = 0;
    Instant now = Instant.now();
    List<String> stuckReasons = new ArrayList<>();
    Map<String, Integer> sendsByNode = new TreeMap<>();
    try (Connection connection = database.connect()) {
      Map<String, Instant> referrals = new LinkedHashMap<>();
      Map<String, String> processOf = new LinkedHashMap<>();
      try (PreparedStatement query =
          connection.prepareStatement(
              "select id::text, created_at, process_instance_id from referral where client_request_id like ?")) {
        query.setString(1, like);
        try (ResultSet rs = query.executeQuery()) {
          while (rs.next()) {
            referrals.put(rs.getString(1), rs.getTimestamp(2).toInstant());
            processOf.put(rs.getString(1), rs.getString(3));
          }
        }
      }
      stored = referrals.size();
      Map<String, List<String[]>> ordersOf = new LinkedHashMap<>();
      try (PreparedStatement query =
          connection.prepareStatement(
              """
              select o.referral_id::text, o.id::text, o.placed_at, coalesce(x.status, 'NO OUTBOX')
              from exam_order o join referral r on r.id = o.referral_id
              left join order_outbox x on x.order_id = o.id
              where r.client_request_id like ?""")) {
        query.setString(1, like);
        try (ResultSet rs = query.executeQuery()) {
          while (rs.next()) {
            ordersOf
                .computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                .add(
                    new String[] {
                      rs.getString(2), rs.getTimestamp(3).toInstant().toString(), rs.getString(4)
                    });
          }
        }
      }
      Map<String, String> blocked = new LinkedHashMap<>();
      try (PreparedStatement query =
          connection.prepareStatement(
              """
              select r.id::text, 'job out of retries at ' || coalesce(j.failed_act_id_, '?')
              from act_ru_job j join referral r on r.process_instance_id = j.root_proc_inst_id_
              where r.client_request_id like ? and j.retries_ = 0
              union all
              select r.id::text, 'incident at ' || coalesce(i.activity_id_, '?')
              from act_ru_incident i join act_ru_execution e on e.id_ = i.proc_inst_id_
              join referral r on r.process_instance_id = e.root_proc_inst_id_
              where r.client_request_id like ?""")) {
        query.setString(1, like);
        query.setString(2, like);
        try (ResultSet rs = query.executeQuery()) {
          while (rs.next()) {
            blocked.putIfAbsent(rs.getString(1), rs.getString(2));
          }
        }
      }
      try (PreparedStatement query =
          connection.prepareStatement(
              """
              select coalesce(l.hostname_, '?'), count(*) from act_hi_job_log l
              join referral r on r.process_instance_id = l.root_proc_inst_id_
              where r.client_request_id like ? and l.job_state_ = 2 and l.act_id_ = 'ServiceTask_SendOrder'
              group by 1""")) {
        query.setString(1, like);
        try (ResultSet rs = query.executeQuery()) {
          while (rs.next()) {
            sendsByNode.put(rs.getString(1), rs.getInt(2));
          }
        }
      }
      int stuck = 0;
      for (Map.Entry<String, Instant> referral : referrals.entrySet()) {
        List<String[]> orders = ordersOf.getOrDefault(referral.getKey(), List.of());
        String reason = blocked.get(referral.getKey());
        if (orders.isEmpty()) {
          lost++;
          reason = reason == null ? "no order placed" : reason;
        }
        for (String[] order : orders) {
          placed++;
          Delivery delivery = deliveries.get(order[0]);
          Instant placedAt = Instant.parse(order[1]);
          if (delivery != null) {
            createRequests += delivery.createRequests();
            nonConforming += delivery.nonConformingConditions();
          }
          if (delivery == null || delivery.first() == null) {
            lost++;
            longestPlaced = Math.max(longestPlaced, secondsBetween(placedAt, now));
            longestReferral = Math.max(longestReferral, secondsBetween(referral.getValue(), now));
          } else {
            delivered++;
            if (delivery.stored().size() > 1) {
              twice++;
            }
            longestPlaced = Math.max(longestPlaced, secondsBetween(placedAt, delivery.first()));
            longestReferral =
                Math.max(longestReferral, secondsBetween(referral.getValue(), delivery.first()));
          }
          if (!"SENT".equals(order[2]) && reason == null) {
            reason = "outbox " + order[2];
          }
        }
        if (reason != null) {
          stuck++;
          if (stuckReasons.size() < 5) {
            stuckReasons.add(referral.getKey() + ": " + reason);
          }
        }
      }
      List<Call> calls =
          hospital.calls().stream()
              .filter(c -> c.row().equals(row.key) && c.kind().startsWith("POST"))
              .toList();
      return new Figures(
          accepted,
          abandoned,
          stored,
          placed,
          delivered,
          twice,
          lost,
          stuck,
          longestPlaced,
          longestReferral,
          (int) calls.stream().filter(c -> c.status() >= 500).count(),
          (int) calls.stream().filter(c -> !c.answered()).count(),
          calls.stream().mapToLong(Call::millis).max().orElse(0) / 1000.0,
          createRequests,
          nonConforming,
          sendsByNode,
          acceptedByNode,
          calls.stream()
              .filter(c -> c.status() >= 500)
              .collect(Collectors.toMap(Call::status, c -> 1, Integer::sum, TreeMap::new)),
          stuckReasons);
    } catch (SQLException e) {
      throw new IllegalStateException("measuring " + row.key + ": " + e.getMessage(), e);
    }
  }

  /** Locked jobs and orders placed but not delivered, just before a kill. */
  private String inFlight() {
    try (Connection connection = database.connect();
        Statement statement = connection.createStatement();
        ResultSet locked =
            statement.executeQuery(
                "select count(*) filter (where lock_owner_ is not null), count(*) from act_ru_job"
                    + " where handler_type_ = 'async-continuation'")) {
      locked.next();
      int lockedJobs = locked.getInt(1);
      int jobs = locked.getInt(2);
      Set<String> delivered = receiver.deliveries().keySet();
      int undelivered = 0;
      try (ResultSet orders = statement.executeQuery("select id::text from exam_order")) {
        while (orders.next()) {
          if (!delivered.contains(orders.getString(1))) {
            undelivered++;
          }
        }
      }
      return jobs
          + " async jobs ("
          + lockedJobs
          + " locked), "
          + undelivered
          + " order(s) not yet delivered";
    } catch (SQLException e) {
      return "? (" + e.getMessage() + ")";
    }
  }

  // ------------------------------------------------------------------ report

  private void report() throws IOException {
    String date = DateTimeFormatter.ISO_LOCAL_DATE.format(runStart.atOffset(ZoneOffset.UTC));
    StringBuilder out = new StringBuilder("# Resilience\n\n");
    out.append(
        "Run on %s (%s UTC, %d min) on %s. Two application nodes (each `java %s -jar %s`, a JVM of its own on a free local port), %s, an in-process FHIR receiver (%s `If-None-Exist`) and a hospital system posting %s referrals/s through `POST /api/referrals` (retried with the same `clientRequestId` on the other node after a refusal, a timeout or a 5xx). Each referral leads, with no human step, to its initial-imaging order, sent by the process to the receiver.%n%n"
            .formatted(
                date,
                DateTimeFormatter.ofPattern("HH:mm").format(runStart.atOffset(ZoneOffset.UTC)),
                Duration.between(runStart, Instant.now()).toMinutes(),
                machine(),
                String.join(" ", List.of("-Xmx" + settings.xmx())),
                workDirRelative(settings.jar()),
                databaseVersion,
                settings.strictReceiver()
                    ? "strict: it reads only the specification's"
                    : "lenient: it reads any",
                trim(settings.rate())));
    out.append("Command: `./mvnw -Pchaos package")
        .append(
            ChaosSettings.given().entrySet().stream()
                .map(e -> " -D" + e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining()))
        .append("`\n\n");
    out.append(
        "| scenario | referrals accepted | stored | orders placed | delivered | delivered twice | lost | stuck | longest delay placed→delivered (s) | longest referral→delivered (s) | 5xx | no answer | longest request (s) |\n");
    out.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    int[] totals = new int[10];
    double longestPlaced = 0;
    double longestReferral = 0;
    double longestRequest = 0;
    for (Row row : rows) {
      Figures f = row.figures;
      out.append(
          "| %s | %d | %d | %d | %d | %d | %d | %d | %.1f | %.1f | %s | %d | %.1f |%n"
              .formatted(
                  row.title,
                  f.accepted(),
                  f.stored(),
                  f.placed(),
                  f.delivered(),
                  f.deliveredTwice(),
                  f.lost(),
                  f.stuck(),
                  f.longestPlacedToDelivered(),
                  f.longestReferralToDelivered(),
                  f.errors5xx() == 0
                      ? "0"
                      : f.errors5xx()
                          + " ("
                          + f.errorsByStatus().entrySet().stream()
                              .map(e -> e.getValue() + " × " + e.getKey())
                              .collect(Collectors.joining(", "))
                          + ")",
                  f.noAnswer(),
                  f.longestRequest()));
      int[] values = {
        f.accepted(),
        f.stored(),
        f.placed(),
        f.delivered(),
        f.deliveredTwice(),
        f.lost(),
        f.stuck(),
        f.errors5xx(),
        f.noAnswer(),
        f.abandoned()
      };
      for (int i = 0; i < values.length; i++) {
        totals[i] += values[i];
      }
      longestPlaced = Math.max(longestPlaced, f.longestPlacedToDelivered());
      longestReferral = Math.max(longestReferral, f.longestReferralToDelivered());
      longestRequest = Math.max(longestRequest, f.longestRequest());
    }
    out.append(
        "| **all** | %d | %d | %d | %d | %d | %d | %d | %.1f | %.1f | %d | %d | %.1f |%n%n"
            .formatted(
                totals[0],
                totals[1],
                totals[2],
                totals[3],
                totals[4],
                totals[5],
                totals[6],
                longestPlaced,
                longestReferral,
                totals[7],
                totals[8],
                longestRequest));
    Row kill = rows.stream().filter(r -> r.key.equals("kill")).findFirst().orElseThrow();
    Row db = rows.stream().filter(r -> r.key.equals("db")).findFirst().orElseThrow();
    Row start = rows.stream().filter(r -> r.key.equals("start")).findFirst().orElseThrow();
    out.append("What it must show:\n\n");
    check(out, "0 lost", totals[5] == 0, totals[5] + " lost");
    check(out, "0 delivered twice", totals[4] == 0, totals[4] + " delivered twice");
    check(out, "0 stuck", totals[6] == 0, totals[6] + " stuck");
    double crash = kill.figures.longestReferralToDelivered();
    check(
        out,
        "no order delayed more than 90 s by a crash",
        crash <= 90,
        String.format(Locale.ROOT, "longest referral→delivered in the kill -9 row: %.1f s", crash));
    check(
        out,
        "no request waiting more than 5 s on a dead database",
        db.checks
            .getOrDefault("no request waiting more than 5 s on a dead database", "NO")
            .startsWith("yes"),
        db.checks.get("no request waiting more than 5 s on a dead database"));
    check(
        out,
        "both nodes up after a simultaneous start",
        Boolean.TRUE.equals(start.bothUp),
        "both up: "
            + start.checks.get("both nodes up after a simultaneous start")
            + "; both did work: "
            + start.checks.get("both nodes did work"));
    out.append(
        "\nColumns: *accepted* are the referrals the API acknowledged (201, or 200 for a repeat of the same `clientRequestId`");
    if (totals[9] > 0) {
      out.append("; ").append(totals[9]).append(" given up after the retry period");
    }
    out.append(
            "); *stored* the rows of `referral`; *orders placed* the rows of `exam_order`; *delivered* the orders the receiver stored; *delivered twice* the orders it stored more than once; *lost* the referrals whose order the receiver never got by the end of the run (after a grace period of up to ")
        .append(seconds(settings.grace()))
        .append(
            " s); *stuck* the referrals with an incident, a job out of retries, an outbox entry not SENT or no order at the end; the delays run from the order's `placed_at`, and from the referral's `created_at`, to the receiver storing the order; *5xx* and *no answer* (refused, reset, timed out) count the hospital system's `POST /api/referrals` calls, every attempt (a referral retried after a 503 counts each 503); *longest request* is the slowest of them.\n\n");
    out.append("## What happened\n\n");
    for (Row row : rows) {
      out.append("**").append(row.title).append("**\n\n");
      row.events.forEach(event -> out.append("- ").append(event).append('\n'));
      Map<String, Long> answers =
          hospital.calls().stream()
              .filter(call -> call.row().equals(row.key) && call.kind().startsWith("POST"))
              .collect(
                  Collectors.groupingBy(
                      call -> call.answered() ? Integer.toString(call.status()) : call.error(),
                      TreeMap::new,
                      Collectors.counting()));
      out.append("- every POST /api/referrals attempt, by answer: ").append(answers).append('\n');
      int index = rows.indexOf(row);
      Instant endedAt = index + 1 < rows.size() ? rows.get(index + 1).startedAt : Instant.now();
      nodeLogFindings(row.startedAt, endedAt)
          .forEach(line -> out.append("- ").append(line).append('\n'));
      Figures f = row.figures;
      out.append(
          "- the receiver got %d create requests for these orders%s%n"
              .formatted(
                  f.createRequests(),
                  f.nonConformingConditions() > 0
                      ? ", "
                          + f.nonConformingConditions()
                          + " with an `If-None-Exist` not in the specification's form (`identifier=system|value`)"
                      : ", every one with the specification's `If-None-Exist`"));
      if (!f.stuckReasons().isEmpty()) {
        out.append("- stuck, e.g.: ").append(String.join("; ", f.stuckReasons())).append('\n');
      }
      out.append('\n');
    }
    if (!notes.isEmpty()) {
      out.append(notes).append('\n');
    }
    out.append("Node logs: `target/chaos/node-*.log`.\n");
    String text = out.toString();
    System.out.println();
    System.out.println(text);
    Path results = workDir.resolve("results.md");
    Files.writeString(results, text);
    System.out.println("Written to " + results.toAbsolutePath());
    if (settings.publish()) {
      Path docs = Path.of("docs", "resilience.md");
      Files.writeString(docs, text);
      System.out.println("Published to " + docs.toAbsolutePath());
    }
  }

  /**
   * What the nodes' logs say of the 5xx answers and the connection pool between two instants: each
   * "answered 5xx (cause" line of the API's handlers, grouped by status and cause, and HikariCP's
   * "Connection is not available" (the pool exhausted or the database away).
   */
  private List<String> nodeLogFindings(Instant from, Instant to) {
    Map<String, Integer> answered = new TreeMap<>();
    Map<String, String> example = new LinkedHashMap<>();
    int poolExhausted = 0;
    java.util.regex.Pattern status =
        java.util.regex.Pattern.compile("answered (5\\d\\d) \\(([A-Za-z.]+)");
    List<Path> logs;
    try (var files = Files.list(workDir)) {
      logs = files.filter(path -> path.getFileName().toString().startsWith("node-")).toList();
    } catch (IOException e) {
      return List.of();
    }
    for (Path log : logs) {
      List<String> lines;
      try {
        lines = Files.readAllLines(log, java.nio.charset.StandardCharsets.ISO_8859_1);
      } catch (IOException e) {
        continue;
      }
      for (int index = 0; index < lines.size(); index++) {
        String line = lines.get(index);
        int space = line.indexOf(' ');
        if (space < 20) {
          continue;
        }
        Instant at;
        try {
          at = Instant.parse(line.substring(0, space));
        } catch (java.time.format.DateTimeParseException e) {
          continue;
        }
        if (at.isBefore(from) || !at.isBefore(to)) {
          continue;
        }
        java.util.regex.Matcher matcher = status.matcher(line);
        if (matcher.find()) {
          String key = matcher.group(1) + " " + matcher.group(2);
          answered.merge(key, 1, Integer::sum);
          example.putIfAbsent(key, line.substring(line.indexOf(" : ") + 3).strip());
        }
        if (line.contains("Connection is not available")) {
          poolExhausted++;
        }
        if (line.contains("Servlet.service() for servlet") && line.contains("threw exception")) {
          // A request whose exception left the application: a bare 500. Its exception, and the
          // first
          // cause.
          String thrown = "?";
          String cause = "";
          for (int next = index + 1; next < Math.min(lines.size(), index + 400); next++) {
            String candidate = lines.get(next).strip();
            if (thrown.equals("?") && !candidate.isEmpty()) {
              thrown = candidate;
            } else if (candidate.startsWith("Caused by: ")) {
              cause = "; " + candidate;
              break;
            }
          }
          String key = "500 (exception out of the servlet)";
          answered.merge(key, 1, Integer::sum);
          example.putIfAbsent(key, thrown + cause);
        }
      }
    }
    List<String> findings = new ArrayList<>();
    answered.forEach(
        (key, count) -> {
          String text = example.get(key);
          findings.add(
              "node logs: %d × %s, e.g. \"%s\""
                  .formatted(
                      count, key, text.length() > 300 ? text.substring(0, 300) + "…" : text));
        });
    if (poolExhausted > 0) {
      findings.add(
          "node logs: %d line(s) with HikariCP's \"Connection is not available\" (the pool exhausted, or the database away)"
              .formatted(poolExhausted));
    }
    return findings;
  }

  private static void check(StringBuilder out, String target, boolean met, String detail) {
    out.append("- ")
        .append(met ? "met" : "**NOT met**")
        .append(": ")
        .append(target)
        .append(" (")
        .append(detail)
        .append(")\n");
  }

  private String machine() {
    String memory = "?";
    for (String line : readQuietly(Path.of("/proc/meminfo")).split("\n")) {
      if (line.startsWith("MemTotal:")) {
        long kb = Long.parseLong(line.replaceAll("\\D", ""));
        memory = Math.round(kb / 1024.0 / 1024.0) + " GiB";
      }
    }
    return "%s %s, %d cores, %s, Java %s; load average at the start %s (the machine is shared)"
        .formatted(
            System.getProperty("os.name"),
            System.getProperty("os.version"),
            Runtime.getRuntime().availableProcessors(),
            memory,
            System.getProperty("java.version"),
            loadAtStart);
  }

  // ------------------------------------------------------------------ helpers

  private Row row(String key, String title) {
    Row row = new Row(key, title);
    rows.add(row);
    return row;
  }

  private void event(Row row, String text) {
    String stamped = "t+" + seconds(Duration.between(runStart, Instant.now())) + " s: " + text;
    row.events.add(stamped);
    log(stamped);
  }

  /** When the node answered health; null if it exited or did not answer in time. */
  private CompletableFuture<Instant> awaitUpAsync(Node node) {
    CompletableFuture<Instant> result = new CompletableFuture<>();
    Thread waiter =
        new Thread(
            () -> {
              try {
                result.complete(node.awaitUp(settings.startTimeout()) ? Instant.now() : null);
              } catch (InterruptedException e) {
                result.complete(null);
              }
            },
            "chaos-await-" + node.name());
    waiter.setDaemon(true);
    waiter.start();
    return result;
  }

  private synchronized void cleanUp() {
    if (!cleaned.compareAndSet(false, true)) {
      return;
    }
    if (hospital != null) {
      hospital.close();
    }
    for (Node node : new Node[] {a, b}) {
      if (node != null) {
        try {
          node.stop(Duration.ofSeconds(10));
        } catch (InterruptedException | RuntimeException e) {
          node.killNow();
        }
      }
    }
    if (receiver != null) {
      receiver.close();
    }
    if (database != null) {
      database.close();
    }
  }

  private static void log(String text) {
    System.out.println(
        "[chaos "
            + DateTimeFormatter.ISO_LOCAL_TIME.format(java.time.LocalTime.now()).substring(0, 8)
            + "] "
            + text);
  }

  private static long seconds(Duration duration) {
    return Math.round(duration.toMillis() / 1000.0);
  }

  private static double secondsBetween(Instant from, Instant to) {
    return Duration.between(from, to).toMillis() / 1000.0;
  }

  private static String trim(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
  }

  private static String workDirRelative(Path jar) {
    Path absolute = jar.toAbsolutePath();
    Path here = Path.of("").toAbsolutePath();
    return absolute.startsWith(here) ? here.relativize(absolute).toString() : absolute.toString();
  }

  private static String readQuietly(Path path) {
    try {
      return Files.readString(path);
    } catch (IOException e) {
      return "";
    }
  }
}

package fr.sarcoma.referral.chaos;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The hospital system that refers patients, as an interface engine behind a load balancer would:
 * referrals posted at a steady rate to the nodes in turn, each retried (same {@code
 * clientRequestId}, so a repeat is the same referral) on the next node after a refused connection,
 * a timeout or a 5xx, until it is accepted (201, or 200 for a repeat) or the retry period is over.
 * Every HTTP call is recorded with its duration and answer.
 */
final class HospitalSystem implements AutoCloseable {

  /** One HTTP call: status -1 when no answer came (refused, reset, timeout: {@code error}). */
  record Call(
      String row, String kind, String node, Instant start, long millis, int status, String error) {
    boolean answered() {
      return status > 0;
    }
  }

  /** One referral the hospital system wants registered. */
  static final class Submission {
    final String row;
    final String clientRequestId;
    final Instant created = Instant.now();
    volatile int finalStatus;
    volatile String acceptedBy;
    volatile String referralId;
    volatile int attempts;
    volatile boolean done;

    Submission(String row, String clientRequestId) {
      this.row = row;
      this.clientRequestId = clientRequestId;
    }

    boolean accepted() {
      return finalStatus == 201 || finalStatus == 200;
    }
  }

  private static final String[][] PATIENTS = {
    {"Marie Exemple", "1964-05-12", "FEMALE"},
    {"Jean Essai", "1971-02-03", "MALE"},
    {"Claire Fictive", "1988-09-21", "FEMALE"},
    {"Paul Démonstration", "1955-12-30", "MALE"},
    {"Anne Témoin", "1993-07-14", "FEMALE"},
  };

  private final List<Node> nodes;
  private final String authorization;
  private final Duration requestTimeout;
  private final Duration retryFor;
  private final HttpClient client;
  private final ExecutorService workers =
      Executors.newCachedThreadPool(daemon("chaos-hospital-worker"));
  private final ScheduledExecutorService ticker =
      Executors.newSingleThreadScheduledExecutor(daemon("chaos-hospital-ticker"));
  private final AtomicInteger turn = new AtomicInteger();
  private final AtomicInteger sequence = new AtomicInteger();
  private final ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();
  private final Map<String, Submission> submissions = new ConcurrentHashMap<>();
  private final List<Future<?>> pending = new CopyOnWriteArrayList<>();
  private ScheduledFuture<?> load;

  HospitalSystem(
      List<Node> nodes, String user, String password, Duration requestTimeout, Duration retryFor) {
    this.nodes = nodes;
    this.authorization =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    this.requestTimeout = requestTimeout;
    this.retryFor = retryFor;
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .executor(Executors.newCachedThreadPool(daemon("chaos-http")))
            .build();
  }

  /** Posts referrals of this row at {@code perSecond}, spread over the nodes, until stopLoad. */
  synchronized void startLoad(String row, double perSecond) {
    stopLoad();
    long period = Math.max(50, Math.round(1000 / perSecond));
    load = ticker.scheduleAtFixedRate(() -> submit(row, null), 0, period, TimeUnit.MILLISECONDS);
  }

  synchronized void stopLoad() {
    if (load != null) {
      load.cancel(false);
      load = null;
    }
  }

  /** {@code count} referrals posted at once to {@code node} (then, if refused, to any other). */
  void burst(String row, Node node, int count) throws InterruptedException {
    List<Future<?>> started = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      started.add(submit(row, node));
    }
    for (Future<?> future : started) {
      try {
        future.get(retryFor.toSeconds() + 60, TimeUnit.SECONDS);
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
        // recorded in the submission
      }
    }
  }

  Future<?> submit(String row, Node preferred) {
    int n = sequence.incrementAndGet();
    Submission submission = new Submission(row, "chaos-" + row + "-" + n);
    submissions.put(submission.clientRequestId, submission);
    Future<?> future = workers.submit(() -> register(submission, preferred, n));
    pending.add(future);
    return future;
  }

  /** Waits until every referral submitted so far is accepted or given up. */
  boolean awaitSubmissions(Duration timeout) throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    for (Future<?> future : pending) {
      long left = Duration.between(Instant.now(), deadline).toMillis();
      if (left <= 0) {
        return false;
      }
      try {
        future.get(left, TimeUnit.MILLISECONDS);
      } catch (java.util.concurrent.ExecutionException e) {
        // recorded
      } catch (java.util.concurrent.TimeoutException e) {
        return false;
      }
    }
    return true;
  }

  /** GET on a node, recorded (e.g. health while the database is away). */
  Call probe(String row, Node node, String path) {
    return call(row, "GET " + path.replaceAll("\\?.*", ""), node, get(node.url(path)));
  }

  /** The same, without waiting for the answer (a probe that hangs does not delay the next one). */
  void probeAsync(String row, Node node, String path) {
    workers.execute(() -> probe(row, node, path));
  }

  List<Call> calls() {
    return List.copyOf(calls);
  }

  List<Submission> submissions(String row) {
    return submissions.values().stream().filter(s -> s.row.equals(row)).toList();
  }

  @Override
  public void close() {
    stopLoad();
    ticker.shutdownNow();
    workers.shutdownNow();
  }

  // ------------------------------------------------------------------ one referral

  private void register(Submission submission, Node preferred, int n) {
    Instant giveUp = Instant.now().plus(retryFor);
    String body = referralJson(submission.clientRequestId, n);
    Node next = preferred;
    try {
      while (true) {
        Node node = next != null && next.ready() ? next : nextReadyNode();
        next = null;
        if (node == null) {
          if (Instant.now().isAfter(giveUp)) {
            submission.finalStatus = -1;
            return;
          }
          Thread.sleep(500);
          continue;
        }
        submission.attempts++;
        Call call = call(submission.row, "POST /api/referrals", node, post(node, body));
        if (call.answered() && call.status() < 500) {
          submission.finalStatus = call.status();
          if (submission.accepted()) {
            submission.acceptedBy = node.name();
          }
          return;
        }
        if (Instant.now().isAfter(giveUp)) {
          submission.finalStatus = call.status();
          return;
        }
        Thread.sleep(1000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      submission.done = true;
    }
  }

  private Node nextReadyNode() {
    for (int i = 0; i < nodes.size(); i++) {
      Node node = nodes.get(Math.floorMod(turn.getAndIncrement(), nodes.size()));
      if (node.ready()) {
        return node;
      }
    }
    return null;
  }

  private HttpRequest post(Node node, String body) {
    return HttpRequest.newBuilder(URI.create(node.url("/api/referrals")))
        .timeout(requestTimeout)
        .header("Authorization", authorization)
        .header("Content-Type", "application/json")
        .header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  private HttpRequest get(String url) {
    return HttpRequest.newBuilder(URI.create(url))
        .timeout(requestTimeout)
        .header("Accept", "application/json")
        .GET()
        .build();
  }

  private Call call(String row, String kind, Node node, HttpRequest request) {
    Instant start = Instant.now();
    long t0 = System.nanoTime();
    int status;
    String error = null;
    try {
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      status = response.statusCode();
    } catch (HttpTimeoutException e) {
      status = -1;
      error = "timeout";
    } catch (IOException e) {
      status = -1;
      error = e.getClass().getSimpleName();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      status = -1;
      error = "interrupted";
    }
    Call call =
        new Call(
            row, kind, node.name(), start, (System.nanoTime() - t0) / 1_000_000, status, error);
    calls.add(call);
    return call;
  }

  /** A realistic referral (as ReferralApiIT posts them); every third a bone lesion (X-rays first). */
  private static String referralJson(String clientRequestId, int n) {
    String[] patient = PATIENTS[n % PATIENTS.length];
    boolean bone = n % 3 == 0;
    boolean superficial = n % 3 == 1;
    return """
        {"clientRequestId": "%s", "patientIdentifier": "IPP-%s", "patientDisplayName": "%s",
         "birthDate": "%s", "sex": "%s", "referringPhysician": "Dr Durand (Nancy)",
         "presentation": "SWELLING_OR_PAIN", "site": "%s", "anatomicalLocation": "%s",
         "largestDimensionCm": %s, "depth": "%s", "priorProcedure": "NONE", "notes": "Masse (chaos)"}
        """
        .formatted(
            clientRequestId,
            clientRequestId.toUpperCase(java.util.Locale.ROOT),
            patient[0],
            patient[1],
            patient[2],
            bone ? "BONE" : "SOFT_TISSUE",
            bone ? "fémur distal droit" : "cuisse gauche",
            superficial ? "3.5" : "8.5",
            superficial ? "SUPERFICIAL" : "DEEP");
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return task -> {
      Thread thread = new Thread(task, name);
      thread.setDaemon(true);
      return thread;
    };
  }
}

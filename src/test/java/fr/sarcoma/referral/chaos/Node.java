package fr.sarcoma.referral.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One application node: the packaged jar in a JVM of its own ({@code java -Xmx… -jar}) on a free
 * local port, against the run's database and receiver, its output in {@code target/chaos/}. Its
 * engine's host name is the node's name (so the job log tells which node ran which job).
 */
final class Node {

  record Environment(
      Path jar,
      String jdbcUrl,
      String dbUser,
      String dbPassword,
      String adminUser,
      String adminPassword,
      String fhirBaseUrl,
      List<String> jvmArgs,
      List<String> appArgs,
      Path logDir) {}

  private final String name;
  private final Environment environment;
  private Process process;
  private int port;
  private int starts;
  private volatile boolean ready;
  private Path log;

  Node(String name, Environment environment) {
    this.name = name;
    this.environment = environment;
  }

  String name() {
    return name;
  }

  int port() {
    return port;
  }

  Path log() {
    return log;
  }

  /** Up and answering health since its last start, and not killed since. */
  boolean ready() {
    return ready && alive();
  }

  boolean alive() {
    return process != null && process.isAlive();
  }

  long pid() {
    return process == null ? -1 : process.pid();
  }

  /** Starts the JVM (does not wait for it); a new free port each time. */
  synchronized void start() {
    if (alive()) {
      throw new IllegalStateException(name + " is running");
    }
    port = freePort();
    starts++;
    log = environment.logDir().resolve("node-" + name + "-" + starts + ".log");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(environment.jvmArgs());
    command.add("-jar");
    command.add(environment.jar().toString());
    command.add("--server.port=" + port);
    command.add("--camunda.bpm.generic-properties.properties.hostname=" + name);
    command.addAll(environment.appArgs());
    ProcessBuilder builder = new ProcessBuilder(command);
    Map<String, String> env = builder.environment();
    env.put("SPRING_DATASOURCE_URL", environment.jdbcUrl());
    env.put("SPRING_DATASOURCE_USERNAME", environment.dbUser());
    env.put("SPRING_DATASOURCE_PASSWORD", environment.dbPassword());
    env.put("SARCOMA_ADMIN_USER", environment.adminUser());
    env.put("SARCOMA_ADMIN_PASSWORD", environment.adminPassword());
    env.put("SARCOMA_FHIR_BASE_URL", environment.fhirBaseUrl());
    env.remove("SPRING_PROFILES_ACTIVE");
    builder.redirectErrorStream(true);
    builder.redirectOutput(log.toFile());
    ready = false;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start node " + name, e);
    }
  }

  /**
   * Waits until health answers 200 (true), the process exits (false) or the timeout passes (false).
   */
  boolean awaitUp(Duration timeout) throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    while (Instant.now().isBefore(deadline)) {
      if (!alive()) {
        return false;
      }
      try {
        HttpResponse<Void> response =
            client.send(
                HttpRequest.newBuilder(URI.create(url("/actuator/health")))
                    .timeout(Duration.ofSeconds(5))
                    .GET()
                    .build(),
                HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 200) {
          ready = true;
          return true;
        }
      } catch (IOException notYet) {
        // starting
      }
      Thread.sleep(500);
    }
    return false;
  }

  /** kill -9. */
  synchronized void kill() throws InterruptedException {
    ready = false;
    if (process != null) {
      process.destroyForcibly();
      process.waitFor();
    }
  }

  /** A clean stop (SIGTERM), then kill -9 after the grace period. */
  synchronized void stop(Duration grace) throws InterruptedException {
    ready = false;
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(grace.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        process.waitFor();
      }
    }
  }

  /** For the shutdown hook: kill -9 without waiting. */
  void killNow() {
    ready = false;
    Process current = process;
    if (current != null && current.isAlive()) {
      current.destroyForcibly();
    }
  }

  String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  /** The first line of the log's first exception, to say why a node died. */
  Optional<String> failure() {
    try {
      if (log == null || !Files.exists(log)) {
        return Optional.empty();
      }
      List<String> lines = Files.readAllLines(log);
      String last = null;
      for (String line : lines) {
        if (line.startsWith("Caused by: ")) {
          last = line;
        }
      }
      if (last == null) {
        last =
            lines.stream()
                .filter(line -> line.contains("Exception") || line.contains(" ERROR "))
                .findFirst()
                .orElse(null);
      }
      return Optional.ofNullable(last)
          .map(line -> line.length() > 300 ? line.substring(0, 300) : line);
    } catch (IOException | UncheckedIOException e) {
      return Optional.empty();
    }
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package fr.sarcoma.referral.benchmark;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A system under test in a JVM of its own, started from the benchmark's classpath: its CPU time is read from
 * {@code /proc/<pid>/stat} (user + system, every thread, the JIT and the GC included), its memory from
 * {@code /proc/<pid>/status}.
 */
final class ChildJvm {

  /** Clock ticks per second of /proc/<pid>/stat (USER_HZ: 100 on Linux). */
  private static final long TICKS_PER_SECOND = 100;

  final String name;
  final int port;
  final Process process;
  final Path log;
  final long startedAtNanos = System.nanoTime();
  double startupSeconds = Double.NaN;

  private ChildJvm(String name, int port, Process process, Path log) {
    this.name = name;
    this.port = port;
    this.process = process;
    this.log = log;
  }

  /** The classpath of the benchmark itself: the class loader exec:java built, else java.class.path. */
  static List<Path> benchmarkClasspath() {
    List<Path> entries = new ArrayList<>();
    if (ChildJvm.class.getClassLoader() instanceof URLClassLoader loader) {
      for (URL url : loader.getURLs()) {
        try {
          entries.add(Path.of(url.toURI()));
        } catch (URISyntaxException e) {
          throw new IllegalStateException(url.toString(), e);
        }
      }
    }
    if (entries.isEmpty()) {
      for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
        entries.add(Path.of(entry));
      }
    }
    return entries;
  }

  /**
   * The dependency jars, with our application's classes ({@code withMainClasses}) or with the test classes only
   * (the bare baseline: none of our classes, our application.yml or our spring.factories).
   */
  static String classpath(boolean withMainClasses) {
    List<String> kept = new ArrayList<>();
    for (Path entry : benchmarkClasspath()) {
      boolean testClasses = entry.endsWith("test-classes");
      boolean mainClasses = !testClasses && Files.isDirectory(entry) && entry.endsWith("classes");
      if ((mainClasses && !withMainClasses) || (testClasses && withMainClasses)) {
        continue;
      }
      kept.add(entry.toString());
    }
    return String.join(File.pathSeparator, kept);
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ChildJvm start(
      String name,
      String classpath,
      List<String> jvmArgs,
      String mainClass,
      List<String> args,
      Path logDirectory)
      throws IOException {
    int port = freePort();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmArgs);
    command.add("-cp");
    command.add(classpath);
    command.add(mainClass);
    command.addAll(args);
    command.add("--server.port=" + port);
    Path log = logDirectory.resolve(name + ".log");
    // The command line, to start the system again by hand (the classpath is long).
    Files.write(logDirectory.resolve(name + ".command"), command);
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    // Interrupted (Ctrl-C), the benchmark takes its systems down with it.
    Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
    return new ChildJvm(name, port, process, log);
  }

  /** Waits until the REST API answers an authenticated call (the users exist, the models are deployed). */
  void awaitReady(String user, String password, Duration patience) throws InterruptedException {
    HttpClient client = HttpClient.newHttpClient();
    String basic =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    long deadline = System.nanoTime() + patience.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " stopped while starting; see " + log);
      }
      try {
        HttpResponse<String> response =
            client.send(
                HttpRequest.newBuilder(
                        URI.create(
                            "http://localhost:" + port + "/engine-rest/process-definition/count"))
                    .header("Authorization", basic)
                    .GET()
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200 && !response.body().contains("\"count\":0")) {
          startupSeconds = (System.nanoTime() - startedAtNanos) / 1e9;
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException(name + " not ready after " + patience + "; see " + log);
  }

  /** CPU time of the whole JVM so far (user + system, every thread), in milliseconds. */
  double cpuMillis() {
    return procCpuMillis(process.pid());
  }

  /**
   * CPU time so far by kind of thread (ms): {@code jit} (the JIT compiler's threads: C1, C2), {@code gc} (the
   * garbage collector's and the VM's own threads), {@code java} (every other: requests, jobs, the engine's
   * acquisition). The JIT compiles while the code warms up; what it spends in a phase is not work the system
   * would do per user task once warm.
   */
  java.util.Map<String, Double> cpuMillisByThreadKind() {
    java.util.Map<String, Double> kinds = new java.util.HashMap<>();
    Path tasks = Path.of("/proc", Long.toString(process.pid()), "task");
    try (java.util.stream.Stream<Path> threads = Files.list(tasks)) {
      threads.forEach(
          thread -> {
            try {
              String name = Files.readString(thread.resolve("comm")).trim();
              String stat = Files.readString(thread.resolve("stat"));
              String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
              long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
              kinds.merge(threadKind(name), ticks * 1000.0 / TICKS_PER_SECOND, Double::sum);
            } catch (IOException | RuntimeException ended) {
              // the thread ended meanwhile
            }
          });
    } catch (IOException | RuntimeException gone) {
      // the JVM ended
    }
    return kinds;
  }

  static String threadKind(String name) {
    if (name.contains("CompilerThre") || name.equals("Sweeper thread")) {
      return "jit";
    }
    if (name.startsWith("GC ")
        || name.startsWith("G1 ")
        || name.startsWith("VM ")
        || name.equals("Service Thread")) {
      return "gc";
    }
    return "java";
  }

  static double procCpuMillis(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // The command name (field 2) may hold spaces: fields are counted after its closing
      // parenthesis.
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
      return ticks * 1000.0 / TICKS_PER_SECOND;
    } catch (IOException | RuntimeException gone) {
      return Double.NaN;
    }
  }

  /** CPU time the whole machine spent busy so far (every core, every process, the kernel), in milliseconds. */
  static double machineBusyMillis() {
    try {
      String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      // cpu user nice system idle iowait irq softirq steal ...
      long busy = 0;
      for (int i : new int[] {1, 2, 3, 6, 7, 8}) {
        busy += Long.parseLong(cpu[i]);
      }
      return busy * 1000.0 / TICKS_PER_SECOND;
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  /** A line of /proc/<pid>/status in MB (VmRSS: resident now; VmHWM: the peak). */
  double memoryMb(String field) {
    try {
      for (String line :
          Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
        if (line.startsWith(field + ":")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
        }
      }
    } catch (IOException | RuntimeException gone) {
      // ended
    }
    return Double.NaN;
  }

  void stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }
}

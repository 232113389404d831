package fr.sarcoma.referral.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The hospital's order system as the chaos run needs it: an HTTP server in the harness's own
 * process, on 127.0.0.1 and a free port, base URL {@code http://127.0.0.1:PORT/fhir}, that accepts
 * FHIR ServiceRequest creates and counts them per order identifier.
 *
 * <p>It honours {@code If-None-Exist} as the FHIR specification writes it (search parameters only:
 * {@code identifier=system|value}): a create whose condition matches a stored request answers 200
 * with it and stores nothing. By default ({@code strict}) a header in any other form (a URL, {@code
 * ServiceRequest?…}) is not understood and the request is stored as a new one, as a receiver that
 * follows the specification to the letter would; {@code lenient} also reads the query of such a
 * header.
 *
 * <p>Modes: {@link Mode#UP}; {@link Mode#REFUSING} (the port is closed: connection refused); {@link
 * Mode#FAILING} (every request answered 503 with an OperationOutcome, nothing stored); {@link
 * Mode#HANGING} (a create is read and stored, then never answered; the connection is dropped without
 * an answer when the mode changes). {@link #latency} delays every answer. Every answer closes its
 * connection.
 */
final class FhirReceiver implements AutoCloseable {

  enum Mode {
    UP,
    REFUSING,
    FAILING,
    HANGING
  }

  /** What the receiver knows of one order identifier. */
  record Delivery(
      String orderId, List<Instant> stored, int createRequests, int nonConformingConditions) {
    Instant first() {
      return stored.isEmpty() ? null : stored.get(0);
    }
  }

  static final String ORDER_SYSTEM = "https://sarcoma-network.example/fhir/sid/order";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String HOST = "127.0.0.1";

  private final boolean strict;
  private final int port;
  private final ExecutorService connections =
      Executors.newCachedThreadPool(
          task -> {
            Thread thread = new Thread(task, "chaos-fhir-connection");
            thread.setDaemon(true);
            return thread;
          });
  private final Object lock = new Object();
  // Guarded by lock.
  private final Map<String, MutableDelivery> deliveries = new LinkedHashMap<>();
  private final Map<String, String> idToOrder = new HashMap<>();
  private long nextId = 1;
  private int requests;
  private Mode mode = Mode.UP;
  private Duration latency = Duration.ZERO;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private volatile ServerSocket server;
  private volatile boolean closed;

  private static final class MutableDelivery {
    final List<Instant> stored = new ArrayList<>();
    int createRequests;
    int nonConforming;
  }

  FhirReceiver(boolean strict) throws IOException {
    this.strict = strict;
    ServerSocket first = bind(0);
    this.port = first.getLocalPort();
    listen(first);
  }

  String baseUrl() {
    return "http://" + HOST + ":" + port + "/fhir";
  }

  /** Switches the mode; REFUSING closes the port (and open connections), leaving it reopens it. */
  void mode(Mode next) throws IOException {
    synchronized (lock) {
      if (mode == next) {
        return;
      }
      Mode previous = mode;
      mode = next;
      lock.notifyAll(); // hanging connections give up: closed without an answer
      if (next == Mode.REFUSING) {
        ServerSocket current = server;
        server = null;
        if (current != null) {
          current.close();
        }
        for (Socket socket : open) {
          closeQuietly(socket);
        }
      } else if (previous == Mode.REFUSING) {
        listen(bind(port));
      }
    }
  }

  Mode mode() {
    synchronized (lock) {
      return mode;
    }
  }

  void latency(Duration delay) {
    synchronized (lock) {
      latency = delay;
    }
  }

  /** Every order identifier the receiver saw, with when it was stored (more than once: a duplicate). */
  Map<String, Delivery> deliveries() {
    synchronized (lock) {
      Map<String, Delivery> copy = new LinkedHashMap<>();
      deliveries.forEach(
          (order, d) ->
              copy.put(
                  order,
                  new Delivery(order, List.copyOf(d.stored), d.createRequests, d.nonConforming)));
      return copy;
    }
  }

  int requests() {
    synchronized (lock) {
      return requests;
    }
  }

  @Override
  public void close() {
    closed = true;
    synchronized (lock) {
      lock.notifyAll();
    }
    ServerSocket current = server;
    if (current != null) {
      closeQuietly(current);
    }
    open.forEach(FhirReceiver::closeQuietly);
    connections.shutdownNow();
  }

  // ------------------------------------------------------------------ serving

  private static ServerSocket bind(int portNumber) throws IOException {
    ServerSocket socket = new ServerSocket();
    socket.setReuseAddress(true);
    socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), portNumber), 100);
    return socket;
  }

  private void listen(ServerSocket socket) {
    server = socket;
    Thread acceptor =
        new Thread(
            () -> {
              while (!socket.isClosed()) {
                try {
                  Socket connection = socket.accept();
                  open.add(connection);
                  connections.execute(() -> serve(connection));
                } catch (IOException | RuntimeException e) {
                  if (!socket.isClosed()) {
                    System.err.println("chaos receiver: accept failed: " + e);
                  }
                }
              }
            },
            "chaos-fhir-acceptor");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  private void serve(Socket socket) {
    try (socket) {
      socket.setSoTimeout(60_000);
      Request request = Request.read(socket.getInputStream());
      if (request == null) {
        return;
      }
      Answer answer = handle(request);
      if (answer == null) {
        return; // hung: dropped without an answer
      }
      Duration delay;
      synchronized (lock) {
        delay = latency;
      }
      if (!delay.isZero()) {
        Thread.sleep(delay.toMillis());
      }
      answer.write(socket.getOutputStream());
    } catch (SocketException closedMeanwhile) {
      // REFUSING or close(): the connection goes with the port
    } catch (IOException e) {
      System.err.println("chaos receiver: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      open.remove(socket);
    }
  }

  private Answer handle(Request request) throws InterruptedException {
    boolean create =
        "POST".equals(request.method) && request.path.matches("/fhir/ServiceRequest/?");
    synchronized (lock) {
      requests++;
      if (mode == Mode.FAILING) {
        return Answer.outcome(503, "transient", "Service indisponible (chaos)");
      }
    }
    if (!create) {
      return Answer.outcome(404, "not-supported", request.method + " " + request.path);
    }
    String orderId;
    try {
      orderId = orderIdentifier(JSON.readTree(request.body));
    } catch (IOException e) {
      return Answer.outcome(400, "invalid", "Not JSON: " + e.getMessage());
    }
    if (orderId == null) {
      return Answer.outcome(422, "required", "No identifier of system " + ORDER_SYSTEM);
    }
    String condition = request.headers.get("if-none-exist");
    Answer answer;
    synchronized (lock) {
      MutableDelivery delivery = deliveries.computeIfAbsent(orderId, id -> new MutableDelivery());
      delivery.createRequests++;
      String wanted = null;
      if (condition != null) {
        wanted = conditionIdentifier(condition);
        if (wanted == null) {
          delivery.nonConforming++;
        }
      }
      if (wanted != null && !wanted.equals(orderId)) {
        return Answer.outcome(412, "conflict", "If-None-Exist names another order: " + condition);
      }
      if (wanted != null && !delivery.stored.isEmpty()) {
        String existing = existingId(orderId);
        answer = Answer.created(200, baseUrl(), existing);
      } else {
        String id = Long.toString(nextId++);
        idToOrder.put(id, orderId);
        delivery.stored.add(Instant.now());
        answer = Answer.created(201, baseUrl(), id);
      }
      if (mode == Mode.HANGING) {
        while (mode == Mode.HANGING && !closed) {
          lock.wait();
        }
        return null;
      }
    }
    return answer;
  }

  private String existingId(String orderId) {
    return idToOrder.entrySet().stream()
        .filter(entry -> entry.getValue().equals(orderId))
        .map(Map.Entry::getKey)
        .findFirst()
        .orElseThrow();
  }

  /**
   * The order id an If-None-Exist asks about; null when the header is not in a form this receiver
   * reads (strict: {@code identifier=system|value} only).
   */
  private String conditionIdentifier(String header) {
    String query = header.trim();
    if (!strict && query.contains("?")) {
      query = query.substring(query.indexOf('?') + 1);
    }
    if (query.contains("?") || query.contains("/") && !query.startsWith("identifier=")) {
      return null;
    }
    String found = null;
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      if (eq < 0 || !"identifier".equals(pair.substring(0, eq))) {
        return null;
      }
      String token = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      int bar = token.indexOf('|');
      if (bar < 0 || !ORDER_SYSTEM.equals(token.substring(0, bar)) || found != null) {
        return null;
      }
      found = token.substring(bar + 1);
    }
    return found;
  }

  private static String orderIdentifier(JsonNode resource) {
    for (JsonNode identifier : resource.path("identifier")) {
      if (ORDER_SYSTEM.equals(identifier.path("system").asText())) {
        return identifier.path("value").asText(null);
      }
    }
    return null;
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception ignored) {
      // closing anyway
    }
  }

  // ------------------------------------------------------------------ HTTP/1.1, minimal

  private record Request(String method, String path, Map<String, String> headers, byte[] body) {

    static Request read(InputStream in) throws IOException {
      String requestLine = line(in);
      if (requestLine == null || requestLine.isBlank()) {
        return null;
      }
      String[] parts = requestLine.split(" ");
      Map<String, String> headers = new HashMap<>();
      for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
        int colon = header.indexOf(':');
        if (colon > 0) {
          headers.put(
              header.substring(0, colon).trim().toLowerCase(Locale.ROOT),
              header.substring(colon + 1).trim());
        }
      }
      byte[] body;
      if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
        ByteArrayOutputStream chunks = new ByteArrayOutputStream();
        for (int size = Integer.parseInt(line(in).split(";")[0].trim(), 16);
            size > 0;
            size = Integer.parseInt(line(in).split(";")[0].trim(), 16)) {
          chunks.write(in.readNBytes(size));
          line(in);
        }
        for (String trailer = line(in); trailer != null && !trailer.isEmpty(); trailer = line(in)) {
          // trailers ignored
        }
        body = chunks.toByteArray();
      } else {
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        body = in.readNBytes(length);
      }
      String path = parts.length > 1 ? parts[1] : "/";
      int query = path.indexOf('?');
      return new Request(parts[0], query < 0 ? path : path.substring(0, query), headers, body);
    }

    private static String line(InputStream in) throws IOException {
      ByteArrayOutputStream buffer = new ByteArrayOutputStream();
      int b;
      while ((b = in.read()) >= 0) {
        if (b == '\n') {
          break;
        }
        if (b != '\r') {
          buffer.write(b);
        }
      }
      if (b < 0 && buffer.size() == 0) {
        return null;
      }
      return buffer.toString(StandardCharsets.ISO_8859_1);
    }
  }

  private record Answer(int status, Map<String, String> headers, String body) {

    static Answer outcome(int status, String code, String diagnostics) {
      String body =
          "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\",\"code\":\""
              + code
              + "\",\"diagnostics\":"
              + quote(diagnostics)
              + "}]}";
      return new Answer(status, Map.of(), body);
    }

    static Answer created(int status, String base, String id) {
      String location = base + "/ServiceRequest/" + id + "/_history/1";
      String body =
          "{\"resourceType\":\"ServiceRequest\",\"id\":\""
              + id
              + "\",\"meta\":{\"versionId\":\"1\"},\"status\":\"active\",\"intent\":\"order\"}";
      return new Answer(status, Map.of("Location", location, "ETag", "W/\"1\""), body);
    }

    void write(OutputStream out) throws IOException {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      StringBuilder head =
          new StringBuilder("HTTP/1.1 ")
              .append(status)
              .append(' ')
              .append(reason(status))
              .append("\r\nContent-Type: application/fhir+json;charset=UTF-8\r\nContent-Length: ")
              .append(bytes.length)
              .append("\r\nConnection: close\r\n");
      headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
      head.append("\r\n");
      out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.write(bytes);
      out.flush();
    }

    private static String reason(int status) {
      return switch (status) {
        case 200 -> "OK";
        case 201 -> "Created";
        case 400 -> "Bad Request";
        case 404 -> "Not Found";
        case 412 -> "Precondition Failed";
        case 422 -> "Unprocessable Entity";
        case 503 -> "Service Unavailable";
        default -> "Status";
      };
    }

    private static String quote(String text) {
      try {
        return JSON.writeValueAsString(text);
      } catch (IOException e) {
        return "\"\"";
      }
    }
  }
}

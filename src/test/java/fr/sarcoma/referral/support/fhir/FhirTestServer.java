package fr.sarcoma.referral.support.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.annotation.ConditionalUrlParam;
import ca.uhn.fhir.rest.annotation.Create;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.PreconditionFailedException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Date;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.Wrapper;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.core.StandardContext;
import org.apache.catalina.core.StandardServer;
import org.apache.catalina.startup.Tomcat;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.ServiceRequest;

/**
 * A real FHIR R4 server, in-process, for tests that deliver our ServiceRequests over HTTP: HAPI's plain
 * {@link RestfulServer} in an embedded Tomcat on 127.0.0.1 and a free port, base URL {@code http://127.0.0.1:PORT/fhir}.
 *
 * <p>It keeps ServiceRequests in memory and supports create (also conditional: {@code If-None-Exist:
 * identifier=system|value} answers 200 with the stored resource when one matches, else 201 with a new id), read, and
 * search by {@code identifier}. It reads {@code If-None-Exist} strictly as the FHIR specification writes it (R4
 * http.html#ccreate): search parameters only, no base URL and no {@code ServiceRequest?} in front; any other form is
 * refused with a 400 (HAPI's own server would quietly strip the base URL, a stricter receiver would not match and
 * create a duplicate). Every create's raw header is kept ({@link #ifNoneExistHeaders()}).
 *
 * <p>Faults for delivery tests: {@link #failNext(int, int)} (e.g. 503s), {@link #rejectNext(int, String)} (a 4xx
 * with an OperationOutcome), {@link #hangNext()} (the request is held, nothing stored: a receiver that hangs),
 * {@link #loseNextResponse()} (the ServiceRequest is stored, then the answer is held: a response lost on the way
 * back), both held until {@link #releaseHeld()} (or {@link #reset()}, {@link #close()}, at most {@link #MAX_HOLD}),
 * so that the sender's read timeout runs out first; {@link #stop()}/{@link #start()} (the port is really closed,
 * then reopened on the same number). Faults apply to create requests only, in the order they were queued; all but
 * a lost response are answered before the body is parsed.
 *
 * <p>Every response closes its connection (no keep-alive), so a client never reuses a pooled connection across a
 * {@link #stop()}: the next request after it is refused, as with a receiver that is down.
 *
 * <p>Thread-safe. The constructor starts it; {@link #close()} stops it for good. Usable from a static field:
 * <pre>
 * static final FhirTestServer FHIR = new FhirTestServer();
 *
 * &#64;DynamicPropertySource
 * static void fhir(DynamicPropertyRegistry registry) {
 *   registry.add("referral.fhir.base-url", FHIR::baseUrl);
 * }
 *
 * &#64;BeforeEach
 * void clean() {
 *   FHIR.reset();
 * }
 * </pre>
 * A server never closed does not keep the JVM alive (its threads are daemons).
 *
 * <p>The first start in a JVM pays for loading Tomcat and for HAPI's scan of the R4 model (seconds, once per JVM,
 * and the same scan any FHIR client or parser in that JVM would need); later starts take tens of milliseconds,
 * {@link #stop()} and {@link #start()} a few.
 */
public final class FhirTestServer implements AutoCloseable {

  /** The servlet's path under the root context: the base URL ends with it. */
  public static final String BASE_PATH = "/fhir";

  private static final String HOST = "127.0.0.1";

  /** The longest a held request ({@link #hangNext()}, {@link #loseNextResponse()}) waits for {@link #releaseHeld()}. */
  public static final Duration MAX_HOLD = Duration.ofSeconds(60);

  /** Where the interceptor tells the provider that this create's answer is to be lost. */
  private static final String LOSE_RESPONSE = FhirTestServer.class.getName() + ".loseResponse";

  private final FhirContext fhirContext = FhirContext.forR4Cached();
  private final Object lock = new Object();

  // All guarded by lock.
  private final Map<String, ServiceRequest> store = new LinkedHashMap<>();
  private final Deque<Fault> faults = new ArrayDeque<>();
  private final List<String> bodies = new ArrayList<>();
  private final List<String> ifNoneExist = new ArrayList<>();
  private CountDownLatch held = new CountDownLatch(1);
  private long nextId = 1;
  private int createRequests;

  // Lifecycle, guarded by this.
  private final Path baseDir;
  private final Tomcat tomcat;
  private final int port;
  private Connector connector;
  private boolean closed;

  /** Starts the server on 127.0.0.1 and a free port. */
  public FhirTestServer() {
    try {
      baseDir = Files.createTempDirectory("fhir-test-server");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    tomcat = new Tomcat();
    tomcat.setSilent(true);
    tomcat.setBaseDir(baseDir.toString());
    tomcat.getHost().setAutoDeploy(false);
    if (tomcat.getServer() instanceof StandardServer server) {
      server.setUtilityThreadsAsDaemon(true);
    }

    RestfulServer servlet = new RestfulServer(fhirContext);
    servlet.setDefaultResponseEncoding(EncodingEnum.JSON);
    servlet.setDefaultPrettyPrint(false);
    servlet.registerProvider(new ServiceRequestProvider());
    servlet.registerInterceptor(new CreateRequestInterceptor());

    Context context = tomcat.addContext("", null);
    if (context instanceof StandardContext standard) {
      // Nothing to clean up after this servlet; these checks only warn about missing --add-opens on
      // stop.
      standard.setClearReferencesObjectStreamClassCaches(false);
      standard.setClearReferencesRmiTargets(false);
      standard.setClearReferencesThreadLocals(false);
    }
    Wrapper wrapper = Tomcat.addServlet(context, "fhir", servlet);
    wrapper.setLoadOnStartup(1);
    context.addServletMappingDecoded(BASE_PATH + "/*", "fhir");

    connector = newConnector(0);
    tomcat.getService().addConnector(connector);
    try {
      tomcat.start();
    } catch (LifecycleException e) {
      destroyQuietly();
      throw new IllegalStateException("FHIR test server did not start", e);
    }
    // start() binds this very port again: the base URL stays the same across stop()/start().
    port = connector.getLocalPort();
    if (port <= 0) {
      destroyQuietly();
      throw new IllegalStateException("FHIR test server is not listening (port " + port + ")");
    }
  }

  // ---------------------------------------------------------------- lifecycle

  /** Closes the listening port (and open connections): clients now get "connection refused". Idempotent. */
  public synchronized void stop() {
    checkNotClosed();
    if (connector == null) {
      return;
    }
    Connector old = connector;
    connector = null;
    tomcat
        .getService()
        .removeConnector(old); // stops it: with bindOnInit=false, that unbinds the port
    try {
      old.destroy();
    } catch (LifecycleException e) {
      throw new IllegalStateException("FHIR test server did not stop its connector", e);
    }
  }

  /** Reopens the same port after {@link #stop()}; the stored resources and counters are kept. Idempotent. */
  public synchronized void start() {
    checkNotClosed();
    if (connector != null) {
      return;
    }
    Connector fresh = newConnector(port);
    RuntimeException failure = null;
    try {
      tomcat.getService().addConnector(fresh); // starts it, the service being started
    } catch (RuntimeException e) {
      failure = e;
    }
    if (failure != null || !fresh.getState().isAvailable() || fresh.getLocalPort() != port) {
      tomcat.getService().removeConnector(fresh);
      try {
        fresh.destroy();
      } catch (LifecycleException | RuntimeException e) {
        if (failure != null) {
          failure.addSuppressed(e);
        }
      }
      throw new IllegalStateException(
          "FHIR test server could not reopen port " + port + " (taken meanwhile?)", failure);
    }
    connector = fresh;
  }

  /** Whether the port is open (between construction or {@link #start()} and {@link #stop()}). */
  public synchronized boolean isRunning() {
    return !closed && connector != null;
  }

  /** Stops the server for good and deletes its working directory. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    connector = null;
    releaseHeld();
    destroyQuietly();
  }

  // ---------------------------------------------------------------- fault injection

  /**
   * The next {@code count} create requests are answered with {@code httpStatus} (4xx or 5xx, e.g. 503) and an
   * OperationOutcome, without being stored. Queued after any fault already pending.
   */
  public void failNext(int count, int httpStatus) {
    if (count < 0) {
      throw new IllegalArgumentException("count < 0: " + count);
    }
    if (httpStatus < 400 || httpStatus > 599) {
      throw new IllegalArgumentException("not an error status: " + httpStatus);
    }
    synchronized (lock) {
      for (int i = 0; i < count; i++) {
        faults.add(
            new Fault(
                httpStatus,
                "HTTP " + httpStatus + " injected by FhirTestServer",
                httpStatus >= 500
                    ? OperationOutcome.IssueType.TRANSIENT
                    : OperationOutcome.IssueType.PROCESSING));
      }
    }
  }

  /**
   * The next create request is rejected with {@code httpStatus} (a 4xx, e.g. 400 or 422) and an OperationOutcome
   * whose issue's diagnostics is {@code message}. Queued after any fault already pending.
   */
  public void rejectNext(int httpStatus, String message) {
    if (httpStatus < 400 || httpStatus > 499) {
      throw new IllegalArgumentException("not a 4xx status: " + httpStatus);
    }
    synchronized (lock) {
      faults.add(new Fault(httpStatus, message, OperationOutcome.IssueType.PROCESSING));
    }
  }

  /**
   * The next create request is held, nothing stored, until {@link #releaseHeld()}: a receiver that hangs. Once
   * released it is answered 503 (its sender has long given up). Queued after any fault already pending.
   */
  public void hangNext() {
    synchronized (lock) {
      faults.add(
          new Fault(
              503,
              "Held by FhirTestServer, never processed",
              OperationOutcome.IssueType.TIMEOUT,
              Fault.Kind.HANG));
    }
  }

  /**
   * The next create request is processed (the ServiceRequest stored, as any create), then its answer is held
   * until {@link #releaseHeld()}: the sender times out and never learns that its order arrived. Queued after any
   * fault already pending.
   */
  public void loseNextResponse() {
    synchronized (lock) {
      faults.add(
          new Fault(
              201,
              "Answer held by FhirTestServer",
              OperationOutcome.IssueType.TIMEOUT,
              Fault.Kind.LOSE_RESPONSE));
    }
  }

  /** Lets every held request go on ({@link #hangNext()}, {@link #loseNextResponse()}); later ones are held again. */
  public void releaseHeld() {
    CountDownLatch released;
    synchronized (lock) {
      released = held;
      held = new CountDownLatch(1);
    }
    released.countDown();
  }

  // ---------------------------------------------------------------- inspection

  /**
   * The raw {@code If-None-Exist} header of every create request, in arrival order (null for a create without
   * one), injected failures and refused ones too.
   */
  public List<String> ifNoneExistHeaders() {
    synchronized (lock) {
      return Collections.unmodifiableList(new ArrayList<>(ifNoneExist));
    }
  }

  /** {@code http://127.0.0.1:PORT/fhir}, the same across {@link #stop()}/{@link #start()}. */
  public String baseUrl() {
    return "http://" + HOST + ":" + port + BASE_PATH;
  }

  /** The port, the same across {@link #stop()}/{@link #start()}. */
  public int port() {
    return port;
  }

  /** Copies of the stored ServiceRequests, in creation order, each with its server id (ServiceRequest/N/_history/1). */
  public List<ServiceRequest> serviceRequests() {
    synchronized (lock) {
      return store.values().stream().map(ServiceRequest::copy).toList();
    }
  }

  /** How many create requests arrived, whatever their outcome (injected failures and conditional duplicates too). */
  public int createRequests() {
    synchronized (lock) {
      return createRequests;
    }
  }

  /** How many ServiceRequests are stored. */
  public int storedCount() {
    synchronized (lock) {
      return store.size();
    }
  }

  /** The raw bodies of all create requests, in arrival order (injected failures and duplicates too). */
  public List<String> receivedBodies() {
    synchronized (lock) {
      return List.copyOf(bodies);
    }
  }

  /** Forgets everything: resources, pending faults, received bodies, counters; ids restart at 1. */
  public void reset() {
    synchronized (lock) {
      store.clear();
      faults.clear();
      bodies.clear();
      ifNoneExist.clear();
      createRequests = 0;
      nextId = 1;
    }
    releaseHeld();
  }

  /** The FHIR context used by the server (R4). */
  public FhirContext fhirContext() {
    return fhirContext;
  }

  // ---------------------------------------------------------------- internals

  private Connector newConnector(int portNumber) {
    Connector c = new Connector("HTTP/1.1");
    c.setPort(portNumber);
    c.setProperty("address", HOST);
    // Bind on start, unbind on stop: stop() then really closes the port.
    c.setProperty("bindOnInit", "false");
    // One request per connection: no pooled connection survives a stop() on the client side.
    c.setProperty("maxKeepAliveRequests", "1");
    c.setProperty("connectionTimeout", "5000");
    return c;
  }

  private void checkNotClosed() {
    if (closed) {
      throw new IllegalStateException("FHIR test server is closed");
    }
  }

  private void destroyQuietly() {
    try {
      tomcat.stop();
    } catch (LifecycleException | RuntimeException ignored) {
      // closing anyway
    }
    try {
      tomcat.destroy();
    } catch (LifecycleException | RuntimeException ignored) {
      // closing anyway
    }
    try (Stream<Path> paths = Files.walk(baseDir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | RuntimeException ignored) {
      // a leftover temporary directory
    }
  }

  private static void awaitRelease(CountDownLatch release) {
    try {
      release.await(MAX_HOLD.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static boolean matches(ServiceRequest resource, String system, String value) {
    for (Identifier identifier : resource.getIdentifier()) {
      boolean systemMatches =
          system == null
              || (system.isEmpty()
                  ? !identifier.hasSystem()
                  : system.equals(identifier.getSystem()));
      boolean valueMatches =
          value == null || value.isEmpty() || value.equals(identifier.getValue());
      if (systemMatches && valueMatches) {
        return true;
      }
    }
    return false;
  }

  /** [system, value] of a token {@code system|value}, {@code |value} or {@code value} (system null: any). */
  private static String[] token(String raw) {
    int bar = raw.indexOf('|');
    return bar < 0
        ? new String[] {null, raw}
        : new String[] {raw.substring(0, bar), raw.substring(bar + 1)};
  }

  private static IdType idOf(String id) {
    return new IdType("ServiceRequest", id, "1");
  }

  private record Fault(int status, String message, OperationOutcome.IssueType code, Kind kind) {

    enum Kind {
      ANSWER,
      HANG,
      LOSE_RESPONSE
    }

    Fault(int status, String message, OperationOutcome.IssueType code) {
      this(status, message, code, Kind.ANSWER);
    }

    OperationOutcome outcome() {
      OperationOutcome outcome = new OperationOutcome();
      outcome
          .addIssue()
          .setSeverity(
              status >= 500
                  ? OperationOutcome.IssueSeverity.FATAL
                  : OperationOutcome.IssueSeverity.ERROR)
          .setCode(code)
          .setDiagnostics(message);
      return outcome;
    }
  }

  /** Counts every create, keeps its raw body and answers pending faults, before HAPI parses the body. */
  @Interceptor
  public final class CreateRequestInterceptor {

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
    public boolean incoming(RequestDetails request, HttpServletResponse response)
        throws IOException {
      boolean create =
          request.getRestOperationType() == RestOperationTypeEnum.CREATE
              || (request.getRestOperationType() == null
                  && request.getRequestType() == RequestTypeEnum.POST
                  && request.getId() == null
                  && request.getOperation() == null);
      if (!create) {
        return true;
      }
      byte[] content =
          request.loadRequestContents(); // cached: HAPI parses the same bytes afterwards
      Fault fault;
      CountDownLatch release;
      synchronized (lock) {
        createRequests++;
        bodies.add(content == null ? "" : new String(content, StandardCharsets.UTF_8));
        ifNoneExist.add(request.getHeader(Constants.HEADER_IF_NONE_EXIST));
        fault = faults.poll();
        release = held;
      }
      if (fault == null) {
        return true;
      }
      if (fault.kind() == Fault.Kind.LOSE_RESPONSE) {
        request.getUserData().put(LOSE_RESPONSE, release);
        return true;
      }
      if (fault.kind() == Fault.Kind.HANG) {
        awaitRelease(release);
      }
      // Answered here rather than thrown: HAPI would log a thrown exception as an interceptor
      // failure.
      byte[] body =
          fhirContext
              .newJsonParser()
              .encodeResourceToString(fault.outcome())
              .getBytes(StandardCharsets.UTF_8);
      response.setStatus(fault.status());
      response.setContentType(Constants.CT_FHIR_JSON_NEW + ";charset=UTF-8");
      response.setContentLength(body.length);
      response.getOutputStream().write(body);
      response.flushBuffer();
      return false;
    }
  }

  /** ServiceRequest create (conditional on identifier), read and search by identifier, in memory. */
  public final class ServiceRequestProvider implements IResourceProvider {

    @Override
    public Class<ServiceRequest> getResourceType() {
      return ServiceRequest.class;
    }

    /**
     * The condition is read from the raw header, not from HAPI's {@code @ConditionalUrlParam}, which strips a
     * leading base URL: this receiver is as strict as the specification.
     */
    @Create
    public MethodOutcome create(
        @ResourceParam ServiceRequest resource,
        @ConditionalUrlParam String lenientIfNoneExist,
        RequestDetails request) {
      String ifNoneExist = request.getHeader(Constants.HEADER_IF_NONE_EXIST);
      String[] identifier =
          ifNoneExist == null || ifNoneExist.isBlank() ? null : conditionalIdentifier(ifNoneExist);
      MethodOutcome outcome = stored(resource, ifNoneExist, identifier);
      if (request.getUserData().get(LOSE_RESPONSE) instanceof CountDownLatch release) {
        awaitRelease(release);
      }
      return outcome;
    }

    private MethodOutcome stored(ServiceRequest resource, String ifNoneExist, String[] identifier) {
      synchronized (lock) {
        if (identifier != null) {
          List<Map.Entry<String, ServiceRequest>> found =
              store.entrySet().stream()
                  .filter(e -> matches(e.getValue(), identifier[0], identifier[1]))
                  .toList();
          if (found.size() > 1) {
            throw new PreconditionFailedException(
                "If-None-Exist matches " + found.size() + " ServiceRequests: " + ifNoneExist);
          }
          if (found.size() == 1) {
            Map.Entry<String, ServiceRequest> existing = found.get(0);
            return new MethodOutcome(idOf(existing.getKey()))
                .setCreated(false)
                .setResource(existing.getValue().copy());
          }
        }
        String id = Long.toString(nextId++);
        ServiceRequest stored = resource.copy();
        stored.setId(idOf(id));
        stored.getMeta().setVersionId("1").setLastUpdated(new Date());
        store.put(id, stored);
        return new MethodOutcome(idOf(id)).setCreated(true).setResource(stored.copy());
      }
    }

    @Read
    public ServiceRequest read(@IdParam IdType id) {
      synchronized (lock) {
        ServiceRequest found = store.get(id.getIdPart());
        if (found == null) {
          throw new ResourceNotFoundException(id);
        }
        return found.copy();
      }
    }

    @Search
    public List<ServiceRequest> search(
        @OptionalParam(name = ServiceRequest.SP_IDENTIFIER) TokenParam identifier) {
      synchronized (lock) {
        return store.values().stream()
            .filter(
                r ->
                    identifier == null || matches(r, identifier.getSystem(), identifier.getValue()))
            .map(ServiceRequest::copy)
            .toList();
      }
    }

    /**
     * [system, value] from {@code identifier=system|value}, the header as the specification writes it: search
     * parameters only. A URL ({@code http://host/fhir/ServiceRequest?identifier=…}) or a relative one
     * ({@code ServiceRequest?identifier=…}) is refused, as are criteria other than one identifier.
     */
    private String[] conditionalIdentifier(String ifNoneExist) {
      if (ifNoneExist.contains("?")) {
        throw new InvalidRequestException(
            "If-None-Exist must be search parameters only (identifier=system|value), not a URL: "
                + ifNoneExist);
      }
      String query = ifNoneExist;
      String[] result = null;
      for (String pair : query.split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String name =
            URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        String value =
            eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        if (!ServiceRequest.SP_IDENTIFIER.equals(name) || result != null || value.isEmpty()) {
          throw new InvalidRequestException(
              "FhirTestServer supports If-None-Exist: identifier=system|value only, not: "
                  + ifNoneExist);
        }
        result = token(value);
      }
      if (result == null) {
        throw new InvalidRequestException("Empty If-None-Exist");
      }
      return result;
    }
  }
}

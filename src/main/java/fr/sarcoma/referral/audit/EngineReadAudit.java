package fr.sarcoma.referral.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.sarcoma.referral.platform.PatientReads;
import fr.sarcoma.referral.referral.ReferralService;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * The engine's doors to a referral's variables, audited as our API's are: a successful read of process
 * variables through Camunda's REST API ({@code /engine-rest}: runtime, and history under {@code
 * /engine-rest/history}) or through the webapps' own engine API ({@code /camunda/api/engine}: Tasklist's
 * forms, Cockpit's variables) writes one {@code READ_VARIABLES} row per referral whose variables it
 * returned, with the need-to-know rule that covers it ({@code ENGINE_GRANT} when only an engine grant
 * did). Who may read is the engine's authorizations' business (enforceSpecificVariablePermission;
 * docs/security.md); this filter records what they let through. The answer is held until the rows are
 * written: if they cannot be, nothing is sent (503).
 */
class EngineReadAudit extends OncePerRequestFilter {

  private static final Logger LOG = LoggerFactory.getLogger(EngineReadAudit.class);

  private static final String REST = "/engine-rest";
  private static final Pattern WEBAPP =
      Pattern.compile("^/camunda/api/engine/engine/([^/]+)(/.*)$");
  private static final String DEFAULT_ENGINE = "default";

  /** Where the process instances of a read come from. */
  private enum Source {
    TASK,
    PROCESS_INSTANCE,
    EXECUTION,
    VARIABLE,
    ANSWER
  }

  private record Route(Pattern path, boolean queryByPost, Source source) {}

  private static final String VALUE = "(/[^/]+(/data)?)?$";

  /** The engine's endpoints that answer with variable values (their /count siblings do not). */
  private static final List<Route> ROUTES =
      List.of(
          new Route(
              Pattern.compile("^/task/([^/]+)/(variables|localVariables)" + VALUE),
              false,
              Source.TASK),
          new Route(Pattern.compile("^/task/([^/]+)/form-variables$"), false, Source.TASK),
          new Route(
              Pattern.compile("^/process-instance/([^/]+)/variables" + VALUE),
              false,
              Source.PROCESS_INSTANCE),
          new Route(
              Pattern.compile("^/execution/([^/]+)/localVariables" + VALUE),
              false,
              Source.EXECUTION),
          new Route(Pattern.compile("^/variable-instance$"), true, Source.ANSWER),
          new Route(Pattern.compile("^/variable-instance/([^/]+)$"), false, Source.ANSWER),
          new Route(Pattern.compile("^/variable-instance/([^/]+)/data$"), false, Source.VARIABLE),
          new Route(Pattern.compile("^/history/variable-instance$"), true, Source.ANSWER),
          new Route(Pattern.compile("^/history/variable-instance/([^/]+)$"), false, Source.ANSWER),
          new Route(
              Pattern.compile("^/history/variable-instance/([^/]+)/data$"), false, Source.VARIABLE),
          new Route(Pattern.compile("^/history/detail$"), true, Source.ANSWER),
          new Route(Pattern.compile("^/history/detail/([^/]+)$"), false, Source.ANSWER));

  /**
   * One of these variables read alone is an id, not the patient's file: the Tasklist plugins read a
   * task's {@code referralId} for every card, then the file through our API, which records that read.
   */
  private static final Pattern ID_ONLY =
      Pattern.compile("^/task/[^/]+/variables/(referralId|referralNumber)$");

  private record Target(Route route, Matcher path, PatientReads.Door door, String engine) {}

  private final Callers callers;
  private final ReferralAccess access;
  private final AuditTrail trail;
  private final ProcessReferrals processes;
  private final ReferralService referrals;
  private final ObjectMapper json;

  EngineReadAudit(
      Callers callers,
      ReferralAccess access,
      AuditTrail trail,
      ProcessReferrals processes,
      ReferralService referrals,
      ObjectMapper json) {
    this.callers = callers;
    this.access = access;
    this.trail = trail;
    this.processes = processes;
    this.referrals = referrals;
    this.json = json;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Target target = target(request);
    Optional<Caller> caller =
        target == null
            ? Optional.empty()
            : target.door() == PatientReads.Door.WEBAPP
                ? callers.ofWebappSession(request, target.engine())
                : callers.ofRequest();
    if (caller.isEmpty()) {
      // Not a variable read, or nobody the engine would answer: nothing to record.
      chain.doFilter(request, response);
      return;
    }
    ContentCachingResponseWrapper held = new ContentCachingResponseWrapper(response);
    chain.doFilter(request, held);
    if (held.getStatus() >= 200 && held.getStatus() < 300) {
      try {
        record(caller.get(), target, request, held.getContentAsByteArray());
      } catch (RuntimeException notRecorded) {
        LOG.error(
            "A variable read could not be recorded in the audit trail; not answered: {}",
            notRecorded.toString());
        held.reset();
        response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setContentType("application/json");
        response
            .getOutputStream()
            .write(
                """
                {"type":"AuditUnavailable","message":"Lecture non enregistrée dans le journal d'accès : \
                réessayez plus tard."}"""
                    .getBytes(StandardCharsets.UTF_8));
        return;
      }
    }
    held.copyBodyToResponse();
  }

  private Target target(HttpServletRequest request) {
    String uri = request.getRequestURI();
    String path;
    String engine = DEFAULT_ENGINE;
    PatientReads.Door door;
    Matcher webapp = WEBAPP.matcher(uri);
    if (webapp.matches()) {
      engine = webapp.group(1);
      path = webapp.group(2);
      door = PatientReads.Door.WEBAPP;
    } else if (uri.startsWith(REST + "/")) {
      path = uri.substring(REST.length());
      door =
          path.startsWith("/history/")
              ? PatientReads.Door.ENGINE_HISTORY
              : PatientReads.Door.ENGINE_REST;
    } else {
      return null;
    }
    if (ID_ONLY.matcher(path).matches()) {
      return null;
    }
    boolean get = "GET".equals(request.getMethod());
    boolean post = "POST".equals(request.getMethod());
    for (Route route : ROUTES) {
      Matcher matcher = route.path().matcher(path);
      if (matcher.matches() && (get || (post && route.queryByPost()))) {
        return new Target(route, matcher, door, engine);
      }
    }
    return null;
  }

  private void record(Caller caller, Target target, HttpServletRequest request, byte[] answer) {
    Set<String> processInstanceIds = new LinkedHashSet<>();
    String id = target.path().groupCount() > 0 ? target.path().group(1) : null;
    switch (target.route().source()) {
      case TASK -> processes.processInstanceOfTask(id).ifPresent(processInstanceIds::add);
      case PROCESS_INSTANCE -> processInstanceIds.add(id);
      case EXECUTION -> processes.processInstanceOfExecution(id).ifPresent(processInstanceIds::add);
      case VARIABLE -> processes.processInstanceOfVariable(id).ifPresent(processInstanceIds::add);
      case ANSWER -> processInstanceIds.addAll(processInstancesIn(answer));
    }
    String door = NeedToKnow.name(target.door());
    String detail = request.getMethod() + " " + request.getRequestURI();
    new LinkedHashSet<>(processes.ofProcessInstances(processInstanceIds).values())
        .forEach(
            referralId -> {
              String reason =
                  referrals
                      .summary(referralId)
                      .flatMap(
                          referral -> access.reason(caller, referralId, referral.businessKey()))
                      .orElse("ENGINE_GRANT");
              trail.append(caller, AuditAction.READ_VARIABLES, referralId, door, reason, detail);
            });
  }

  /** The {@code processInstanceId} of each variable in the answer (one object, or a list of them). */
  private Set<String> processInstancesIn(byte[] answer) {
    Set<String> ids = new LinkedHashSet<>();
    try {
      JsonNode root = json.readTree(answer);
      if (root == null) {
        return ids;
      }
      for (JsonNode variable : root.isArray() ? root : List.of(root)) {
        JsonNode processInstanceId = variable.path("processInstanceId");
        if (processInstanceId.isTextual()) {
          ids.add(processInstanceId.asText());
        }
      }
    } catch (IOException notJson) {
      LOG.debug("A variable answer that is not JSON: {}", notJson.getClass().getSimpleName());
    }
    return ids;
  }
}

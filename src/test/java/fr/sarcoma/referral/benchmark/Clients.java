package fr.sarcoma.referral.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.sarcoma.baseline.BarePathwayModel;
import fr.sarcoma.referral.support.FormSubmission;
import fr.sarcoma.referral.support.HttpCalls;
import fr.sarcoma.referral.support.PathwayDriver;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The benchmark's clients: each walks one referral at a time through its system over HTTP, as the people and
 * systems around a referral would, one call after the other. Both systems get the same user for each group,
 * the same answers for each user task (the forms' answers of our tests: {@link PathwayDriver}), and the same
 * way of waiting for asynchronous work: the list of the referral's tasks (or its timer job) asked again after
 * 0, 25, 50, then every 100 ms, each asking counted as a call.
 */
final class Clients {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  private static final DateTimeFormatter FRENCH_DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");
  private static final long PATIENCE_NANOS =
      Long.getLong("bench.patience.seconds", 180) * 1_000_000_000L;
  private static final String PASSWORD = "demo";

  private Clients() {}

  /** One client thread's connection and logins: one HTTP client (kept-alive connections) for all its users. */
  static final class Session {
    private final HttpCalls base;
    private final Map<String, HttpCalls> users = new HashMap<>();
    final Latencies latencies;

    Session(int port, Latencies latencies) {
      this.base = HttpCalls.to(port);
      this.latencies = latencies;
    }

    private Session(Session same, Latencies latencies) {
      this.base = same.base;
      this.users.putAll(same.users);
      this.latencies = latencies;
    }

    /** The same connection and logins, its calls timed into other latencies. */
    Session withLatencies(Latencies other) {
      return new Session(this, other);
    }

    private HttpCalls as(String user) {
      return users.computeIfAbsent(user, name -> base.as(name, PASSWORD));
    }

    HttpCalls.Response call(
        String kind, String user, Function<HttpCalls, HttpCalls.Response> request, int expected) {
      HttpCalls calls = as(user);
      long start = System.nanoTime();
      HttpCalls.Response response = request.apply(calls);
      latencies.add(kind, (System.nanoTime() - start) / 1e6);
      if (response.status() != expected) {
        String body = response.body() == null ? "" : response.body();
        throw new IllegalStateException(
            kind
                + " as "
                + user
                + " → "
                + response.status()
                + ": "
                + body.substring(0, Math.min(600, body.length())));
      }
      return response;
    }

    /** GETs the path until the answer is done, waiting 0, 25, 50, then 100 ms between askings. */
    JsonNode poll(String kind, String user, String path, Predicate<JsonNode> done) {
      long deadline = System.nanoTime() + PATIENCE_NANOS;
      int asked = 0;
      while (true) {
        JsonNode answer = call(kind, user, calls -> calls.get(path), 200).json();
        if (done.test(answer)) {
          return answer;
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              kind
                  + ": still waiting after "
                  + (PATIENCE_NANOS / 1_000_000_000L)
                  + " s for "
                  + path);
        }
        sleep(asked == 0 ? 25 : asked == 1 ? 50 : 100);
        asked++;
      }
    }

    /** Waits for the referral's open task of that key, claims it as the user and submits its form. */
    void workTask(String businessKey, String taskKey, String user, Map<String, Object> answers) {
      claimAndSubmit(openTask(businessKey, taskKey, user), user, answers);
    }

    /** Waits until the referral has an open task of that key the user can see; returns its id. */
    String openTask(String businessKey, String taskKey, String user) {
      JsonNode tasks =
          poll(
              "poll: the referral's task (GET /task)",
              user,
              "/engine-rest/task?processInstanceBusinessKey="
                  + encode(businessKey)
                  + "&taskDefinitionKey="
                  + taskKey,
              list -> list.size() > 0);
      return tasks.get(0).path("id").asText();
    }

    void claimAndSubmit(String taskId, String user, Map<String, Object> answers) {
      call(
          "claim (POST /task/{id}/claim)",
          user,
          calls -> calls.postJson("/engine-rest/task/" + taskId + "/claim", claimBody(user)),
          204);
      call(
          answers.isEmpty()
              ? "complete (POST /task/{id}/complete)"
              : "submit the form (POST /task/{id}/submit-form)",
          user,
          calls ->
              answers.isEmpty()
                  ? calls.postJson("/engine-rest/task/" + taskId + "/complete", "{}")
                  : calls.postJson(
                      "/engine-rest/task/" + taskId + "/submit-form", FormSubmission.body(answers)),
          204);
    }

    /** The MDT session comes: its timer job, executed now by an administrator (REST). */
    void fireTimer(String processInstanceId, String activityId) {
      JsonNode jobs =
          poll(
              "poll: the session's timer job (GET /job)",
              "admin",
              "/engine-rest/job?processInstanceId="
                  + processInstanceId
                  + "&activityId="
                  + activityId,
              list -> list.size() > 0);
      String jobId = jobs.get(0).path("id").asText();
      call(
          "timer: execute the job (POST /job/{id}/execute)",
          "admin",
          calls -> calls.postJson("/engine-rest/job/" + jobId + "/execute", "{}"),
          204);
    }

    /** Waits until every process instance of the referral has ended (its last jobs run). */
    void awaitEnd(String businessKey) {
      poll(
          "poll: instances still running (GET /process-instance/count)",
          "admin",
          "/engine-rest/process-instance/count?businessKey=" + encode(businessKey),
          count -> count.path("count").asLong() == 0);
    }
  }

  /** A referral left with one of its user tasks open (taskId null: walked to its end). */
  record Parked(String referralId, String businessKey, String taskId) {}

  /** Walks one referral (index: its number in the run, for its random but reproducible patient). */
  interface Scenario {
    void referral(Session session, int index);
  }

  // ---------------------------------------------------------------- our pathway

  /**
   * Our pathway, end to end: the intake API, the engine's REST API for every user task, the worklist API for
   * each order (booked, then its result posted by the department that reads it), the letters printed by a
   * coordinator (no mail relay: each letter is a coordinator's task). The typical biopsy path: a deep
   * soft-tissue mass of 9 cm: ultrasound, MRI, chest CT, MDT (biopsy), the surgeon's approach, the biopsy, the
   * expert review (sarcoma), the proposal round (other decision), the diagnosis letter.
   */
  static final class Pathway implements Scenario {

    @Override
    public void referral(Session session, int index) {
      walk(session, index, null);
    }

    /**
     * Walks the referral until the user task {@code stopAt} (its first occurrence) is open, and leaves it there;
     * to the end when {@code stopAt} is null (its last task is then null).
     */
    Parked walk(Session session, int index, String stopAt) {
      Random random = new Random(2026L * 1_000_003 + index);
      JsonNode registered =
          session
              .call(
                  "intake (POST /api/referrals)",
                  "coordinator",
                  calls -> calls.postJson("/api/referrals", intake(random, index)),
                  201)
              .json();
      String referralId = registered.path("id").asText();
      String businessKey = registered.path("businessKey").asText();
      String mainInstance =
          session
              .call(
                  "the referral's process instance (GET /process-instance)",
                  "admin",
                  calls ->
                      calls.get(
                          "/engine-rest/process-instance?processDefinitionKey=SarcomaReferralProcess&businessKey="
                              + encode(businessKey)),
                  200)
              .json()
              .get(0)
              .path("id")
              .asText();
      Walk walk = new Walk(session, referralId, businessKey, stopAt);
      if (walk.order("ULTRASOUND", "radiologist")
          || walk.task("Task_ClassifyInitialImaging", "radiologist")
          || walk.order("MRI", "radiologist")
          || walk.task("Task_ReportCharacterisation", "radiologist")
          || walk.order("CHEST_CT", "radiologist")
          || walk.mdtRound(mainInstance, "BIOPSY")
          || walk.task("Task_AgreeBiopsyApproach", "surgeon")
          || walk.order("BIOPSY", "pathologist")
          || walk.task("Task_ReviewBiopsyResult", "pathologist")
          || walk.mdtRound(mainInstance, "OTHER")) {
        return walk.parked;
      }
      session.awaitEnd(businessKey);
      JsonNode letters =
          session
              .call(
                  "letters to print (GET /task?nameLike)",
                  "coordinator",
                  calls ->
                      calls.get(
                          "/engine-rest/task?candidateGroup=coordinators&nameLike="
                              + encode("%" + businessKey)),
                  200)
              .json();
      if (letters.size() != 3) {
        throw new IllegalStateException(
            businessKey + ": " + letters.size() + " letters to print, 3 expected");
      }
      for (JsonNode letter : letters) {
        session.claimAndSubmit(letter.path("id").asText(), "coordinator", Map.of());
      }
      return new Parked(referralId, businessKey, null);
    }

    /** One referral's walk: each step returns true when the referral is parked at it (the walk stops). */
    private static final class Walk {
      private final Session session;
      private final String referralId;
      private final String businessKey;
      private final String stopAt;
      Parked parked;

      Walk(Session session, String referralId, String businessKey, String stopAt) {
        this.session = session;
        this.referralId = referralId;
        this.businessKey = businessKey;
        this.stopAt = stopAt;
      }

      /** Parks the referral when its task of that key is the stop (the task open, not claimed). */
      private boolean parkedAt(String taskKey, String user) {
        if (!taskKey.equals(stopAt)) {
          return false;
        }
        parked = new Parked(referralId, businessKey, session.openTask(businessKey, taskKey, user));
        return true;
      }

      boolean task(String taskKey, String user) {
        if (parkedAt(taskKey, user)) {
          return true;
        }
        session.workTask(businessKey, taskKey, user, Answers.of(taskKey));
        return false;
      }

      boolean order(String modality, String reader) {
        if (parkedAt("Task_ScheduleExam", "coordinator")) {
          return true;
        }
        Pathway.order(session, referralId, businessKey, modality, reader);
        return false;
      }

      boolean mdtRound(String mainInstance, String outcome) {
        if (parkedAt("Task_PrepareMdtCase", "coordinator")) {
          return true;
        }
        session.workTask(
            businessKey, "Task_PrepareMdtCase", "coordinator", Answers.of("Task_PrepareMdtCase"));
        session.fireTimer(mainInstance, "TimerEvent_MdtSession");
        if (parkedAt("Task_RecordMdtDecision", "mdtchair")) {
          return true;
        }
        session.workTask(
            businessKey, "Task_RecordMdtDecision", "mdtchair", Answers.decision(outcome));
        return false;
      }
    }

    /**
     * An order in the worklist: once its booking task is there, the coordinator finds it in the referral's view,
     * books it, and the department that reads it posts its result.
     */
    private static void order(
        Session session, String referralId, String businessKey, String modality, String reader) {
      session.poll(
          "poll: the referral's task (GET /task)",
          "coordinator",
          "/engine-rest/task?processInstanceBusinessKey="
              + encode(businessKey)
              + "&taskDefinitionKey=Task_ScheduleExam",
          list -> list.size() > 0);
      JsonNode view =
          session
              .call(
                  "the referral's view (GET /api/referrals/{id})",
                  "coordinator",
                  calls -> calls.get("/api/referrals/" + referralId),
                  200)
              .json();
      String orderId = null;
      for (JsonNode order : view.path("orders")) {
        if (modality.equals(order.path("modality").asText())
            && "WORKLIST".equals(order.path("status").asText())) {
          orderId = order.path("id").asText();
        }
      }
      if (orderId == null) {
        throw new IllegalStateException(
            businessKey + ": no " + modality + " order in the worklist");
      }
      String id = orderId;
      LocalDate today = LocalDate.now(PARIS);
      session.call(
          "book the order (POST /api/orders/{id}/schedule)",
          "coordinator",
          calls ->
              calls.postJson(
                  "/api/orders/" + id + "/schedule",
                  "{\"scheduledFor\":\""
                      + today
                      + "\",\"scheduledPlace\":\"CHRU de Nancy, imagerie ostéo-articulaire\"}"),
          200);
      session.call(
          "post the result (POST /api/orders/{id}/result)",
          reader,
          calls ->
              calls.postJson(
                  "/api/orders/" + id + "/result",
                  json(
                      Map.of(
                          "conclusion", Answers.CONCLUSIONS.get(modality),
                          "reportText", Answers.REPORT,
                          "performedOn", today.toString()))),
          200);
    }

    private static String intake(Random random, int index) {
      Map<String, Object> request = new LinkedHashMap<>();
      request.put("clientRequestId", "bench-" + UUID.randomUUID());
      request.put("patientIdentifier", "IPP" + (100_000_000 + random.nextInt(900_000_000)));
      request.put(
          "patientDisplayName",
          Answers.FIRST_NAMES.get(random.nextInt(Answers.FIRST_NAMES.size()))
              + " "
              + Answers.LAST_NAMES.get(random.nextInt(Answers.LAST_NAMES.size())));
      request.put(
          "birthDate", LocalDate.of(1940, 1, 1).plusDays(random.nextInt(365 * 65)).toString());
      request.put("sex", random.nextBoolean() ? "FEMALE" : "MALE");
      request.put("referringPhysician", "Dr Durand (Nancy)");
      request.put("presentation", "SWELLING_OR_PAIN");
      request.put("site", "SOFT_TISSUE");
      request.put("anatomicalLocation", "cuisse gauche");
      request.put("largestDimensionCm", 9.0);
      request.put("depth", "DEEP");
      request.put("priorProcedure", "NONE");
      request.put("notes", "Masse profonde de la cuisse, augmentant de volume depuis trois mois");
      return json(request);
    }
  }

  // ---------------------------------------------------------------- the bare baseline

  /**
   * The bare baseline ({@link BarePathwayModel}): started through the REST API with the routing facts our intake
   * puts in the process, then every user task as ours (the same users and answers; an order's booking and its
   * report entered in the booking and report tasks, with the answers our worklist API takes), the two timers
   * fired the same way.
   */
  static final class Bare implements Scenario {

    @Override
    public void referral(Session session, int index) {
      String businessKey = "BARE-" + index + "-" + UUID.randomUUID().toString().substring(0, 8);
      Map<String, Object> variables = new LinkedHashMap<>();
      variables.put("referralId", typed(UUID.randomUUID().toString(), "String"));
      variables.put("referralNumber", typed(businessKey, "String"));
      variables.put("site", typed("SOFT_TISSUE", "String"));
      variables.put("presentation", typed("SWELLING_OR_PAIN", "String"));
      variables.put("largestDimensionCm", typed(9.0, "Double"));
      variables.put("depth", typed("DEEP", "String"));
      variables.put("priorProcedure", typed("NONE", "String"));
      String instance =
          session
              .call(
                  "start (POST /process-definition/key/…/start)",
                  "coordinator",
                  calls ->
                      calls.postJson(
                          "/engine-rest/process-definition/key/"
                              + BarePathwayModel.PROCESS_ID
                              + "/start",
                          json(Map.of("businessKey", businessKey, "variables", variables))),
                  200)
              .json()
              .path("id")
              .asText();
      for (BarePathwayModel.Step step : BarePathwayModel.steps()) {
        switch (step.kind()) {
          case USER_TASK ->
              session.workTask(
                  businessKey, step.id(), Answers.USERS.get(step.group()), Answers.bare(step));
          case TIMER -> session.fireTimer(instance, step.id());
          case ASYNC_SERVICE -> {
            // The job executor runs it; the next task's polling waits for it.
          }
        }
      }
      session.awaitEnd(businessKey);
    }

    private static Map<String, Object> typed(Object value, String type) {
      Map<String, Object> typed = new LinkedHashMap<>();
      typed.put("value", value);
      typed.put("type", type);
      return typed;
    }
  }

  // ---------------------------------------------------------------- answers

  /** The answers of each form, as our tests give them (PathwayDriver), with a few free texts filled. */
  static final class Answers {

    static final Map<String, String> USERS =
        Map.of(
            "coordinators", "coordinator",
            "radiologists", "radiologist",
            "surgeons", "surgeon",
            "pathologists", "pathologist",
            "mdt-chairs", "mdtchair");

    static final List<String> FIRST_NAMES =
        List.of(
            "Marie", "Jean", "Camille", "Louis", "Chloé", "Hugo", "Léa", "Lucas", "Manon", "Nathan",
            "Inès", "Théo", "Sarah", "Paul", "Julie", "Antoine", "Emma", "Pierre", "Claire",
            "Mathis");
    static final List<String> LAST_NAMES =
        List.of(
            "Martin",
            "Bernard",
            "Thomas",
            "Petit",
            "Robert",
            "Richard",
            "Durand",
            "Dubois",
            "Moreau",
            "Laurent",
            "Simon",
            "Michel",
            "Lefèvre",
            "Leroy",
            "Roux",
            "David",
            "Bertrand",
            "Morel",
            "Fournier",
            "Girard",
            "Bonnet",
            "Dupont",
            "Lambert",
            "Fontaine",
            "Rousseau");

    static final Map<String, String> CONCLUSIONS =
        Map.of(
            "ULTRASOUND", "Masse tissulaire profonde hétérogène de 9 cm, à caractériser",
            "MRI", "Masse des loges antérieures de cuisse, agressive, rehaussement hétérogène",
            "CHEST_CT", "Pas de nodule pulmonaire suspect",
            "BIOPSY", "Prolifération fusocellulaire atypique, en faveur d'un sarcome");
    static final String REPORT =
        "Compte rendu détaillé : technique, description de la lésion, mesures et conclusion.";

    static Map<String, Object> of(String taskKey) {
      Map<String, Object> answers = new HashMap<>();
      switch (taskKey) {
        case "Task_ClassifyInitialImaging" -> {
          answers.putAll(PathwayDriver.classification("AGGRESSIVE", false));
          answers.put("classificationComment", "Masse profonde de plus de 5 cm : IRM");
        }
        case "Task_ReportCharacterisation" ->
            answers.putAll(
                PathwayDriver.characterisation(
                    "AGGRESSIVE", true, "NOT_APPLICABLE", "SOFT_TISSUE_SARCOMA", false));
        case "Task_PrepareMdtCase" -> answers.putAll(PathwayDriver.mdtCase(false));
        case "Task_AgreeBiopsyApproach" -> answers.putAll(PathwayDriver.approach(true));
        case "Task_ReviewBiopsyResult" -> {
          answers.put("pathologyDiagnosis", "SARCOMA");
          answers.put("histologicalType", "Liposarcome dédifférencié");
          answers.put("fnclccGrade", "3");
          answers.put(
              "pathologyReview", "Relecture par le réseau d'expertise : diagnostic confirmé");
        }
        default -> throw new IllegalArgumentException("no answers for " + taskKey);
      }
      return answers;
    }

    static Map<String, Object> decision(String outcome) {
      return new HashMap<>(PathwayDriver.decision(outcome, PathwayDriver.QUORUM));
    }

    /** The bare baseline's answers: ours for the same task; the worklist API's payload for an order's tasks. */
    static Map<String, Object> bare(BarePathwayModel.Step step) {
      String today = LocalDate.now(PARIS).format(FRENCH_DATE);
      return switch (step.key()) {
        case "Task_ScheduleExam" ->
            Map.of(
                "scheduledFor",
                today,
                "scheduledPlace",
                "CHRU de Nancy, imagerie ostéo-articulaire");
        case "Task_EnterExamReport" ->
            Map.of(
                "resultPerformedOn", today,
                "resultConclusion", CONCLUSIONS.get("MRI"),
                "resultReport", REPORT);
        case "Task_PrintLetter" -> Map.of();
        case "Task_RecordMdtDecision" ->
            decision(step.id().equals(step.key()) ? "BIOPSY" : "OTHER");
        default -> of(step.key());
      };
    }
  }

  static String claimBody(String user) {
    return "{\"userId\":\"" + user + "\"}";
  }

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}

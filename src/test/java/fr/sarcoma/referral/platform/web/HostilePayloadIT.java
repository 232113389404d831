package fr.sarcoma.referral.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.sarcoma.referral.platform.web.HostileRequests.Hostile;
import fr.sarcoma.referral.platform.web.HostileRequests.Ids;
import fr.sarcoma.referral.platform.web.RawHttp.Header;
import fr.sarcoma.referral.platform.web.RawHttp.Reply;
import fr.sarcoma.referral.referral.ReferralRequest.Depth;
import fr.sarcoma.referral.referral.ReferralRequest.Presentation;
import fr.sarcoma.referral.referral.ReferralRequest.PriorProcedure;
import fr.sarcoma.referral.referral.Site;
import fr.sarcoma.referral.support.PathwayDriver;
import fr.sarcoma.referral.support.PathwayDriver.Referral;
import fr.sarcoma.referral.support.PostgresIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Thousands of hostile requests, generated from a seed ({@code -Dhostile.seed=…} replays another draw), to
 * every endpoint of ours, each as a user allowed to call it. Whatever the input, the answer is never a 5xx;
 * a write is refused with a 4xx; a 400 of our API names a field the request got wrong, and every message is
 * French; and nothing a refused request could write has changed (the content of our tables and of the
 * engine's runtime tables is the same before and after). Every failure is reported, with its request.
 */
@PostgresIntegrationTest
class HostilePayloadIT {

  private static final long SEED = Long.getLong("hostile.seed", 20_260_301L);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Words of the English texts our refusals used to carry (and Spring's, Jackson's and Camunda's defaults). */
  private static final Pattern ENGLISH =
      Pattern.compile(
          "\\b(must|should|cannot|Invalid|invalid|[Rr]equired|"
              + "not valid|is not|No [a-z]|[Ff]ailed|[Uu]nsupported|not supported|Not Found|Bad Request|Unauthorized|"
              + "Forbidden|Not Allowed|Unknown|unknown|Unrecognized|Unexpected|unexpected|Cannot|Illegal|illegal)\\b");

  @Autowired PathwayDriver pathway;
  @Autowired JdbcTemplate jdbc;
  @Autowired TaskService taskService;
  @LocalServerPort int port;

  @Test
  @DisplayName(
      "5,000+ hostile requests to our endpoints: never a 5xx, writes refused in French naming the field, "
          + "nothing stored")
  void ourEndpointsRefuseHostileInputCleanly() throws Exception {
    HostileRequests generator = new HostileRequests(SEED, records());
    List<Hostile> requests = new ArrayList<>();
    generator
        .bodyEndpoints()
        .forEach(endpoint -> requests.addAll(generator.jsonBodies(endpoint, 450)));
    requests.addAll(generator.fhirReports(450));
    generator.getEndpoints().forEach(endpoint -> requests.addAll(generator.reads(endpoint, 90)));
    requests.addAll(generator.addressesAndMethods(20));
    assertThat(requests).hasSizeGreaterThanOrEqualTo(5_000);

    Map<String, String> before = snapshot();
    List<String> failures = sendAll(requests);
    Map<String, String> after = snapshot();

    SoftAssertions softly = new SoftAssertions();
    softly
        .assertThat(failures)
        .as(
            "%d of %d hostile requests (seed %d) were answered wrongly:%n%s",
            failures.size(), requests.size(), SEED, String.join("\n", failures))
        .isEmpty();
    softly
        .assertThat(after)
        .as("what refused requests could write (content of each table)")
        .isEqualTo(before);
    softly.assertAll();
  }

  /** The defects this test was written for, one by one, as readable examples of what the generated requests check. */
  @Test
  @DisplayName(
      "Known defects: NUL in a field or a parameter, // and ../ in the address, GET /error, English texts")
  void theKnownDefectsAreFixed() throws Exception {
    RawHttp http = new RawHttp(port);
    List<Header> coordinator =
        List.of(RawHttp.basic("coordinator"), new Header("Content-Type", "application/json"));
    String referral =
        """
        {"patientIdentifier": "IPP-%s", "patientDisplayName": "Marie Exemple", "birthDate": "%s", "sex": "FEMALE",
         "referringPhysician": "Dr Durand", "presentation": "SWELLING_OR_PAIN", "site": "SOFT_TISSUE",
         "anatomicalLocation": "cuisse", "depth": "DEEP", "priorProcedure": "NONE", "notes": "%s"}
        """;
    int referrals = jdbc.queryForObject("select count(*) from referral", Integer.class);

    Reply nul =
        http.send(
            "POST",
            "/api/referrals",
            coordinator,
            referral
                .formatted(UUID.randomUUID(), "1964-05-12", "a\\u0000b")
                .getBytes(StandardCharsets.UTF_8));
    assertThat(nul.status()).isEqualTo(400);
    JsonNode nulBody = JSON.readTree(nul.body());
    assertThat(nulBody.path("detail").asText()).isEqualTo("Requête invalide : notes");
    assertThat(nulBody.path("errors").get(0).path("field").asText()).isEqualTo("notes");
    assertThat(nulBody.path("errors").get(0).path("reason").asText())
        .contains("caractère non autorisé");

    Reply impossibleDate =
        http.send(
            "POST",
            "/api/referrals",
            coordinator,
            referral
                .formatted(UUID.randomUUID(), "2026-02-31", "")
                .getBytes(StandardCharsets.UTF_8));
    assertThat(impossibleDate.status()).isEqualTo(400);
    assertThat(JSON.readTree(impossibleDate.body()).path("errors").get(0).path("reason").asText())
        .isEqualTo("doit être une date réelle au format AAAA-MM-JJ");

    Reply blank =
        http.send(
            "POST",
            "/api/referrals",
            coordinator,
            referral
                .formatted("", "1964-05-12", "")
                .replace("IPP-", "")
                .getBytes(StandardCharsets.UTF_8));
    assertThat(JSON.readTree(blank.body()).path("errors").get(0).path("reason").asText())
        .as("Hibernate Validator's French text, whatever the Accept-Language")
        .isEqualTo("ne doit pas être vide");
    assertThat(jdbc.queryForObject("select count(*) from referral", Integer.class))
        .isEqualTo(referrals);

    Reply parameter =
        http.send(
            "GET", "/api/insight/measures?referrer=a%00b", List.of(RawHttp.basic("manager")), null);
    assertThat(parameter.status()).isEqualTo(400);
    assertThat(JSON.readTree(parameter.body()).path("errors").get(0).path("field").asText())
        .isEqualTo("referrer");

    for (String address :
        List.of("/api//referrals", "/api/referrals/../me", "/api/referrals/%2e%2e/me")) {
      Reply rejected = http.send("GET", address, List.of(RawHttp.basic("coordinator")), null);
      assertThat(rejected.status()).as(address).isEqualTo(400);
      assertThat(JSON.readTree(rejected.body()).path("detail").asText())
          .as(address)
          .startsWith("Adresse de requête refusée");
    }

    assertThat(http.send("GET", "/error", List.of(), null).status())
        .as("anonymous GET /error")
        .isEqualTo(404);
    assertThat(http.send("GET", "/error", List.of(RawHttp.basic("coordinator")), null).status())
        .isEqualTo(404);

    Reply wrongType =
        http.send(
            "POST",
            "/api/referrals",
            List.of(RawHttp.basic("coordinator"), new Header("Content-Type", "text/plain")),
            "{}".getBytes(StandardCharsets.UTF_8));
    assertThat(wrongType.status()).isEqualTo(415);
    assertThat(JSON.readTree(wrongType.body()).path("detail").asText())
        .startsWith("Type de contenu (Content-Type) non accepté");
  }

  /**
   * The lead's part (form validation and an ExceptionMapper on /engine-rest): completing a task with hostile
   * variables is a 4xx whose JSON body has a French {@code message} and names the field, and the task stays open.
   */
  @Test
  @DisplayName(
      "Camunda task completion with hostile variables: a French 4xx naming the field; the task stays open")
  void taskCompletionRefusesHostileVariables() throws Exception {
    java.util.Random random = new java.util.Random(SEED);
    String taskId = openClassificationTask();
    Map<String, String> before = snapshot();
    List<String> failures = new ArrayList<>();
    int accepted = 0;
    RawHttp http = new RawHttp(port);
    for (int i = 0; i < 300 && accepted < 5; i++) {
      CompletionCase hostile = completion(random);
      List<Header> headers =
          List.of(
              RawHttp.basic("radiologist"),
              new Header("Content-Type", hostile.contentType()),
              new Header("Accept", "application/json"));
      Hostile request =
          new Hostile(
              hostile.label(),
              "POST",
              "/engine-rest/task/" + taskId + "/complete",
              "radiologist",
              headers,
              hostile.body().getBytes(StandardCharsets.UTF_8),
              true,
              hostile.field() == null ? Set.of() : Set.of(hostile.field()),
              0);
      Reply reply = http.send(request.method(), request.target(), headers, request.body());
      List<String> problems = check(request, reply);
      if (reply.status() == 400 && reply.contentType().contains("json")) {
        JsonNode body = JSON.readTree(reply.body());
        if (!body.path("message").isTextual() || !body.path("type").isTextual()) {
          problems.add("corps sans type ni message : " + RawHttp.abbreviate(reply.text()));
        }
        if (hostile.field() != null && !names(body.path("errors"), Set.of(hostile.field()))) {
          problems.add(
              "errors ne nomme pas " + hostile.field() + " : " + RawHttp.abbreviate(reply.text()));
        }
      }
      problems.forEach(
          problem -> failures.add(request.describe() + " → " + reply.status() + " : " + problem));
      if (reply.status() < 300) {
        accepted++;
        taskId = openClassificationTask();
      }
    }
    SoftAssertions softly = new SoftAssertions();
    softly
        .assertThat(failures)
        .as("completions answered wrongly:%n%s", String.join("\n", failures))
        .isEmpty();
    if (accepted == 0) {
      softly
          .assertThat(taskService.createTaskQuery().taskId(taskId).count())
          .as("the task stays open")
          .isEqualTo(1);
      softly.assertThat(snapshot()).as("engine and our tables").isEqualTo(before);
    }
    softly.assertAll();
  }

  // ------------------------------------------------------------------------------------------------ sending

  private List<String> sendAll(List<Hostile> requests) throws Exception {
    RawHttp http = new RawHttp(port);
    Map<Integer, Integer> statuses = new TreeMap<>();
    Map<String, java.util.concurrent.atomic.AtomicLong> timings =
        new java.util.concurrent.ConcurrentHashMap<>();
    List<String> failures = new ArrayList<>();
    long start = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<String>>> answers = new ArrayList<>();
      for (Hostile request : requests) {
        answers.add(
            pool.submit(
                () -> {
                  Reply reply;
                  long sent = System.nanoTime();
                  try {
                    reply =
                        http.send(
                            request.method(), request.target(), request.headers(), request.body());
                  } catch (RuntimeException e) {
                    return List.of(request.describe() + " → pas de réponse : " + e);
                  }
                  String path =
                      request.target().split("\\?")[0].replaceAll("[0-9a-f-]{36}", "{id}");
                  String key =
                      request.method() + " " + path.substring(0, Math.min(45, path.length()));
                  timings
                      .computeIfAbsent(key, k -> new java.util.concurrent.atomic.AtomicLong())
                      .addAndGet((System.nanoTime() - sent) / 1_000_000);
                  synchronized (statuses) {
                    statuses.merge(reply.status(), 1, Integer::sum);
                  }
                  return check(request, reply).stream()
                      .map(problem -> request.describe() + " → " + reply.status() + " : " + problem)
                      .toList();
                }));
      }
      for (Future<List<String>> answer : answers) {
        failures.addAll(answer.get());
      }
    } finally {
      pool.shutdownNow();
    }
    System.out.printf(
        "HostilePayloadIT: %d requests (seed %d) in %d ms, statuses %s%n",
        requests.size(), SEED, (System.nanoTime() - start) / 1_000_000, statuses);
    timings.entrySet().stream()
        .sorted((x, y) -> Long.compare(y.getValue().get(), x.getValue().get()))
        .limit(15)
        .forEach(entry -> System.out.println("  " + entry.getValue() + " ms  " + entry.getKey()));
    return failures;
  }

  /** What is wrong with this answer to this request (nothing: an empty list). */
  private static List<String> check(Hostile request, Reply reply) {
    List<String> problems = new ArrayList<>();
    if (reply.status() >= 500) {
      problems.add("erreur serveur " + RawHttp.abbreviate(reply.text()));
      return problems;
    }
    if (request.mustRefuse() && reply.status() < 400) {
      problems.add("requête hostile acceptée " + RawHttp.abbreviate(reply.text()));
      return problems;
    }
    if (request.status() != 0 && reply.status() != request.status()) {
      problems.add("attendu " + request.status() + " " + RawHttp.abbreviate(reply.text()));
    }
    if (reply.status() >= 400 && reply.contentType().contains("json") && reply.body().length > 0) {
      JsonNode body;
      try {
        body = JSON.readTree(reply.body());
      } catch (java.io.IOException notJson) {
        problems.add("réponse annoncée JSON mais illisible");
        return problems;
      }
      for (String text : messages(body)) {
        if (ENGLISH.matcher(text).find()) {
          problems.add("message non français : " + RawHttp.abbreviate(text));
        }
      }
      if (reply.status() == 400
          && !request.fields().isEmpty()
          && body.has("errors")
          && !names(body.path("errors"), request.fields())) {
        problems.add(
            "le 400 ne nomme aucun de "
                + request.fields()
                + " : "
                + RawHttp.abbreviate(reply.text()));
      }
    }
    return problems;
  }

  /**
   * The texts meant for people: a problem's detail and reasons, an OperationOutcome's diagnostics, Camunda's
   * message, Boot's error.
   */
  private static List<String> messages(JsonNode body) {
    List<String> texts = new ArrayList<>();
    for (String name : List.of("detail", "message", "error")) {
      if (body.path(name).isTextual()) {
        texts.add(body.path(name).asText());
      }
    }
    body.path("errors").forEach(error -> texts.add(error.path("reason").asText()));
    body.path("issue").forEach(issue -> texts.add(issue.path("diagnostics").asText()));
    return texts;
  }

  private static boolean names(JsonNode errors, Set<String> fields) {
    for (JsonNode error : errors) {
      String named = error.path("field").asText();
      for (String field : fields) {
        if (named.equals(field) || named.startsWith(field + ".") || named.startsWith(field + "[")) {
          return true;
        }
      }
    }
    return false;
  }

  // ------------------------------------------------------------------------------------------------ records

  /** A referral decided by the MDT (with its decision and letter), an order on the worklist, a coming session. */
  private Ids records() {
    Referral decided = pathway.atMdtSession(Site.SOFT_TISSUE);
    pathway.complete(
        decided,
        "Task_RecordMdtDecision",
        "mdtchair",
        PathwayDriver.decision("SURVEILLANCE", PathwayDriver.QUORUM));
    Referral waiting =
        pathway.refer(
            Site.SOFT_TISSUE, Presentation.SWELLING_OR_PAIN, 4.0, Depth.DEEP, PriorProcedure.NONE);
    UUID order = pathway.placedOrder(waiting, "ULTRASOUND").id();
    UUID decision =
        jdbc.queryForObject(
            "select id from mdt_decision where referral_id = ?", UUID.class, decided.id());
    UUID letter =
        jdbc
            .queryForList(
                "select id from letter where referral_id = ? order by created_at",
                UUID.class,
                decided.id())
            .stream()
            .findFirst()
            .orElseThrow();
    UUID session =
        jdbc.queryForObject(
            """
        select id from mdt_session where cancelled_at is null and starts_at > now() order by starts_at limit 1
        """,
            UUID.class);
    return new Ids(decided.id(), order, session, decision, letter);
  }

  private String openClassificationTask() {
    Referral referral =
        pathway.refer(
            Site.SOFT_TISSUE, Presentation.SWELLING_OR_PAIN, 4.0, Depth.DEEP, PriorProcedure.NONE);
    pathway.reportExam(referral, "ULTRASOUND");
    String taskId = pathway.task(referral, "Task_ClassifyInitialImaging").getId();
    taskService.claim(taskId, "radiologist");
    return taskId;
  }

  /**
   * The content of everything a refused request could write: our tables and the engine's runtime tables
   * (not its meter log, which the engine writes on its own schedule), as a row count and a digest per table.
   */
  private Map<String, String> snapshot() {
    List<String> tables =
        jdbc.queryForList(
            """
        select table_name from information_schema.tables
        where table_schema = current_schema() and table_type = 'BASE TABLE'
          and (table_name not like 'act\\_%' or table_name like 'act\\_ru\\_%')
          and table_name not in ('flyway_schema_history', 'act_ru_meter_log', 'audit_event')
        order by table_name
        """,
            String.class);
    Map<String, String> content = new LinkedHashMap<>();
    // The audit trail records every read, allowed or refused, by design: only its other rows
    // (actions) count.
    content.put(
        "audit_event (actions)",
        jdbc.queryForObject(
            "select count(*) || ' lignes' from audit_event where action not like 'READ%'",
            String.class));
    for (String table : tables) {
      content.put(
          table,
          jdbc.queryForObject(
              "select count(*) || ' lignes ' || coalesce(md5(string_agg(t::text, '|' "
                  + "order by t::text)), '') from "
                  + table
                  + " t",
              String.class));
    }
    return content;
  }

  // ---------------------------------------------------------------------------------------- task
  // completion

  private record CompletionCase(String label, String field, String contentType, String body) {}

  /** Variables for Task_ClassifyInitialImaging (ClassifyInitialImaging.form) with one hostile change. */
  private static CompletionCase completion(java.util.Random random) {
    Map<String, String> variables = new LinkedHashMap<>();
    variables.put("imagingConclusion", "{\"value\":\"AGGRESSIVE\",\"type\":\"String\"}");
    variables.put("clinicalConcernPersists", "{\"value\":false,\"type\":\"Boolean\"}");
    variables.put("classificationComment", "{\"value\":\"RAS\",\"type\":\"String\"}");
    String field;
    int draw = random.nextInt(100);
    if (draw < 85) {
      field =
          List.of("imagingConclusion", "clinicalConcernPersists", "classificationComment")
              .get(random.nextInt(3));
      List<String> values =
          switch (field) {
            case "imagingConclusion" ->
                java.util.Arrays.asList(
                    null,
                    "{\"value\":null,\"type\":\"Null\"}",
                    "{\"value\":\"BOGUS\",\"type\":\"String\"}",
                    "{\"value\":\"aggressive\",\"type\":\"String\"}",
                    "{\"value\":42,\"type\":\"Integer\"}",
                    "{\"value\":true,\"type\":\"Boolean\"}",
                    "{\"value\":\"AGGRESSIVE\\u0000\",\"type\":\"String\"}",
                    "{\"value\":\"\\ud800\",\"type\":\"String\"}",
                    "{\"value\":"
                        + HostileRequests.lit(HostileRequests.MEGABYTE)
                        + ",\"type\":\"String\"}",
                    "{\"value\":\"{\\\"a\\\":1}\",\"type\":\"Json\"}",
                    "{\"value\":\"rO0ABXQAAA==\",\"type\":\"Object\","
                        + "\"valueInfo\":{\"objectTypeName\":\"java.lang.String\",\"serializationDataFormat\":"
                        + "\"application/x-java-serialized-object\"}}",
                    "{\"value\":\"x\",\"type\":\"Bogus\"}",
                    "{\"value\":\"2026-02-31T00:00:00.000+0100\",\"type\":\"Date\"}",
                    "{\"value\":\"\",\"type\":\"String\"}",
                    "{\"value\":"
                        + HostileRequests.nested(3000, "[", "]", "1")
                        + ",\"type\":\"String\"}",
                    "\"AGGRESSIVE\"",
                    "[]",
                    "{\"value\":{\"a\":1},\"type\":\"String\"}");
            case "clinicalConcernPersists" ->
                java.util.Arrays.asList(
                    "{\"value\":\"peut-être\",\"type\":\"String\"}",
                    "{\"value\":2,\"type\":\"Integer\"}",
                    "{\"value\":\"x\",\"type\":\"Boolean\"}",
                    "{\"value\":[true],\"type\":\"Boolean\"}",
                    "{\"value\":1e400,\"type\":\"Double\"}");
            default ->
                java.util.Arrays.asList(
                    "{\"value\":" + HostileRequests.lit("x".repeat(2001)) + ",\"type\":\"String\"}",
                    "{\"value\":"
                        + HostileRequests.lit(HostileRequests.MEGABYTE)
                        + ",\"type\":\"String\"}",
                    "{\"value\":\"a\\u0000b\",\"type\":\"String\"}",
                    "{\"value\":\"fin\\ud83d\",\"type\":\"String\"}",
                    "{\"value\":5,\"type\":\"Integer\"}",
                    "{\"value\":\"{}\",\"type\":\"Json\"}");
          };
      String value = values.get(random.nextInt(values.size()));
      if (value == null) {
        variables.remove(field);
      } else {
        variables.put(field, value);
      }
      String json =
          "{\"variables\":"
              + new String(HostileRequests.serialize(variables), StandardCharsets.UTF_8)
              + "}";
      return new CompletionCase(
          field + "=" + RawHttp.abbreviate(String.valueOf(value)), field, "application/json", json);
    }
    String valid =
        "{\"variables\":"
            + new String(HostileRequests.serialize(variables), StandardCharsets.UTF_8)
            + "}";
    List<CompletionCase> bodies =
        List.of(
            new CompletionCase("corps vide {}", "imagingConclusion", "application/json", "{}"),
            new CompletionCase(
                "JSON tronqué", null, "application/json", valid.substring(0, valid.length() / 2)),
            new CompletionCase(
                "variables en tableau", null, "application/json", "{\"variables\":[1,2]}"),
            new CompletionCase(
                "imbrication profonde",
                null,
                "application/json",
                "{\"variables\":" + HostileRequests.nested(5000, "{\"a\":", "}", "1") + "}"),
            new CompletionCase("Content-Type text/plain", null, "text/plain", valid),
            new CompletionCase("corps non JSON", null, "application/json", "<xml/>"));
    return bodies.get(random.nextInt(bodies.size()));
  }
}

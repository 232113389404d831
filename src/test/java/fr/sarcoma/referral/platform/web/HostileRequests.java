package fr.sarcoma.referral.platform.web;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import fr.sarcoma.referral.integration.fhir.ServiceRequestMapper;
import fr.sarcoma.referral.platform.web.RawHttp.Header;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Hostile requests to every endpoint of ours, drawn from a seeded {@link Random} (the same seed gives the
 * same requests). A write request (POST, PUT…) always carries at least one defect that must get it refused
 * (a wrong type, a missing field, a NUL, a megabyte, an unknown code, an impossible date, a deep nesting,
 * malformed JSON, a wrong Content-Type, a hostile address), plus harmless noise (control characters, markup,
 * unknown fields) that must not change the answer. Reads may answer 2xx or 4xx. Each request says which
 * fields its defects touch, so the test can check that a 400 names one of them.
 */
final class HostileRequests {

  /** Existing records the requests aim at, so that a refusal cannot come from an unknown id alone. */
  record Ids(UUID referral, UUID order, UUID session, UUID decision, UUID letter) {}

  /**
   * A request and what its answer must be: refused (4xx) or not; if {@code status} is not 0, exactly that
   * status; if {@code fields} is not empty, a 400 names at least one of them.
   */
  record Hostile(
      String label,
      String method,
      String target,
      String user,
      List<Header> headers,
      byte[] body,
      boolean mustRefuse,
      Set<String> fields,
      int status) {

    String describe() {
      String shown =
          body == null
              ? ""
              : " corps: " + RawHttp.abbreviate(new String(body, StandardCharsets.UTF_8));
      return method
          + " "
          + RawHttp.abbreviate(target)
          + " ("
          + user
          + ", "
          + label
          + ", "
          + headers.stream()
              .filter(h -> !h.name().equals("Authorization"))
              .map(h -> h.name() + ": " + h.value())
              .toList()
          + ")"
          + shown;
    }
  }

  enum Kind {
    TEXT,
    CODE,
    DATE,
    DATE_TIME,
    DECIMAL,
    INTEGER,
    ID,
    CODE_LIST
  }

  /** A field of a request body: its kind, whether required, its limits, and values that break its rules. */
  record Field(
      String name,
      Kind kind,
      boolean required,
      double min,
      double max,
      List<String> codes,
      List<String> ruleBreakers) {

    static Field text(String name, boolean required, int maxLength) {
      return new Field(name, Kind.TEXT, required, 0, maxLength, List.of(), List.of());
    }

    static Field code(String name, boolean required, String... codes) {
      return new Field(name, Kind.CODE, required, 0, 0, List.of(codes), List.of());
    }

    static Field of(String name, Kind kind, String... ruleBreakers) {
      return new Field(name, kind, true, 0, 0, List.of(), List.of(ruleBreakers));
    }

    static Field number(String name, Kind kind, boolean required, double min, double max) {
      return new Field(name, kind, required, min, max, List.of(), List.of());
    }
  }

  /** A JSON endpoint: its address (with {@code {id}}), who may call it, its fields and a valid body. */
  record BodyEndpoint(
      String name,
      String template,
      Supplier<UUID> id,
      String user,
      List<Field> fields,
      Supplier<Map<String, String>> valid,
      List<Breaker> crossBreakers) {}

  /** A change of several fields at once that breaks a rule between them, and the field the refusal names. */
  record Breaker(String field, Map<String, String> set, List<String> remove) {}

  record GetEndpoint(
      String template, Supplier<UUID> id, String user, List<String> parameters, String accept) {}

  static final String MEGABYTE = "x".repeat(1 << 20);
  private static final JsonStringEncoder JSON = JsonStringEncoder.getInstance();

  /** Address segments that must never reach a controller as an id, nor crash anything. */
  static final List<String> HOSTILE_SEGMENTS =
      List.of(
          "not-a-uuid",
          "..",
          ".",
          "%2e%2e",
          "%2F",
          "%00",
          "a%00b",
          "%5C",
          "..%2F..%2Fetc%2Fpasswd",
          "%ZZ",
          "%",
          "'%20OR%20'1'='1",
          "00000000-0000-0000-0000-000000000000",
          "1",
          "-1",
          "9".repeat(5000),
          "%C3%28",
          "%ED%A0%80",
          ";jsessionid=1",
          "a;b=c",
          "..;",
          "%252e%252e",
          "%u002e",
          "%20",
          "~",
          "*",
          "%3Cscript%3E",
          "%E2%80%AE",
          "%0D%0ASet-Cookie:%20x=y",
          "null",
          "undefined",
          "{id}",
          "%7B%7D",
          "00000000-0000-0000-0000-00000000000G",
          "%C0%AE%C0%AE");

  /** Query parameter values (already URL-encoded, or deliberately not). */
  static final List<String> HOSTILE_VALUES =
      List.of(
          "%00",
          "a%00b",
          "%C3%28",
          "%ED%A0%80",
          "%FF",
          "",
          "%20",
          "x".repeat(7000),
          "x".repeat(20000),
          "2026-02-31T00:00:00Z",
          "%2B999999999-12-31T23:59:59Z",
          "-999999999-01-01T00:00:00Z",
          "%2B999999999-12-31T23:59:59-18:00",
          "0000-01-01T00:00:00Z",
          "1899-12-31T23:00:00Z",
          "2200-01-01T00:00:00Z",
          "2026-01-01",
          "2026-01-01T00:00:00+01:00",
          "null",
          "BOGUS",
          "bone",
          "%27%20OR%201%3D1--",
          "%3Cscript%3Ealert(1)%3C/script%3E",
          "$%7Bjndi:ldap://x/a%7D",
          "%0D%0AX:%20y",
          "1e400",
          "[]",
          "{}",
          "%",
          "%ZZ",
          "%E2%80%AE",
          "%F0%9F%98%80",
          "SOFT_TISSUE",
          "WORKLIST",
          "REPORTED",
          "2020-01-01T00:00:00Z",
          "2030-01-01T00:00:00Z",
          "%01%02%1B",
          "..%2F..%2F",
          "%5Cu0000");

  private static final List<String> NOISE_TEXT =
      List.of(
          "\u0007bip",
          "\u001b[31mrouge",
          "ligne 1\r\nligne 2",
          "<script>alert(1)</script>",
          "'; drop table referral; --",
          "${jndi:ldap://x/a}",
          "#{7*7}",
          "%s%n%x",
          "\uD83D\uDE00 sourire",
          "\u202Egauche",
          "z\u200Bero",
          "\uFEFFbom",
          "../../etc/passwd",
          "\u0001\u0002\u001f contrôle",
          "Robert'); --",
          "{{7*7}}",
          "\\u0000 (texte, pas un caractère)",
          "ünïcödé ÆŒ ß",
          "\t\ttabulations");

  private static final List<String> NOISE_FIELDS =
      List.of(
          "\"__proto__\":{\"admin\":true}",
          "\"@class\":\"java.lang.Runtime\"",
          "\"constructor\":{\"prototype\":{}}",
          "\"$type\":\"System.Object\"",
          "\"extra\":" + nested(40, "[", "]", "1"),
          "\"inconnu\":null",
          "\"\\u0000clé\":1",
          "\"id\":\"" + UUID.randomUUID() + "\"");

  private final Random random;
  private final Ids ids;

  HostileRequests(long seed, Ids ids) {
    this.random = new Random(seed);
    this.ids = ids;
  }

  // ----------------------------------------------------------------------------------------------
  // catalogue

  List<BodyEndpoint> bodyEndpoints() {
    List<String> quorum = List.of("surgeon", "radiologist", "pathologist");
    String future = "\"" + LocalDate.now().plusYears(3) + "\"";
    String tomorrow = "\"" + LocalDate.now().plusDays(2) + "\"";
    OffsetDateTime start =
        OffsetDateTime.now(ZoneOffset.UTC).plusDays(30).truncatedTo(ChronoUnit.HOURS);
    return List.of(
        new BodyEndpoint(
            "referral",
            "/api/referrals",
            null,
            "coordinator",
            List.of(
                Field.text("clientRequestId", false, 100),
                Field.text("patientIdentifier", true, 64),
                Field.text("patientDisplayName", true, 200),
                Field.of("birthDate", Kind.DATE, future, tomorrow, "\"1850-06-01\""),
                Field.code("sex", true, "FEMALE", "MALE", "OTHER", "UNKNOWN"),
                Field.text("referringPhysician", true, 200),
                Field.code(
                    "presentation",
                    true,
                    "SWELLING_OR_PAIN",
                    "PATHOLOGICAL_FRACTURE",
                    "INCIDENTAL_FINDING"),
                Field.code("site", true, "SOFT_TISSUE", "BONE", "SPINE"),
                Field.text("anatomicalLocation", true, 200),
                Field.number("largestDimensionCm", Kind.DECIMAL, false, 0.1, 100),
                Field.code("depth", true, "SUPERFICIAL", "DEEP", "UNKNOWN"),
                Field.code("priorProcedure", true, "NONE", "BIOPSY", "EXCISION"),
                Field.text("notes", false, 4000)),
            () ->
                body(
                    "clientRequestId",
                    lit("his-" + UUID.randomUUID()),
                    "patientIdentifier",
                    lit("IPP-" + UUID.randomUUID().toString().substring(0, 8)),
                    "patientDisplayName",
                    lit("Marie Exemple"),
                    "birthDate",
                    lit("1964-05-12"),
                    "sex",
                    lit("FEMALE"),
                    "referringPhysician",
                    lit("Dr Durand"),
                    "presentation",
                    lit("SWELLING_OR_PAIN"),
                    "site",
                    lit("SOFT_TISSUE"),
                    "anatomicalLocation",
                    lit("cuisse gauche"),
                    "largestDimensionCm",
                    "8.5",
                    "depth",
                    lit("DEEP"),
                    "priorProcedure",
                    lit("NONE"),
                    "notes",
                    lit("Masse indolore")),
            List.of()),
        new BodyEndpoint(
            "result",
            "/api/orders/{id}/result",
            ids::order,
            "radiologist",
            List.of(
                Field.text("conclusion", true, 200), Field.text("reportText", false, 4000),
                Field.text("reportReference", false, 200),
                    Field.of("performedOn", Kind.DATE, future, tomorrow)),
            () ->
                body(
                    "conclusion",
                    lit("Lésion d'allure bénigne"),
                    "reportText",
                    lit("Compte rendu complet"),
                    "performedOn",
                    lit(LocalDate.now().minusDays(1).toString())),
            List.of(
                new Breaker("reportTextOrReference", Map.of(), List.of("reportText")),
                new Breaker("reportTextOrReference", Map.of("reportText", lit("   ")), List.of()))),
        new BodyEndpoint(
            "schedule",
            "/api/orders/{id}/schedule",
            ids::order,
            "coordinator",
            List.of(
                Field.of("scheduledFor", Kind.DATE, "\"1800-01-01\"", "\"2200-01-01\""),
                Field.text("scheduledPlace", false, 200)),
            () ->
                body(
                    "scheduledFor",
                    lit(LocalDate.now().plusDays(10).toString()),
                    "scheduledPlace",
                    lit("CHRU de Nancy, imagerie")),
            List.of()),
        new BodyEndpoint(
            "one-off session",
            "/api/mdt/sessions",
            null,
            "coordinator",
            List.of(
                Field.of(
                    "startsAt",
                    Kind.DATE_TIME,
                    "\"2020-01-02T14:00:00Z\"",
                    "\"2200-01-01T00:00:00Z\""),
                Field.number("durationMinutes", Kind.INTEGER, true, 15, 600),
                Field.of("registrationCutoffAt", Kind.DATE_TIME, "\"1899-12-31T00:00:00Z\""),
                Field.number("capacity", Kind.INTEGER, true, 1, 100),
                Field.text("note", false, 400)),
            () ->
                body(
                    "startsAt",
                    lit(start.toString()),
                    "durationMinutes",
                    "120",
                    "registrationCutoffAt",
                    lit(start.minusDays(2).toString()),
                    "capacity",
                    "8",
                    "note",
                    lit("Séance supplémentaire")),
            List.of(
                new Breaker(
                    "cutoffBeforeStart",
                    Map.of("registrationCutoffAt", lit(start.plusHours(1).toString())),
                    List.of()))),
        new BodyEndpoint(
            "cancellation",
            "/api/mdt/sessions/{id}/cancel",
            ids::session,
            "coordinator",
            List.of(Field.text("reason", true, 400)),
            () -> body("reason", lit("Salle indisponible")),
            List.of()),
        new BodyEndpoint(
            "move",
            "/api/mdt/registrations/{id}/move",
            ids::referral,
            "coordinator",
            List.of(new Field("sessionId", Kind.ID, true, 0, 0, List.of(), List.of())),
            () -> body("sessionId", lit(ids.session().toString())),
            List.of()),
        new BodyEndpoint(
            "correction",
            "/api/mdt/decisions/{id}/corrections",
            ids::decision,
            "mdtchair",
            List.of(
                Field.code(
                    "outcome",
                    true,
                    "BIOPSY",
                    "FURTHER_IMAGING",
                    "SURVEILLANCE",
                    "DISCHARGE_BENIGN",
                    "OTHER"),
                Field.text("rationale", true, 2000),
                // M2: participants by user id; the quorum is checked on their specialties.
                new Field(
                    "participants",
                    Kind.CODE_LIST,
                    true,
                    0,
                    0,
                    List.of("surgeon", "radiologist", "pathologist", "oncologist", "mdtchair"),
                    List.of("[]", "[\"oncologist\"]", "[\"surgeon\",\"surgeon\",\"surgeon\"]")),
                Field.text("guideline", true, 500),
                Field.text("nonConformityReason", false, 2000),
                Field.text("clinicalTrialDetail", false, 2000),
                Field.text("patientInformedBy", true, 500),
                Field.text("correctionReason", true, 2000)),
            () ->
                body(
                    "outcome",
                    lit("SURVEILLANCE"),
                    "rationale",
                    lit("Discussion collégiale"),
                    "participants",
                    list(quorum),
                    "guideline",
                    lit("Référentiel ONCOLOR 2019"),
                    "guidelineConform",
                    "true",
                    "clinicalTrialConsidered",
                    "false",
                    "patientInformedBy",
                    lit("Le médecin adresseur"),
                    "correctionReason",
                    lit("Saisie erronée en séance")),
            List.of(
                new Breaker("biopsyTechnique", Map.of("outcome", lit("BIOPSY")), List.of()),
                new Breaker(
                    "biopsyTechnique", Map.of("biopsyTechnique", lit("SURGICAL")), List.of()),
                new Breaker(
                    "biopsyTargetZone", Map.of("biopsyTargetZone", lit("Zone charnue")), List.of()),
                new Breaker("biopsyCentre", Map.of("biopsyCentre", lit("CHU")), List.of()))));
  }

  List<GetEndpoint> getEndpoints() {
    List<String> period = List.of("from", "to", "site", "referrer");
    return List.of(
        new GetEndpoint("/api/me", null, "coordinator", List.of(), null),
        new GetEndpoint("/api/referrals/{id}", ids::referral, "coordinator", List.of(), null),
        new GetEndpoint(
            "/api/referrals/{id}/mdt-decisions", ids::referral, "manager", List.of(), null),
        new GetEndpoint("/api/referrals/{id}/letters", ids::referral, "surgeon", List.of(), null),
        new GetEndpoint(
            "/api/letters/{id}.pdf", ids::letter, "coordinator", List.of(), "application/pdf"),
        new GetEndpoint("/api/orders", null, "coordinator", List.of("status"), null),
        new GetEndpoint("/api/mdt/sessions", null, "coordinator", List.of("from", "to"), null),
        new GetEndpoint(
            "/api/mdt/sessions/{id}/agenda", ids::session, "radiologist", List.of(), null),
        new GetEndpoint("/mdt/sessions", null, "coordinator", List.of(), "text/html"),
        new GetEndpoint(
            "/mdt/sessions/{id}/agenda", ids::session, "mdtchair", List.of(), "text/html"),
        new GetEndpoint("/api/mdt/decisions/{id}", ids::decision, "manager", List.of(), null),
        new GetEndpoint("/api/insight/measures", null, "manager", period, null),
        new GetEndpoint("/api/insight/measures.csv", null, "manager", period, "text/csv"),
        new GetEndpoint("/dashboard", null, "manager", period, "text/html"),
        new GetEndpoint("/api/referrals/{id}/file", ids::referral, "radiologist", List.of(), null),
        new GetEndpoint("/api/patients", null, "surgeon", List.of("q"), null),
        new GetEndpoint(
            "/api/patients/possible-duplicates",
            null,
            "coordinator",
            List.of("ipp", "name", "lastName", "firstName", "birthDate"),
            null),
        new GetEndpoint("/patients", null, "oncologist", List.of("q"), "text/html"),
        new GetEndpoint(
            "/patients/referrals/{id}", ids::referral, "pathologist", List.of(), "text/html"));
  }

  // ---------------------------------------------------------------------------------------------
  // generation

  List<Hostile> jsonBodies(BodyEndpoint endpoint, int count) {
    List<Hostile> requests = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Map<String, String> body = endpoint.valid().get();
      List<Header> headers =
          new ArrayList<>(
              List.of(
                  RawHttp.basic(endpoint.user()),
                  new Header("Content-Type", "application/json"),
                  new Header("Accept", "application/json")));
      java.util.Set<String> fields = new java.util.LinkedHashSet<>();
      String label;
      String target = address(endpoint.template(), endpoint.id());
      int status = 0;
      byte[] bytes;
      int draw = random.nextInt(100);
      if (draw < 72) {
        label = breakFields(endpoint.fields(), body, fields);
        label += noise(endpoint, body, fields);
        bytes = serialize(body);
      } else if (draw < 78 && !endpoint.crossBreakers().isEmpty()) {
        Breaker breaker = pick(endpoint.crossBreakers());
        body.putAll(breaker.set());
        breaker.remove().forEach(body::remove);
        java.util.Set<String> touched = new java.util.HashSet<>(breaker.set().keySet());
        touched.addAll(breaker.remove());
        label = "règle entre champs " + breaker.field() + noise(endpoint, body, touched);
        fields.add(breaker.field());
        bytes = serialize(body);
      } else if (draw < 90) {
        label = "corps hostile";
        bytes = hostileBody(serialize(body));
      } else {
        String type =
            pick(
                List.of(
                    "text/plain",
                    "application/xml",
                    "application/x-www-form-urlencoded",
                    "multipart/form-data; boundary=x",
                    "application/jsonx",
                    "text/html",
                    "image/png"));
        headers.set(1, new Header("Content-Type", type));
        label = "Content-Type " + type;
        bytes = serialize(body);
        status = 415;
        if (random.nextInt(8) == 0) {
          headers.remove(1);
          label = "sans Content-Type";
        }
      }
      if (endpoint.id() != null && random.nextInt(6) == 0) {
        // The address is hostile too: the refusal may come from it (400 or 404) rather than from
        // the fields.
        target = endpoint.template().replace("{id}", pick(HOSTILE_SEGMENTS));
        fields.clear();
        status = 0;
        label += " + id hostile";
      }
      requests.add(
          new Hostile(
              endpoint.name() + ": " + label,
              "POST",
              target,
              endpoint.user(),
              headers,
              bytes,
              true,
              Set.copyOf(fields),
              status));
    }
    return requests;
  }

  /**
   * One to three fields get a value that breaks their rules (type, presence, length, text, code, date, range);
   * they join {@code broken}, unless the parser refuses the whole body first (a number of more than 1,000
   * digits: Jackson's limit, which knows no field), and then no field is expected in the answer.
   */
  private String breakFields(
      List<Field> all, Map<String, String> body, java.util.Set<String> broken) {
    List<String> labels = new ArrayList<>();
    boolean parserLimit = false;
    int count = 1 + (random.nextInt(4) == 0 ? random.nextInt(3) : 0);
    for (int i = 0; i < count; i++) {
      Field field = pick(all);
      List<String> values = breakers(field);
      String value = pick(values);
      if (value == null) {
        body.remove(field.name());
        labels.add(field.name() + " absent");
      } else {
        body.put(field.name(), value);
        labels.add(field.name() + "=" + RawHttp.abbreviate(value).replaceAll("\\p{Cntrl}", "?"));
      }
      broken.add(field.name());
      parserLimit |= value != null && value.matches("-?\\d{1001,}");
    }
    if (parserLimit) {
      broken.clear();
    }
    return String.join(", ", labels);
  }

  /** Values (raw JSON; null = leave the field out) that no valid request carries for this field. */
  private List<String> breakers(Field field) {
    List<String> values = new ArrayList<>(field.ruleBreakers());
    if (field.required()) {
      values.add(null);
      values.add("null");
    }
    switch (field.kind()) {
      case TEXT -> {
        values.addAll(
            List.of(
                "{}",
                "[]",
                "[\"texte\"]",
                "{\"a\":[1]}",
                nested(600, "[", "]", "\"x\""),
                "\"a\\u0000b\"",
                "\"\\u0000\"",
                "\"avant\\ud800après\"",
                "\"\\udc00\"",
                "\"fin\\ud83d\"",
                "\"\\ude00\\ud83d\"",
                lit("x".repeat((int) field.max() + 1)),
                lit("é".repeat((int) field.max() + 1))));
        if (random.nextInt(10) == 0) {
          values.add(lit(MEGABYTE));
        }
        if (field.required()) {
          values.addAll(List.of("\"\"", "\"   \"", "\"\\t\\n\""));
        }
      }
      case CODE -> {
        values.addAll(
            List.of(
                "\"BOGUS\"",
                lit(field.codes().get(0).toLowerCase(Locale.ROOT)),
                lit(field.codes().get(0) + " "),
                "\"" + field.codes().get(0) + "\\u0000\"",
                "42",
                "true",
                "{}",
                "[]",
                "[\"" + field.codes().get(0) + "\"]",
                "\"\"",
                "\"\\ud800\""));
        if (random.nextInt(10) == 0) {
          values.add(lit(MEGABYTE));
        }
      }
      case DATE ->
          values.addAll(
              List.of(
                  "\"2026-02-31\"",
                  "\"2026-13-01\"",
                  "\"2026-00-10\"",
                  "\"31/12/2020\"",
                  "\"+999999999-12-31\"",
                  "\"-999999999-01-01\"",
                  "\"0000-01-01\"",
                  "\"1899-12-31\"",
                  "\"2200-01-01\"",
                  "true",
                  "{}",
                  "[\"x\"]",
                  "[2026,2,31]",
                  "99999999999999",
                  "-99999999999999",
                  "1e400",
                  "\"\\u0000\"",
                  "\"2026-\\u000001-01\"",
                  "\"demain\"",
                  "\"\""));
      case DATE_TIME ->
          values.addAll(
              List.of(
                  "\"2026-02-31T10:00:00Z\"",
                  "\"2026-01-01T25:00:00Z\"",
                  "\"2026-06-01\"",
                  "\"demain\"",
                  "\"+999999999-12-31T23:59:59Z\"",
                  "\"+999999999-12-31T23:59:59-18:00\"",
                  "\"-999999999-01-01T00:00:00+18:00\"",
                  "\"2026-01-01T10:00:00+25:00\"",
                  "1e20",
                  "-1e20",
                  "9223372036854775807",
                  "-9223372036854775808",
                  "true",
                  "{}",
                  "[]",
                  "\"\"",
                  "\"1899-01-01T00:00:00Z\"",
                  "\"2200-06-01T00:00:00Z\"",
                  "\"2030-01-01\\u0000T10:00:00Z\""));
      case DECIMAL ->
          values.addAll(
              List.of(
                  "\"abc\"",
                  "\"NaN\"",
                  "\"Infinity\"",
                  "true",
                  "{}",
                  "[1]",
                  "1e400",
                  "-1e400",
                  "1e-400",
                  "1" + "0".repeat(1200),
                  "1e2147483648",
                  "-0.0",
                  "0",
                  format(field.max() + 0.1),
                  format(field.min() - 0.05),
                  "123456789012345678901234567890.5",
                  "\"1e999999999\"",
                  "-5"));
      case INTEGER ->
          values.addAll(
              List.of(
                  format(field.min() - 1),
                  format(field.max() + 1),
                  "2147483648",
                  "-2147483649",
                  "1e10",
                  "99999999999999999999999",
                  "\"12abc\"",
                  "true",
                  "{}",
                  "[]",
                  "\"\"",
                  "0.5",
                  "1.5e300",
                  "\"NaN\"",
                  "-1",
                  "1" + "0".repeat(1200)));
      case ID ->
          values.addAll(
              List.of(
                  "\"not-a-uuid\"",
                  "\"\"",
                  "42",
                  "{}",
                  "true",
                  "[]",
                  "\"" + UUID.randomUUID() + "\\u0000\"",
                  "\"" + UUID.randomUUID().toString().substring(1) + "\"",
                  "\"00000000-0000-0000-0000-00000000000G\"",
                  lit(UUID.randomUUID().toString()),
                  lit(MEGABYTE.substring(0, 5000))));
      case CODE_LIST ->
          values.addAll(
              List.of(
                  "\"SURGEON\"",
                  "[1,2]",
                  "[\"BOGUS\"]",
                  "[null]",
                  "[[\"SURGEON\"]]",
                  "{}",
                  "[{\"a\":1}]",
                  "[\"SURGEON\\u0000\",\"RADIOLOGIST\",\"PATHOLOGIST\"]",
                  "true",
                  "[\"SURGEON\",\"RADIOLOGIST\",\"\\ud800\"]",
                  nested(700, "[", "]", "\"SURGEON\"")));
    }
    return values;
  }

  /** Harmless: control characters, markup and injections in other text fields, and unknown fields. */
  private String noise(
      BodyEndpoint endpoint, Map<String, String> body, java.util.Set<String> broken) {
    StringBuilder label = new StringBuilder();
    for (int i = random.nextInt(3); i > 0; i--) {
      List<Field> texts =
          endpoint.fields().stream()
              .filter(
                  f ->
                      f.kind() == Kind.TEXT
                          && body.containsKey(f.name())
                          && !broken.contains(f.name()))
              .toList();
      if (!texts.isEmpty() && random.nextBoolean()) {
        Field field = pick(texts);
        body.put(field.name(), lit(pick(NOISE_TEXT)));
        label.append(" + bruit ").append(field.name());
      } else {
        String extra = pick(NOISE_FIELDS);
        body.put(extra.substring(0, extra.indexOf(':')), extra.substring(extra.indexOf(':') + 1));
        label.append(" + champ inconnu");
      }
    }
    return label.toString();
  }

  /** A body that is no longer a JSON object of the expected shape. */
  private byte[] hostileBody(byte[] valid) {
    String text = new String(valid, StandardCharsets.UTF_8);
    int choice = random.nextInt(16);
    return switch (choice) {
      case 0 -> Arrays.copyOf(valid, 1 + random.nextInt(valid.length - 1));
      case 1 -> new byte[0];
      case 2 ->
          pick(List.of("null", "[]", "42", "\"texte\"", "true", "[" + text + "]"))
              .getBytes(StandardCharsets.UTF_8);
      case 3 -> nested(5000, "[", "]", "1").getBytes(StandardCharsets.UTF_8);
      case 4 ->
          ("{\"a\":" + nested(3000, "{\"b\":", "}", "1") + "}").getBytes(StandardCharsets.UTF_8);
      case 5 ->
          pick(List.of(
                  "{,}",
                  "{'a':1}",
                  "{\"a\":1,}",
                  "{\"a\" 1}",
                  "<xml/>",
                  "{\"a\":01}",
                  "{\"a\":.5}",
                  "{\"a\":NaN}",
                  "{\"a\":\"\\x00\"}",
                  "{\"a\":\"\\u00\"}",
                  "{\"a\":tru}",
                  "}{"))
              .getBytes(StandardCharsets.UTF_8);
      case 6 -> replaceFirstQuoteContent(valid, new byte[] {(byte) 0xC3, 0x28});
      case 7 -> replaceFirstQuoteContent(valid, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80});
      case 8 -> replaceFirstQuoteContent(valid, new byte[] {0});
      case 9 -> replaceFirstQuoteContent(valid, new byte[] {(byte) 0xFF, (byte) 0xFE});
      case 10 -> text.replace("{", "[").getBytes(StandardCharsets.UTF_8);
      case 11 -> ("[" + nested(900, "[", "]", text) + "]").getBytes(StandardCharsets.UTF_8);
      case 12 -> text.replace("\"", "'").getBytes(StandardCharsets.UTF_8);
      case 13 -> ("{\"" + "k".repeat(100_000) + "\":1}").getBytes(StandardCharsets.UTF_8);
      case 14 ->
          text.substring(0, text.length() - 1).concat(",\"x\":}").getBytes(StandardCharsets.UTF_8);
      default -> text.replace(":", "=").getBytes(StandardCharsets.UTF_8);
    };
  }

  /** FHIR DiagnosticReports with at least one defect (the controller parses them with HAPI, not Jackson). */
  List<Hostile> fhirReports(int count) {
    List<Hostile> requests = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Map<String, String> report = new LinkedHashMap<>();
      report.put("resourceType", "\"DiagnosticReport\"");
      report.put("status", "\"final\"");
      report.put(
          "basedOn",
          "[{\"identifier\":{\"system\":\""
              + ServiceRequestMapper.ORDER_IDENTIFIER_SYSTEM
              + "\",\"value\":\""
              + ids.order()
              + "\"}}]");
      report.put("effectiveDateTime", "\"" + LocalDate.now().minusDays(1) + "\"");
      report.put("conclusion", "\"Compte rendu\"");
      List<Header> headers =
          new ArrayList<>(
              List.of(
                  RawHttp.basic("radiologist"),
                  new Header("Content-Type", "application/fhir+json"),
                  new Header("Accept", "application/fhir+json")));
      int status = 0;
      String label;
      byte[] body;
      int draw = random.nextInt(100);
      if (draw < 70) {
        String field = pick(List.of("conclusion", "effectiveDateTime", "resourceType", "basedOn"));
        String value =
            pick(
                switch (field) {
                  case "conclusion" ->
                      Arrays.asList(
                          null,
                          "\"a\\u0000b\"",
                          "\"\\ud800\"",
                          "\"fin\\ud83d\"",
                          "\"\\udc00x\"",
                          "null",
                          "\"\"",
                          "{}",
                          "[]",
                          nested(2000, "[", "]", "1"));
                  case "effectiveDateTime" ->
                      Arrays.asList(
                          null,
                          "\"2026-02-31\"",
                          "\"hier\"",
                          "\"\"",
                          "{}",
                          "[]",
                          "\"0000-01-01\"",
                          "\"1000-01-01\"",
                          "\"1899-12-31\"",
                          "\"2999-01-01\"",
                          "\"" + LocalDate.now().plusDays(5) + "\"",
                          "\"9999-12-31T23:59:59Z\"",
                          "\"2026-01-01T25:00:00Z\"",
                          "\"2026-01-01\\u0000\"");
                  case "resourceType" ->
                      Arrays.asList(
                          null,
                          "\"Patient\"",
                          "\"Bogus\"",
                          "42",
                          "\"\"",
                          "\"DiagnosticReport\\u0000\"");
                  default ->
                      Arrays.asList(
                          null,
                          "[]",
                          "{}",
                          "\"x\"",
                          "[{\"identifier\":{\"system\":\""
                              + ServiceRequestMapper.ORDER_IDENTIFIER_SYSTEM
                              + "\",\"value\":\"not-a-uuid\"}}]",
                          "[{\"identifier\":{\"system\":\""
                              + ServiceRequestMapper.ORDER_IDENTIFIER_SYSTEM
                              + "\",\"value\":\""
                              + UUID.randomUUID()
                              + "\"}}]",
                          "[{\"reference\":\"ServiceRequest/inconnu\"}]",
                          "[{\"reference\":\"ServiceRequest?identifier="
                              + ServiceRequestMapper.ORDER_IDENTIFIER_SYSTEM
                              + "|"
                              + ids.order()
                              + "\\u0000\"}]",
                          "[{\"reference\":\"ServiceRequest/\\u0000/_history/1\"}]");
                });
        if (value == null) {
          report.remove(field);
        } else {
          report.put(field, value);
        }
        label = "FHIR " + field + "=" + value;
        if (random.nextInt(4) == 0) {
          report.put("identifier", "[{\"value\":" + lit(pick(NOISE_TEXT)) + "}]");
          label += " + bruit";
        }
        if (random.nextInt(20) == 0 && !"conclusion".equals(field)) {
          report.put("conclusion", lit(MEGABYTE));
          label += " + conclusion de 1 Mo";
        }
        body = serialize(report);
      } else if (draw < 90) {
        label = "FHIR corps hostile";
        body = hostileBody(serialize(report));
        if (new String(body, StandardCharsets.UTF_8).startsWith("{'")) {
          // HAPI's parser reads single-quoted JSON: harmless leniency, not a defect; this draw is
          // no defect then.
          body = "{'resourceType':".getBytes(StandardCharsets.UTF_8);
        }
      } else {
        String type =
            pick(
                List.of(
                    "text/plain",
                    "application/xml",
                    "application/fhir+xml",
                    "application/x-www-form-urlencoded"));
        headers.set(1, new Header("Content-Type", type));
        label = "FHIR Content-Type " + type;
        body = serialize(report);
        status = 415;
      }
      requests.add(
          new Hostile(
              label,
              "POST",
              "/fhir/DiagnosticReport",
              "radiologist",
              headers,
              body,
              true,
              Set.of(),
              status));
    }
    return requests;
  }

  List<Hostile> reads(GetEndpoint endpoint, int count) {
    List<Hostile> requests = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String target = address(endpoint.template(), endpoint.id());
      String label = "lecture";
      if (endpoint.id() != null && random.nextInt(3) == 0) {
        String segment = pick(HOSTILE_SEGMENTS);
        target = endpoint.template().replace("{id}", segment);
        label = "id hostile";
      }
      List<String> parameters = new ArrayList<>();
      for (String name : endpoint.parameters()) {
        if (random.nextInt(3) > 0) {
          parameters.add(name + "=" + pick(HOSTILE_VALUES));
        }
      }
      if (random.nextInt(5) == 0) {
        parameters.add(
            pick(
                List.of(
                    "%00=1",
                    "x=%00",
                    "a[b]=1",
                    "__proto__=1",
                    "x=" + "y".repeat(3000),
                    "=",
                    "&&&",
                    "site=BONE&site=SPINE",
                    "from=2020-01-01T00:00:00Z&from=2021-01-01T00:00:00Z")));
      }
      if (!parameters.isEmpty()) {
        target += "?" + String.join("&", parameters);
        label += " + paramètres";
      }
      List<Header> headers = new ArrayList<>(List.of(RawHttp.basic(endpoint.user())));
      String accept = endpoint.accept() == null ? "application/json" : endpoint.accept();
      if (random.nextInt(6) == 0) {
        accept =
            pick(
                List.of(
                    "application/xml",
                    "text/csv",
                    "text/html",
                    "*/*",
                    "garbage",
                    "application/json;q=0",
                    "image/png",
                    "application/problem+json"));
        label += " + Accept " + accept;
      }
      headers.add(new Header("Accept", accept));
      requests.add(
          new Hostile(label, "GET", target, endpoint.user(), headers, null, false, Set.of(), 0));
    }
    return requests;
  }

  /** Hostile addresses and methods for every endpoint: a write still carries a refused body. */
  List<Hostile> addressesAndMethods(int perEndpoint) {
    List<Hostile> requests = new ArrayList<>();
    for (BodyEndpoint endpoint : bodyEndpoints()) {
      String path = address(endpoint.template(), endpoint.id());
      for (int i = 0; i < perEndpoint; i++) {
        Map<String, String> body = endpoint.valid().get();
        String label = breakFields(endpoint.fields(), body, new java.util.HashSet<>());
        String method =
            random.nextInt(3) == 0
                ? pick(List.of("PUT", "PATCH", "DELETE", "TRACE", "FOO", "PROPFIND"))
                : "POST";
        String target = random.nextInt(4) == 0 && !"POST".equals(method) ? path : hostilePath(path);
        requests.add(
            new Hostile(
                endpoint.name() + ": adresse/méthode hostile, " + label,
                method,
                target,
                endpoint.user(),
                List.of(
                    RawHttp.basic(endpoint.user()), new Header("Content-Type", "application/json")),
                serialize(body),
                true,
                Set.of(),
                0));
      }
    }
    for (GetEndpoint endpoint : getEndpoints()) {
      String path = address(endpoint.template(), endpoint.id());
      for (int i = 0; i < perEndpoint; i++) {
        String method =
            pick(List.of("GET", "GET", "GET", "HEAD", "OPTIONS", "DELETE", "PUT", "FOO"));
        String target = "GET".equals(method) || random.nextBoolean() ? hostilePath(path) : path;
        boolean write = Set.of("DELETE", "PUT", "FOO").contains(method);
        requests.add(
            new Hostile(
                "adresse/méthode hostile",
                method,
                target,
                endpoint.user(),
                List.of(RawHttp.basic(endpoint.user())),
                write ? "{}".getBytes(StandardCharsets.UTF_8) : null,
                write,
                Set.of(),
                0));
      }
    }
    return requests;
  }

  private String hostilePath(String path) {
    return switch (random.nextInt(22)) {
      case 0 -> "/" + path;
      case 1 -> path.replaceFirst("/", "//").replaceFirst("//([a-z]+)/", "/$1//");
      case 2 -> path.replaceFirst("^/([a-z]+)/", "/$1/./");
      case 3 -> path.replaceFirst("^/([a-z]+)/", "/$1/x/../");
      case 4 -> path.replaceFirst("^/([a-z]+)/", "/$1/%2e%2e/$1/");
      case 5 -> path + "/";
      case 6 -> path + ";jsessionid=0";
      case 7 -> path.replaceFirst("^/([a-z]+)/", "/$1;x=y/");
      case 8 -> path.toUpperCase(Locale.ROOT);
      case 9 -> path + "%00";
      case 10 -> path + "%2F";
      case 11 -> path.replace('/', '\\');
      case 12 -> path + "/..";
      case 13 -> path + "?%ZZ=1";
      case 14 -> path + "#fragment";
      case 15 -> "/" + "a".repeat(10_000);
      case 16 -> path + "%C0%AE%C0%AE";
      case 17 -> path + "%2e";
      case 18 -> path + "\t";
      case 19 -> path + "/%2e%2e/%2e%2e/actuator/env";
      case 20 -> path.replaceFirst("^/", "/%2F");
      default -> path + "?" + "q=" + "x".repeat(9000);
    };
  }

  // ------------------------------------------------------------------------------------------------- helpers

  private String address(String template, Supplier<UUID> id) {
    return id == null ? template : template.replace("{id}", id.get().toString());
  }

  private <T> T pick(List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  static Map<String, String> body(String... namesAndValues) {
    Map<String, String> body = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      body.put(namesAndValues[i], namesAndValues[i + 1]);
    }
    return body;
  }

  static byte[] serialize(Map<String, String> body) {
    StringBuilder json = new StringBuilder("{");
    body.forEach(
        (name, value) ->
            json.append(json.length() > 1 ? "," : "")
                .append(name.startsWith("\"") ? name : "\"" + name + "\"")
                .append(':')
                .append(value));
    return json.append('}').toString().getBytes(StandardCharsets.UTF_8);
  }

  /** A JSON string literal (control characters escaped, everything else as is). */
  static String lit(String value) {
    return "\"" + new String(JSON.quoteAsString(value)) + "\"";
  }

  private static String list(List<String> values) {
    return "[" + String.join(",", values.stream().map(HostileRequests::lit).toList()) + "]";
  }

  static String nested(int depth, String open, String close, String inner) {
    return open.repeat(depth) + inner + close.repeat(depth);
  }

  private static String format(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15
        ? Long.toString((long) value)
        : Double.toString(value);
  }

  private static byte[] replaceFirstQuoteContent(byte[] json, byte[] raw) {
    // Puts raw bytes (not UTF-8, or a NUL) inside the first string value of the body.
    String text = new String(json, StandardCharsets.UTF_8);
    int colon = text.indexOf(":\"");
    if (colon < 0) {
      return raw;
    }
    byte[] head = text.substring(0, colon + 2).getBytes(StandardCharsets.UTF_8);
    byte[] tail = text.substring(colon + 2).getBytes(StandardCharsets.UTF_8);
    byte[] result = new byte[head.length + raw.length + tail.length];
    System.arraycopy(head, 0, result, 0, head.length);
    System.arraycopy(raw, 0, result, head.length, raw.length);
    System.arraycopy(tail, 0, result, head.length + raw.length, tail.length);
    return result;
  }
}

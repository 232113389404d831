package fr.sarcoma.referral.dossier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.sarcoma.referral.platform.PatientReads;
import fr.sarcoma.referral.platform.web.InvalidFieldException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * The pages Tasklist's "Rechercher un patient" leads to, read with the Tasklist session (no second
 * login): the search ({@code /patients?q=}, rendered here, templates/patients/search.html) and a
 * referral's file ({@code /patients/referrals/{id}}, templates/patients/file.html), drawn by the same
 * script as Tasklist's "Dossier" tab (scripts/sarcoma-file-view.js) from the file the page carries.
 */
@RestController
class PatientPagesController {

  private final PatientSearch search;
  private final PatientFiles files;
  private final PatientReads reads;
  private final ObjectMapper mapper;
  private final ITemplateEngine templates;
  private final String webapps;

  PatientPagesController(
      PatientSearch search,
      PatientFiles files,
      PatientReads reads,
      ObjectMapper mapper,
      ITemplateEngine templates,
      @Value("${camunda.bpm.webapp.application-path:/camunda}") String webapps) {
    this.search = search;
    this.files = files;
    this.reads = reads;
    this.mapper = mapper;
    this.templates = templates;
    this.webapps = webapps;
  }

  /** The search form, and the results of {@code q} when given; an unreadable query: 400 with the reason. */
  @GetMapping(
      path = {"/patients", "/patients/"},
      produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> search(@RequestParam(required = false) String q) {
    Map<String, Object> model = new HashMap<>();
    model.put("query", q == null ? "" : q);
    model.put("tasklist", tasklist());
    model.put("format", new PageFormat());
    HttpStatus status = HttpStatus.OK;
    if (q != null) {
      try {
        model.put("result", search.search(q, PatientReads.Door.PATIENT_PAGES));
      } catch (InvalidFieldException unreadable) {
        model.put("error", "Recherche impossible : " + unreadable.getMessage() + ".");
        status = HttpStatus.BAD_REQUEST;
      }
    }
    return ResponseEntity.status(status)
        .contentType(MediaType.TEXT_HTML)
        .body(templates.process("patients/search", new Context(Locale.FRENCH, model)));
  }

  /** A referral's file as Tasklist's "Dossier" tab shows it, with links to its open tasks. */
  @GetMapping(path = "/patients/referrals/{id}", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> file(@PathVariable UUID id) throws JsonProcessingException {
    Map<String, Object> model = new HashMap<>();
    model.put("tasklist", tasklist());
    model.put("scripts", webapps + "/app/tasklist/scripts/");
    reads.check(id, PatientReads.Door.PATIENT_PAGES, PatientReads.Read.FILE);
    PatientFile file = files.of(id).orElse(null);
    if (file == null) {
      return ResponseEntity.status(HttpStatus.NOT_FOUND)
          .contentType(MediaType.TEXT_HTML)
          .body(templates.process("patients/file", new Context(Locale.FRENCH, model)));
    }
    model.put("file", file);
    // The application's JSON, as GET /api/referrals/{id}/file serves it, inside a script element:
    // no
    // "<" may end it early ("</script>", "<!--"); JSON reads the escaped form in its strings alike.
    model.put("fileJson", mapper.writeValueAsString(file).replace("<", "\\u003c"));
    return ResponseEntity.ok()
        .contentType(MediaType.TEXT_HTML)
        .body(templates.process("patients/file", new Context(Locale.FRENCH, model)));
  }

  private String tasklist() {
    return webapps + "/app/tasklist/default/";
  }
}

package fr.sarcoma.referral.agenda;

import fr.sarcoma.referral.platform.PatientReads;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * The agenda of a session: JSON for systems, a printable French page for the meeting (the template
 * templates/mdt/agenda.html, in French whatever the browser asks: the network's dates and labels).
 * It names every patient on it: need-to-know is checked, and the read recorded, for each of them.
 */
@RestController
class AgendaController {

  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  private final AgendaService agendas;
  private final ITemplateEngine templates;
  private final PatientReads reads;

  AgendaController(AgendaService agendas, ITemplateEngine templates, PatientReads reads) {
    this.agendas = agendas;
    this.templates = templates;
    this.reads = reads;
  }

  @GetMapping("/api/mdt/sessions/{sessionId}/agenda")
  Agenda agenda(@PathVariable UUID sessionId) {
    return checked(agendas.agenda(sessionId));
  }

  @GetMapping(path = "/mdt/sessions/{sessionId}/agenda", produces = MediaType.TEXT_HTML_VALUE)
  String printable(@PathVariable UUID sessionId) {
    return templates.process(
        "mdt/agenda",
        new Context(
            Locale.FRENCH, Map.of("agenda", checked(agendas.agenda(sessionId)), "zone", PARIS)));
  }

  private Agenda checked(Agenda agenda) {
    reads.checkAll(
        agenda.cases().stream().map(AgendaCase::referralId).toList(),
        PatientReads.Door.AGENDA,
        PatientReads.Read.FILE);
    return agenda;
  }
}

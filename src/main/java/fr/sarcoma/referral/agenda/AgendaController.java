package fr.sarcoma.referral.agenda;

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
 */
@RestController
class AgendaController {

  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  private final AgendaService agendas;
  private final ITemplateEngine templates;

  AgendaController(AgendaService agendas, ITemplateEngine templates) {
    this.agendas = agendas;
    this.templates = templates;
  }

  @GetMapping("/api/mdt/sessions/{sessionId}/agenda")
  Agenda agenda(@PathVariable UUID sessionId) {
    return agendas.agenda(sessionId);
  }

  @GetMapping(path = "/mdt/sessions/{sessionId}/agenda", produces = MediaType.TEXT_HTML_VALUE)
  String printable(@PathVariable UUID sessionId) {
    return templates.process(
        "mdt/agenda",
        new Context(Locale.FRENCH, Map.of("agenda", agendas.agenda(sessionId), "zone", PARIS)));
  }
}

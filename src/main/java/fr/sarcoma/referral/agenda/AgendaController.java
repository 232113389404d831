package fr.sarcoma.referral.agenda;

import java.util.UUID;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The agenda of a session: JSON for systems, a printable French page for the meeting. */
@RestController
class AgendaController {

  private final AgendaService agendas;
  private final AgendaPage page;

  AgendaController(AgendaService agendas, AgendaPage page) {
    this.agendas = agendas;
    this.page = page;
  }

  @GetMapping("/api/mdt/sessions/{sessionId}/agenda")
  Agenda agenda(@PathVariable UUID sessionId) {
    return agendas.agenda(sessionId);
  }

  @GetMapping(path = "/mdt/sessions/{sessionId}/agenda", produces = MediaType.TEXT_HTML_VALUE)
  String printable(@PathVariable UUID sessionId) {
    return page.render(agendas.agenda(sessionId));
  }
}

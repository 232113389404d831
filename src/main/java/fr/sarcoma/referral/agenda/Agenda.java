package fr.sarcoma.referral.agenda;

import com.fasterxml.jackson.annotation.JsonProperty;
import fr.sarcoma.referral.mdt.MdtSession;
import java.util.List;

/** An MDT session's agenda: the session and its cases, incomplete ones flagged. */
public record Agenda(MdtSession session, List<AgendaCase> cases) {

  @JsonProperty("incompleteCases")
  public long incompleteCases() {
    return cases.stream().filter(agendaCase -> !agendaCase.complete()).count();
  }
}

package fr.sarcoma.referral.pathway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.history.event.HistoricActivityInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricFormPropertyEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.junit.jupiter.api.Test;

/**
 * The history filter is a plain decorator: it passes every event on to the handler it wraps (the database's, or
 * another decorator), except the variable and form-property events of clinical fields. The fields of a process
 * definition's forms need the engine ({@code ClinicalAnswersIT}); the start form's {@code intake*} prefix does not.
 */
class ClinicalHistoryFilterTest {

  private final List<HistoryEvent> passedOn = new ArrayList<>();
  private final HistoryEventHandler recorder =
      new HistoryEventHandler() {
        @Override
        public void handleEvent(HistoryEvent event) {
          passedOn.add(event);
        }

        @Override
        public void handleEvents(List<HistoryEvent> events) {
          passedOn.addAll(events);
        }
      };

  @Test
  void identityFieldsOfTheStartFormNeverReachTheWrappedHandler() {
    ClinicalHistoryFilter filter = new ClinicalHistoryFilter(recorder);
    HistoryEvent name = variable("intakePatientName");
    HistoryEvent notes = formProperty("intakeNotes");
    HistoryEvent referralId = variable("referralId");
    HistoryEvent site = formProperty("site");
    HistoryEvent activity = new HistoricActivityInstanceEventEntity();

    filter.handleEvent(name);
    filter.handleEvent(referralId);
    filter.handleEvents(List.of(notes, site, activity));

    assertThat(passedOn).containsExactly(referralId, site, activity);
  }

  private static HistoryEvent variable(String name) {
    HistoricVariableUpdateEventEntity event = new HistoricVariableUpdateEventEntity();
    event.setVariableName(name);
    return event;
  }

  private static HistoryEvent formProperty(String name) {
    HistoricFormPropertyEventEntity event = new HistoricFormPropertyEventEntity();
    event.setPropertyId(name);
    return event;
  }
}

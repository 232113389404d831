package fr.sarcoma.referral.mdt;

import java.util.List;

import org.camunda.bpm.engine.BadUserRequestException;

/** Refuses a decision recorded without quorum; Tasklist shows the message and the task stays open. */
public class QuorumNotMetException extends BadUserRequestException {

  QuorumNotMetException(List<String> shortfall) {
    super("Quorum de RCP non atteint (M2) : " + String.join(" ; ", shortfall));
  }
}

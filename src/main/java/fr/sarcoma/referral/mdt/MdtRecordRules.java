package fr.sarcoma.referral.mdt;

import fr.sarcoma.referral.platform.NetworkMembers;
import fr.sarcoma.referral.platform.NetworkMembers.Member;
import fr.sarcoma.referral.platform.web.FieldProblem;
import fr.sarcoma.referral.platform.web.RuleViolationException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The fiche RCP's rules on what the chair records (PATHWAY.md, M2): the participants are users of the network named
 * with the specialty the identity store gives them, the quorum is met among them, and the chair's answers are
 * complete. Each refusal names its field, in French.
 */
@Component
class MdtRecordRules {

  private final NetworkMembers members;
  private final QuorumRule quorum;
  private final MessageSource labels;

  MdtRecordRules(NetworkMembers members, QuorumRule quorum, MessageSource labels) {
    this.members = members;
    this.quorum = quorum;
    this.labels = labels;
  }

  /** The chair who validates the record: a user of the network (the one completing the task, or correcting). */
  Member chair(String userId) {
    return members
        .member(userId)
        .orElseThrow(
            () ->
                RuleViolationException.of(
                    MdtService.PARTICIPANTS,
                    "Fiche RCP : elle est validée par le président de séance, qui doit être un utilisateur"
                        + " du réseau connecté (aucun utilisateur identifié)."));
  }

  /**
   * M2: the participants chosen by name, each with the specialty the identity store gives them, in the order
   * chosen, the chair (when given) added when not chosen; refused when one is not a user of the network, and
   * without quorum among their specialties.
   */
  List<MdtDecision.Participant> participants(MdtService.DecisionInput input, Member chair) {
    Set<String> ids = new LinkedHashSet<>();
    if (input.participants() != null) {
      input.participants().stream()
          .filter(id -> id != null && !id.isBlank())
          .map(String::strip)
          .forEach(ids::add);
    }
    if (chair != null) {
      ids.add(chair.userId());
    }
    List<String> unknown = new ArrayList<>();
    List<MdtDecision.Participant> participants = new ArrayList<>();
    for (String id : ids) {
      members
          .member(id)
          .ifPresentOrElse(
              member ->
                  participants.add(
                      new MdtDecision.Participant(
                          member.userId(), member.displayName(), member.specialty())),
              () -> unknown.add(id.length() > 64 ? id.substring(0, 64) + "…" : id));
    }
    if (!unknown.isEmpty()) {
      throw RuleViolationException.of(
          MdtService.PARTICIPANTS,
          "M2 : participant inconnu de l'annuaire du réseau : " + String.join(", ", unknown));
    }
    List<String> shortfall =
        quorum.shortfall(
            new LinkedHashSet<>(specialties(participants)),
            code -> labels.getMessage("specialty." + code, null, code, Locale.FRENCH));
    if (!shortfall.isEmpty()) {
      throw new QuorumNotMetException(shortfall);
    }
    return participants;
  }

  /** The fiche RCP's items the chair answers: the guideline, conformity (if not, why), trial, who informs. */
  static void checkRecord(MdtService.DecisionInput input) {
    List<FieldProblem> problems = new ArrayList<>();
    if (blankToNull(input.guideline()) == null) {
      problems.add(new FieldProblem("guideline", "le référentiel suivi est obligatoire"));
    }
    if (input.guidelineConform() == null) {
      problems.add(
          new FieldProblem(
              "guidelineConform", "dites si la proposition est conforme au référentiel"));
    } else if (!input.guidelineConform() && blankToNull(input.nonConformityReason()) == null) {
      problems.add(
          new FieldProblem(
              "nonConformityReason",
              "proposition non conforme au référentiel : le motif est obligatoire"));
    }
    if (input.clinicalTrialConsidered() == null) {
      problems.add(
          new FieldProblem("clinicalTrialConsidered", "dites si un essai clinique a été envisagé"));
    }
    if (blankToNull(input.patientInformedBy()) == null) {
      problems.add(
          new FieldProblem(
              "patientInformedBy", "indiquez qui informe le patient de la proposition"));
    }
    if (!problems.isEmpty()) {
      throw new RuleViolationException("Fiche RCP incomplète.", problems);
    }
  }

  /** "Dr Sophie Lefèvre (chirurgien) ; Dr Paul Garnier (pathologiste)": the names, for the readers of attendees. */
  String attendees(List<MdtDecision.Participant> participants) {
    return participants.stream()
        .map(
            participant ->
                participant.specialty() == null
                    ? participant.name()
                    : participant.name()
                        + " ("
                        + labels.getMessage(
                            "specialty." + participant.specialty(),
                            null,
                            participant.specialty(),
                            Locale.FRENCH)
                        + ")")
        .collect(Collectors.joining(" ; "));
  }

  static List<String> specialties(List<MdtDecision.Participant> participants) {
    return participants.stream()
        .map(MdtDecision.Participant::specialty)
        .filter(Objects::nonNull)
        .distinct()
        .toList();
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}

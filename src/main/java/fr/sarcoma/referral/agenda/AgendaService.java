package fr.sarcoma.referral.agenda;

import fr.sarcoma.referral.mdt.MdtSession;
import fr.sarcoma.referral.mdt.MdtSessions;
import fr.sarcoma.referral.mdt.UnknownSessionException;
import fr.sarcoma.referral.orders.ExamOrder;
import fr.sarcoma.referral.orders.ExamOrderService;
import fr.sarcoma.referral.orders.Modality;
import fr.sarcoma.referral.referral.ReferralService;
import fr.sarcoma.referral.referral.ReferralService.ReferralSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The agenda of an MDT session, with each case's dossier and its completeness check, so that an
 * incomplete case is seen by the coordinator before the session rather than during it:
 * characterisation imaging reported (S2, S3a), chest CT done (X1), and the PET and bone scan done
 * when the extension work-up asked for them (X2, X3).
 */
@Service
public class AgendaService {

  private final MdtSessions sessions;
  private final ReferralService referrals;
  private final ExamOrderService orders;
  private final JdbcTemplate jdbc;

  AgendaService(
      MdtSessions sessions, ReferralService referrals, ExamOrderService orders, JdbcTemplate jdbc) {
    this.sessions = sessions;
    this.referrals = referrals;
    this.orders = orders;
    this.jdbc = jdbc;
  }

  public Agenda agenda(UUID sessionId) {
    MdtSession session =
        sessions.find(sessionId).orElseThrow(() -> new UnknownSessionException(sessionId));
    List<AgendaCase> cases = new ArrayList<>();
    for (UUID referralId : sessions.casesOn(sessionId)) {
      referrals.summary(referralId).ifPresent(referral -> cases.add(caseOf(referral, sessionId)));
    }
    return new Agenda(session, cases);
  }

  /** What is missing from a referral's dossier for the MDT (empty when complete), in French. */
  public List<String> missingFor(UUID referralId) {
    return missing(orders.ofReferral(referralId), characterisation(referralId));
  }

  private AgendaCase caseOf(ReferralSummary referral, UUID sessionId) {
    List<ExamOrder> work = orders.ofReferral(referral.id());
    Optional<String[]> characterisation = characterisation(referral.id());
    return new AgendaCase(
        referral.id(),
        referral.businessKey(),
        referral.patientDisplayName(),
        referral.patientBirthDate(),
        referral.presentation(),
        referral.site(),
        referral.anatomicalLocation(),
        referral.largestDimensionCm(),
        referral.referringPhysician(),
        sessions.questionFor(referral.id(), sessionId).orElse(null),
        work.stream()
            .map(
                order ->
                    new AgendaCase.Exam(
                        order.modality().name(),
                        order.status().name(),
                        order.placedAt(),
                        order.resultPerformedOn(),
                        order.resultConclusion()))
            .toList(),
        characterisation.map(report -> report[0]).orElse(null),
        characterisation.map(report -> report[1]).orElse(null),
        missing(work, characterisation));
  }

  private Optional<String[]> characterisation(UUID referralId) {
    return jdbc
        .query(
            """
        select conclusion, hypotheses from characterisation_report where referral_id = ? order by reported_at desc
        """,
            (rs, row) -> new String[] {rs.getString("conclusion"), rs.getString("hypotheses")},
            referralId)
        .stream()
        .findFirst();
  }

  private static List<String> missing(List<ExamOrder> work, Optional<String[]> characterisation) {
    List<String> missing = new ArrayList<>();
    if (characterisation.isEmpty()) {
      missing.add("Compte rendu d'imagerie de caractérisation (IRM) absent");
    }
    if (!reported(work, Modality.CHEST_CT)) {
      missing.add("Scanner thoracique non réalisé ou sans compte rendu (X1)");
    }
    if (ordered(work, Modality.FDG_PET) && !reported(work, Modality.FDG_PET)) {
      missing.add("TEP-TDM au FDG demandée, sans compte rendu (X2)");
    }
    if (ordered(work, Modality.BONE_SCINTIGRAPHY) && !reported(work, Modality.BONE_SCINTIGRAPHY)) {
      missing.add("Scintigraphie osseuse demandée, sans compte rendu (X3)");
    }
    return missing;
  }

  private static boolean ordered(List<ExamOrder> work, Modality modality) {
    return work.stream().anyMatch(order -> order.modality() == modality);
  }

  private static boolean reported(List<ExamOrder> work, Modality modality) {
    return work.stream().anyMatch(order -> order.modality() == modality && order.hasResult());
  }
}

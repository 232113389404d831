package fr.sarcoma.referral.dossier;

import fr.sarcoma.referral.letter.LetterService;
import fr.sarcoma.referral.mdt.MdtDecision;
import fr.sarcoma.referral.mdt.MdtService;
import fr.sarcoma.referral.mdt.MdtSessions;
import fr.sarcoma.referral.orders.CharacterisationReports;
import fr.sarcoma.referral.orders.ExamOrder;
import fr.sarcoma.referral.orders.ExamOrderService;
import fr.sarcoma.referral.orders.OrderDispatch;
import fr.sarcoma.referral.referral.ReferralQueries;
import fr.sarcoma.referral.referral.ReferralView;
import java.time.Clock;
import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;

/**
 * The one read of a patient's file: the Tasklist plugins, and any screen that shows who the patient
 * is and what was found, read it here, after need-to-know (platform's {@code PatientReads}, asked by
 * the controller, which also records the read). Assembled at display time from the modules that own
 * each part, so that identity never has to travel in the process variables.
 */
@Service
public class PatientFiles {

  private final ReferralQueries referrals;
  private final ExamOrderService orders;
  private final CharacterisationReports characterisations;
  private final MdtService mdt;
  private final MdtSessions sessions;
  private final LetterService letters;
  private final Clock clock;
  private final MessageSource messages;

  PatientFiles(
      ReferralQueries referrals,
      ExamOrderService orders,
      CharacterisationReports characterisations,
      MdtService mdt,
      MdtSessions sessions,
      LetterService letters,
      Clock clock,
      MessageSource messages) {
    this.referrals = referrals;
    this.orders = orders;
    this.characterisations = characterisations;
    this.mdt = mdt;
    this.sessions = sessions;
    this.letters = letters;
    this.clock = clock;
    this.messages = messages;
  }

  public Optional<PatientFile> of(UUID referralId) {
    return referrals.view(referralId).map(this::file);
  }

  private PatientFile file(ReferralView referral) {
    List<MdtDecision> decisions = mdt.decisionHistory(referral.id());
    PatientFile file =
        new PatientFile(
            referral.id(),
            referral.businessKey(),
            patient(referral.patient()),
            referral.referringPhysician(),
            referral.urgency(),
            referral.site(),
            referral.presentation(),
            referral.anatomicalLocation(),
            referral.largestDimensionCm(),
            referral.depth(),
            referral.priorProcedure(),
            referral.stage(),
            referral.outcome(),
            referral.createdAt(),
            referral.closedAt(),
            exams(referral.id()),
            characterisations.ofReferral(referral.id()).stream()
                .map(PatientFiles::characterisation)
                .toList(),
            decisions(decisions),
            mdtCase(referral.id()),
            approach(decisions),
            letters.ofReferral(referral.id()).stream()
                .map(
                    letter ->
                        new PatientFile.Letter(
                            letter.id(),
                            letter.kind(),
                            letter.recipient(),
                            letter.createdAt(),
                            letter.pdfAvailable() ? letter.downloadUrl() : null,
                            letter.deliveries().stream()
                                .map(
                                    delivery ->
                                        new PatientFile.LetterDelivery(
                                            delivery.recipientRole(),
                                            delivery.recipient(),
                                            delivery.status().name(),
                                            delivery.lastError()))
                                .toList()))
                .toList(),
            referral.milestones().stream()
                .map(milestone -> new PatientFile.Milestone(milestone.name(), milestone.at()))
                .toList(),
            referral.openTasks().stream()
                .map(
                    task ->
                        new PatientFile.OpenTask(
                            task.id(),
                            task.key(),
                            task.name(),
                            task.candidateGroups(),
                            task.assignee(),
                            task.due(),
                            task.orderId()))
                .toList(),
            Map.of());
    return file.withLabels(labels(file));
  }

  /** The French label of every code in the file; a code without a label is left out. */
  private Map<String, String> labels(PatientFile file) {
    Map<String, String> labels = new TreeMap<>();
    Stream.<Stream<String>>of(
            Stream.of(
                "sex." + file.patient().sex(),
                "urgency." + file.urgency(),
                "site." + file.site(),
                "presentation." + file.presentation(),
                "depth." + file.depth(),
                "priorProcedure." + file.priorProcedure(),
                "stage." + file.stage()),
            file.exams().stream()
                .flatMap(
                    exam ->
                        Stream.of("modality." + exam.modality(), "orderStatus." + exam.status())),
            file.characterisationReports().stream()
                .flatMap(
                    report ->
                        Stream.concat(
                            Stream.of(
                                "imagingConclusion." + report.conclusion(),
                                "lesionPattern." + report.lesionPattern(),
                                "suspectedType." + report.suspectedType(),
                                "skipMetastasis." + report.skipMetastasis()),
                            report.aggressiveSigns().stream()
                                .map(sign -> "aggressiveSign." + sign))),
            file.mdtDecisions().stream()
                .flatMap(
                    decision ->
                        Stream.concat(
                            Stream.of(
                                "mdtOutcome." + decision.outcome(),
                                "biopsyTechnique." + decision.biopsyTechnique()),
                            decision.specialties() == null
                                ? Stream.empty()
                                : decision.specialties().stream()
                                    .map(specialty -> "specialty." + specialty))),
            file.approach() == null
                ? Stream.empty()
                : Stream.of("biopsyTechnique." + file.approach().technique()),
            file.letters().stream().map(letter -> "letterKind." + letter.kind()),
            file.letters().stream()
                .flatMap(letter -> letter.deliveries().stream())
                .flatMap(
                    delivery ->
                        Stream.of(
                            "deliveryStatus." + delivery.status(),
                            "recipientRole." + delivery.recipientRole())),
            file.milestones().stream().map(milestone -> "milestone." + milestone.name()))
        .flatMap(keys -> keys)
        .filter(key -> !key.endsWith(".null"))
        .forEach(
            key -> {
              String label = messages.getMessage(key, null, null, Locale.FRENCH);
              if (label != null) {
                labels.put(key, label);
              }
            });
    return labels;
  }

  private PatientFile.Patient patient(ReferralView.Patient patient) {
    return new PatientFile.Patient(
        patient.identifier(),
        patient.displayName(),
        patient.birthDate(),
        age(patient.birthDate()),
        patient.sex());
  }

  private Integer age(String birthDate) {
    return ageOn(birthDate, LocalDate.now(clock));
  }

  /** Whole years on {@code today}; null when the birth date is unknown or unreadable. */
  static Integer ageOn(String birthDate, LocalDate today) {
    if (birthDate == null) {
      return null;
    }
    try {
      return Period.between(LocalDate.parse(birthDate), today).getYears();
    } catch (DateTimeParseException notIso) {
      return null;
    }
  }

  private List<PatientFile.Exam> exams(UUID referralId) {
    Map<UUID, OrderDispatch> dispatches = orders.dispatchesOfReferral(referralId);
    return orders.ofReferral(referralId).stream()
        .sorted(Comparator.comparing(ExamOrder::placedAt))
        .map(order -> exam(order, dispatches.getOrDefault(order.id(), OrderDispatch.NONE)))
        .toList();
  }

  private static PatientFile.Exam exam(ExamOrder order, OrderDispatch dispatch) {
    return new PatientFile.Exam(
        order.id(),
        order.modality().name(),
        order.protocol(),
        order.status().name(),
        order.placedAt(),
        order.scheduledFor(),
        order.scheduledPlace(),
        order.resultPerformedOn(),
        order.resultReceivedAt(),
        order.resultConclusion(),
        order.resultReport(),
        dispatch.attempts(),
        dispatch.lastError(),
        dispatch.lastAttemptAt());
  }

  private static PatientFile.Characterisation characterisation(
      CharacterisationReports.Recorded recorded) {
    CharacterisationReports.Report report = recorded.report();
    return new PatientFile.Characterisation(
        report.sizeLongAxisCm(),
        report.sizePerpendicularCm(),
        report.sizeCraniocaudalCm(),
        report.distanceToJointLineMm(),
        report.distanceToGrowthPlateMm(),
        report.relations(),
        report.aggressiveSigns() == null || report.aggressiveSigns().isBlank()
            ? List.of()
            : List.of(report.aggressiveSigns().split(",")),
        report.tissueFeatures(),
        report.biopsyTargetZone(),
        report.skipMetastasis(),
        report.lesionPattern(),
        report.suspectedType(),
        report.hypotheses(),
        report.conclusion(),
        report.mdtNeeded(),
        recorded.reportedBy(),
        recorded.reportedAt());
  }

  private static List<PatientFile.Decision> decisions(List<MdtDecision> history) {
    Set<UUID> superseded =
        history.stream()
            .map(MdtDecision::supersedesId)
            .filter(Objects::nonNull)
            .collect(Collectors.toSet());
    return history.stream()
        .map(
            decision ->
                new PatientFile.Decision(
                    decision.id(),
                    decision.version(),
                    !superseded.contains(decision.id()),
                    decision.outcome(),
                    decision.biopsyTechnique(),
                    decision.biopsyTargetZone(),
                    decision.biopsyCentre(),
                    decision.rationale(),
                    decision.attendees(),
                    decision.specialties(),
                    decision.decidedBy(),
                    decision.decidedAt(),
                    decision.correctionReason(),
                    decision.recordedBy(),
                    decision.recordedAt(),
                    decision.sheet()))
        .toList();
  }

  /** The session the case waits for, with the question put to the MDT (Task_RecordMdtDecision shows it). */
  private PatientFile.MdtCase mdtCase(UUID referralId) {
    return sessions
        .currentSessionOf(referralId)
        .map(
            session ->
                new PatientFile.MdtCase(
                    session.id(),
                    session.startsAt(),
                    sessions.questionFor(referralId, session.id()).orElse(null)))
        .orElse(null);
  }

  /** The approach agreed for the newest current decision (history is newest first). */
  private PatientFile.Approach approach(List<MdtDecision> history) {
    Set<UUID> superseded =
        history.stream()
            .map(MdtDecision::supersedesId)
            .filter(Objects::nonNull)
            .collect(Collectors.toSet());
    return history.stream()
        .filter(decision -> !superseded.contains(decision.id()))
        .findFirst()
        .flatMap(
            decision ->
                mdt.agreedApproach(decision.id())
                    .map(
                        agreed ->
                            new PatientFile.Approach(
                                decision.id(),
                                agreed.surgeonId(),
                                agreed.approach(),
                                agreed.technique(),
                                agreed.deviationReason())))
        .orElse(null);
  }
}

package fr.sarcoma.referral.mdt;

import fr.sarcoma.referral.orders.CharacterisationReports;
import fr.sarcoma.referral.orders.ExamOrder;
import fr.sarcoma.referral.orders.ExamOrderService;
import fr.sarcoma.referral.referral.ReferralQueries;
import fr.sarcoma.referral.referral.ReferralView;
import java.math.BigDecimal;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The clinical summary of the fiche RCP (PATHWAY.md, "fiche RCP"), filled from our records when the MDT decides,
 * in French, one line per fact: the presentation, each exam with its result's conclusion, the characterisation
 * report and the expert pathology diagnosis. Kept as written with the decision (a record is a document), so a
 * later result does not change what the MDT saw.
 */
@Component
class MdtClinicalSummary {

  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");

  private final ReferralQueries referrals;
  private final ExamOrderService orders;
  private final CharacterisationReports characterisations;
  private final PathologyDiagnoses diagnoses;
  private final MessageSource labels;

  MdtClinicalSummary(
      ReferralQueries referrals,
      ExamOrderService orders,
      CharacterisationReports characterisations,
      PathologyDiagnoses diagnoses,
      MessageSource labels) {
    this.referrals = referrals;
    this.orders = orders;
    this.characterisations = characterisations;
    this.diagnoses = diagnoses;
    this.labels = labels;
  }

  String of(UUID referralId) {
    List<String> lines = new ArrayList<>();
    referrals.view(referralId).ifPresent(referral -> lines.add(presentation(referral)));
    orders.ofReferral(referralId).stream()
        .filter(ExamOrder::hasResult)
        .sorted(Comparator.comparing(ExamOrder::placedAt))
        .forEach(exam -> lines.add(exam(exam)));
    characterisations.ofReferral(referralId).stream()
        .findFirst()
        .ifPresent(report -> lines.add(characterisation(report.report())));
    diagnoses.latest(referralId).ifPresent(diagnosis -> lines.add(pathology(diagnosis)));
    return String.join("\n", lines);
  }

  private String presentation(ReferralView referral) {
    StringBuilder line =
        new StringBuilder("Présentation : ")
            .append(label("presentation.", referral.presentation()))
            .append(" ; ")
            .append(label("site.", referral.site()).toLowerCase(Locale.FRENCH));
    if (referral.anatomicalLocation() != null && !referral.anatomicalLocation().isBlank()) {
      line.append(" (").append(referral.anatomicalLocation().strip()).append(')');
    }
    if (referral.largestDimensionCm() != null) {
      line.append(" ; ")
          .append(centimetres(BigDecimal.valueOf(referral.largestDimensionCm())))
          .append(" cm");
    }
    if (referral.depth() != null) {
      line.append(" ; ").append(label("depth.", referral.depth()).toLowerCase(Locale.FRENCH));
    }
    if (referral.priorProcedure() != null && !"NONE".equals(referral.priorProcedure())) {
      line.append(" ; ")
          .append(label("priorProcedure.", referral.priorProcedure()).toLowerCase(Locale.FRENCH));
    }
    return line.append('.').toString();
  }

  private String exam(ExamOrder exam) {
    String done =
        exam.resultPerformedOn() == null ? "" : " du " + DAY.format(exam.resultPerformedOn());
    String conclusion =
        exam.resultConclusion() == null || exam.resultConclusion().isBlank()
            ? "compte rendu reçu"
            : exam.resultConclusion().strip();
    return label("modality.", exam.modality().name()) + done + " : " + conclusion;
  }

  private String characterisation(CharacterisationReports.Report report) {
    StringBuilder line =
        new StringBuilder("Caractérisation : ")
            .append(label("imagingConclusion.", report.conclusion()));
    if (report.suspectedType() != null) {
      line.append(" ; hypothèse : ").append(label("suspectedType.", report.suspectedType()));
    }
    if (report.sizeLongAxisCm() != null) {
      line.append(" ; grand axe ").append(centimetres(report.sizeLongAxisCm())).append(" cm");
    }
    return line.append('.').toString();
  }

  private String pathology(PathologyDiagnosis diagnosis) {
    StringBuilder line =
        new StringBuilder("Anatomopathologie (relecture experte) : ")
            .append(label("pathologyDiagnosis.", diagnosis.category().name()));
    if (diagnosis.sarcoma()) {
      line.append(", ")
          .append(diagnosis.histologicalType())
          .append(", grade FNCLCC ")
          .append(diagnosis.fnclccGrade());
    }
    return line.append('.').toString();
  }

  private String label(String prefix, String code) {
    return code == null ? "—" : labels.getMessage(prefix + code, null, code, Locale.FRENCH);
  }

  private static String centimetres(BigDecimal value) {
    return value.stripTrailingZeros().toPlainString().replace('.', ',');
  }
}

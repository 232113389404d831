package fr.sarcoma.referral.agenda;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/** The agenda as a printable page, in French, one block per case, incomplete dossiers flagged in red. */
@Component
class AgendaPage {

  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  private static final DateTimeFormatter DAY_TIME =
      DateTimeFormatter.ofPattern("EEEE d MMMM yyyy 'à' HH'h'mm", Locale.FRENCH).withZone(PARIS);
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy", Locale.FRENCH);
  private static final Map<String, String> SITES = Map.of("SOFT_TISSUE", "Parties molles", "BONE", "Os",
      "SPINE", "Rachis");
  private static final Map<String, String> PRESENTATIONS = Map.of("SWELLING_OR_PAIN", "Tuméfaction et/ou douleur",
      "PATHOLOGICAL_FRACTURE", "Fracture pathologique", "INCIDENTAL_FINDING", "Découverte fortuite");
  private static final Map<String, String> EXAMS = Map.of("ULTRASOUND", "Échographie", "XRAY", "Radiographies",
      "XRAY_AND_CT", "Radiographies et scanner", "MRI", "IRM", "CHEST_CT", "Scanner thoracique",
      "FDG_PET", "TEP-TDM au FDG", "BONE_SCINTIGRAPHY", "Scintigraphie osseuse", "BIOPSY", "Biopsie");

  private static final Map<String, String> CONCLUSIONS = Map.of("NO_LESION", "Absence de lésion",
      "TYPICAL_BENIGN", "Lésion bénigne typique", "INDETERMINATE", "Lésion indéterminée", "AGGRESSIVE",
      "Lésion agressive");

  String render(Agenda agenda) {
    StringBuilder html = new StringBuilder("""
        <!DOCTYPE html>
        <html lang="fr"><head><meta charset="utf-8">
        <title>Ordre du jour — RCP sarcomes</title>
        <style>
          body { font-family: "Helvetica Neue", Arial, sans-serif; margin: 2em; color: #222; }
          h1 { font-size: 1.5em; margin-bottom: 0; } .session { color: #555; margin-top: .2em; }
          .case { border: 1px solid #bbb; border-radius: 4px; padding: .8em 1em; margin: 1em 0; page-break-inside: avoid; }
          .case h2 { font-size: 1.1em; margin: 0 0 .4em 0; }
          .incomplete { border-color: #b00; } .missing { color: #b00; font-weight: bold; }
          .complete-flag { color: #276b27; font-weight: bold; }
          table { border-collapse: collapse; width: 100%; margin-top: .4em; }
          td, th { border-bottom: 1px solid #ddd; text-align: left; padding: .2em .4em; font-size: .95em; }
          @media print { body { margin: 0; } .noprint { display: none; } }
        </style></head><body>
        """);
    html.append("<h1>RCP de recours sarcomes — ordre du jour</h1>")
        .append("<p class=\"session\">Séance du ").append(DAY_TIME.format(agenda.session().startsAt()))
        .append(agenda.session().isCancelled() ? " — <strong>ANNULÉE</strong>" : "")
        .append(" · ").append(agenda.cases().size()).append(" dossier(s), ")
        .append(agenda.incompleteCases()).append(" incomplet(s)</p>");
    if (agenda.cases().isEmpty()) {
      html.append("<p>Aucun dossier inscrit.</p>");
    }
    for (AgendaCase item : agenda.cases()) {
      html.append("<section class=\"case").append(item.complete() ? "" : " incomplete").append("\">")
          .append("<h2>").append(esc(item.referralNumber())).append(" — ").append(esc(item.patient()))
          .append(item.birthDate() == null ? "" : " (né(e) le " + DAY.format(item.birthDate()) + ")").append("</h2>")
          .append("<p>").append(esc(PRESENTATIONS.getOrDefault(item.presentation(), item.presentation())))
          .append(" · ").append(esc(SITES.getOrDefault(item.site(), item.site()))).append(", ")
          .append(esc(item.anatomicalLocation()))
          .append(item.largestDimensionCm() == null ? "" : " · " + item.largestDimensionCm() + " cm")
          .append(" · adressé par ").append(esc(item.referringPhysician())).append("</p>")
          .append("<p><strong>Question posée à la RCP :</strong> ")
          .append(item.question() == null ? "<em>non renseignée</em>" : esc(item.question())).append("</p>")
          .append("<p><strong>Caractérisation :</strong> ")
          .append(item.characterisationConclusion() == null ? "<em>absente</em>"
              : esc(CONCLUSIONS.getOrDefault(item.characterisationConclusion(), item.characterisationConclusion()))
                  + " — " + esc(item.characterisationHypotheses()))
          .append("</p><table><tr><th>Examen</th><th>Réalisé le</th><th>Conclusion</th></tr>");
      for (AgendaCase.Exam exam : item.exams()) {
        html.append("<tr><td>").append(esc(EXAMS.getOrDefault(exam.modality(), exam.modality()))).append("</td><td>")
            .append(exam.performedOn() == null ? "<em>en attente</em>" : DAY.format(exam.performedOn()))
            .append("</td><td>").append(esc(exam.conclusion())).append("</td></tr>");
      }
      html.append("</table>");
      if (item.complete()) {
        html.append("<p class=\"complete-flag\">Dossier complet</p>");
      } else {
        html.append("<p class=\"missing\">Dossier incomplet :</p><ul class=\"missing\">");
        item.missing().forEach(missing -> html.append("<li>").append(esc(missing)).append("</li>"));
        html.append("</ul>");
      }
      html.append("</section>");
    }
    return html.append("</body></html>").toString();
  }

  private static String esc(String text) {
    return text == null ? "" : HtmlUtils.htmlEscape(text);
  }
}

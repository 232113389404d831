package fr.sarcoma.referral.letter;

import java.util.List;
import java.util.Map;

/**
 * The French wording of the MDT's codes in letters (M4): outcomes, biopsy techniques, specialties,
 * and what happens next after each outcome. An unknown code is shown as is, never dropped.
 */
final class FrenchLabels {

  private FrenchLabels() {
  }

  static final Map<String, String> OUTCOMES = Map.of(
      "BIOPSY", "Biopsie",
      "FURTHER_IMAGING", "Imagerie complémentaire",
      "SURVEILLANCE", "Surveillance",
      "DISCHARGE_BENIGN", "Lésion bénigne : fin de prise en charge spécialisée",
      "OTHER", "Autre décision");

  static final Map<String, String> BIOPSY_TECHNIQUES = Map.of(
      "PERCUTANEOUS_CORE_NEEDLE", "biopsie percutanée sous guidage radiologique (carotte)",
      "SURGICAL", "biopsie chirurgicale");

  static final Map<String, String> SPECIALTIES = Map.of(
      "SURGEON", "chirurgien",
      "RADIOLOGIST", "radiologue",
      "PATHOLOGIST", "pathologiste",
      "MEDICAL_ONCOLOGIST", "oncologue médical",
      "RADIOTHERAPIST", "radiothérapeute",
      "PAEDIATRIC_ONCOLOGIST", "oncopédiatre",
      "OTHER", "autre");

  /** S3: no biopsy before the operating surgeon has agreed the approach. */
  static final String BIOPSY_APPROACH_SENTENCE = "Conformément au référentiel, la voie d'abord de la biopsie sera "
      + "définie avec le chirurgien qui opérera {le patient} : aucune biopsie ne sera réalisée avant son accord.";

  static final Map<String, List<String>> NEXT_STEPS = Map.of(
      "BIOPSY", List.of(
          "La biopsie sera programmée dans le centre indiqué ci-dessus dès que la voie d'abord aura été validée par "
              + "le chirurgien ; ce centre prendra directement contact avec {le patient}.",
          "Le résultat anatomopathologique sera relu par un pathologiste du réseau puis présenté de nouveau en RCP ; "
              + "nous vous adresserons la conclusion.",
          "Merci de ne faire réaliser aucun geste diagnostique ou thérapeutique sur la lésion d'ici là."),
      "FURTHER_IMAGING", List.of(
          "Des examens d'imagerie complémentaires sont demandés par la coordination de la RCP, qui prendra contact "
              + "avec {le patient} pour les rendez-vous.",
          "Le dossier sera présenté de nouveau en RCP dès que les résultats seront disponibles ; nous vous "
              + "adresserons la nouvelle décision."),
      "SURVEILLANCE", List.of(
          "Une surveillance clinique et par imagerie est proposée, selon les modalités précisées dans "
              + "l'argumentaire ci-dessus.",
          "Toute augmentation de volume, douleur nouvelle ou modification clinique doit conduire à nous réadresser "
              + "{le patient} sans délai."),
      "DISCHARGE_BENIGN", List.of(
          "La lésion est considérée comme bénigne : la prise en charge en centre de référence sarcomes s'arrête ici.",
          "Le suivi éventuel relève de votre appréciation ; en cas d'évolution clinique, vous pouvez nous adresser "
              + "de nouveau {le patient} à tout moment."),
      "OTHER", List.of(
          "La conduite à tenir retenue par la RCP est détaillée dans l'argumentaire ci-dessus.",
          "La coordination de la RCP reste à votre disposition pour toute question."));

  /**
   * U1, U2 (M6): what the referring physician is asked for after a procedure done elsewhere, and what
   * the pathway does meanwhile (only steps the model takes: the orders it places, the MDT, its letter).
   */
  record MaterialRequest(String subject, String situation, List<String> requested, List<String> nextSteps) {
  }

  static final Map<String, MaterialRequest> MATERIAL_REQUESTS = Map.of(
      "EXCISION", new MaterialRequest("demande des comptes rendus, lames et blocs de l'exérèse",
          "Vous nous indiquez que la lésion a été retirée chirurgicalement (exérèse) avant toute imagerie. "
              + "Une lésion des tissus mous ou de l'os opérée sans bilan préalable peut être un sarcome : "
              + "le dossier est pris en charge en urgence par la RCP de recours sarcomes.",
          List.of("le compte rendu opératoire de l'exérèse ;",
              "le compte rendu anatomopathologique ;",
              "les lames et les blocs d'inclusion, pour leur relecture par le pathologiste de la RCP de recours "
                  + "sarcomes."),
          List.of("Une IRM du lit opératoire avec injection de gadolinium et un scanner thoracique sont demandés "
                  + "dès maintenant, en urgence ; la coordination prendra contact avec {le patient} pour les "
                  + "rendez-vous.",
              "Le dossier sera ensuite présenté en RCP de recours sarcomes ; nous vous adresserons sa décision.",
              "Merci de ne faire réaliser aucun nouveau geste sur la lésion ni sur le lit opératoire (reprise "
                  + "chirurgicale, biopsie) d'ici là.")),
      "BIOPSY", new MaterialRequest("demande des comptes rendus, lames et blocs de la biopsie",
          "Vous nous indiquez qu'une biopsie de la lésion a déjà été réalisée.",
          List.of("le compte rendu de la biopsie (technique et voie d'abord) ;",
              "le compte rendu anatomopathologique ;",
              "les lames et les blocs d'inclusion, pour leur relecture par le pathologiste de la RCP de recours "
                  + "sarcomes."),
          List.of("Le bilan d'imagerie (imagerie initiale puis IRM de caractérisation) est organisé par la "
                  + "coordination, qui prendra contact avec {le patient} pour les rendez-vous.",
              "Le dossier sera ensuite présenté en RCP de recours sarcomes ; nous vous adresserons sa décision.",
              "Aucune nouvelle biopsie ne sera réalisée avant la décision de la RCP ; merci de n'en faire réaliser "
                  + "aucune d'ici là.")));

  /** The request after that prior procedure, about "le patient" or "la patiente"; none without a prior procedure. */
  static MaterialRequest materialRequest(String priorProcedure, String sex) {
    MaterialRequest request = MATERIAL_REQUESTS.get(priorProcedure);
    if (request == null) {
      throw new IllegalArgumentException("No material to request after prior procedure " + priorProcedure);
    }
    return new MaterialRequest(request.subject(), aboutThePatient(request.situation(), sex), request.requested(),
        request.nextSteps().stream().map(step -> aboutThePatient(step, sex)).toList());
  }

  static String outcome(String code) {
    return OUTCOMES.getOrDefault(code, code);
  }

  static String biopsyTechnique(String code) {
    return code == null ? null : BIOPSY_TECHNIQUES.getOrDefault(code, code);
  }

  static String specialty(String code) {
    return SPECIALTIES.getOrDefault(code, code);
  }

  /** What happens next after that outcome, about "le patient" or "la patiente" ({@link #thePatient}). */
  static List<String> nextSteps(String outcome, String sex) {
    return NEXT_STEPS.getOrDefault(outcome, NEXT_STEPS.get("OTHER")).stream()
        .map(step -> aboutThePatient(step, sex)).toList();
  }

  static String biopsyApproachSentence(String sex) {
    return aboutThePatient(BIOPSY_APPROACH_SENTENCE, sex);
  }

  /** "la patiente" for a woman, else "le patient" (the generic form in French medical letters). */
  static String thePatient(String sex) {
    return "FEMALE".equals(sex) ? "la patiente" : "le patient";
  }

  /** "née" for a woman, "né" for a man, else "né(e)". */
  static String born(String sex) {
    return switch (sex == null ? "" : sex) {
      case "FEMALE" -> "née";
      case "MALE" -> "né";
      default -> "né(e)";
    };
  }

  private static String aboutThePatient(String text, String sex) {
    return text.replace("{le patient}", thePatient(sex));
  }
}

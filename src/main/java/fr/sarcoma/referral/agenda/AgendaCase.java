package fr.sarcoma.referral.agenda;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** One case on an MDT session's agenda, with its dossier and what is missing from it. */
public record AgendaCase(
    UUID referralId,
    String referralNumber,
    String patient,
    LocalDate birthDate,
    String presentation,
    String site,
    String anatomicalLocation,
    Double largestDimensionCm,
    String referringPhysician,
    String question,
    List<Exam> exams,
    String characterisationConclusion,
    String characterisationHypotheses,
    List<String> missing) {

  /** An order of the work-up: done or not, when, and its conclusion. */
  public record Exam(
      String modality, String status, Instant placedAt, LocalDate performedOn, String conclusion) {}

  @JsonProperty("complete")
  public boolean complete() {
    return missing.isEmpty();
  }
}

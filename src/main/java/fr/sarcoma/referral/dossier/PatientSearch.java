package fr.sarcoma.referral.dossier;

import fr.sarcoma.referral.platform.PatientReads;
import fr.sarcoma.referral.platform.web.InvalidFieldException;
import fr.sarcoma.referral.referral.PatientRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;

/**
 * Finding a patient: the search from Tasklist ({@code GET /api/patients?q=}, the page {@code /patients})
 * and the intake's check for a patient already known ({@code GET /api/patients/possible-duplicates}).
 * With {@link PatientFiles}, the one place where clinicians read who a patient is: need-to-know and the
 * read audit go in front of both.
 */
@Service
public class PatientSearch {

  /** The most referrals one search lists: beyond, the query is too broad to read. */
  public static final int LIMIT = 50;

  /**
   * The referrals found; {@code truncated}: more than {@code limit} matched (the newest are listed);
   * {@code message}: what to tell the user (nothing found, or too many), in French; {@code labels}: the
   * French label of each code in the results, keyed as in messages_fr.properties.
   */
  public record Result(
      String query,
      List<Found> results,
      boolean truncated,
      int limit,
      String message,
      Map<String, String> labels) {}

  /** One referral found; {@code fileUrl}: its file, as a page. */
  public record Found(
      UUID referralId,
      String businessKey,
      PatientFile.Patient patient,
      String site,
      String urgency,
      String stage,
      boolean open,
      String outcome,
      Instant receivedAt,
      Instant closedAt,
      String fileUrl) {}

  /** What the intake would warn of for this patient (see {@link PatientRegistry#intakeWarnings}). */
  public record Warnings(List<PatientRegistry.IntakeWarning> warnings) {}

  private final PatientRegistry registry;
  private final PatientReads reads;
  private final Clock clock;
  private final MessageSource messages;

  PatientSearch(PatientRegistry registry, PatientReads reads, Clock clock, MessageSource messages) {
    this.registry = registry;
    this.reads = reads;
    this.clock = clock;
    this.messages = messages;
  }

  /**
   * The referrals of the patients the query names that the user may read (need-to-know, each one
   * listed recorded as a read of its identity through the door), newest first; a query that cannot
   * be read → 400.
   */
  public Result search(String query, PatientReads.Door door) {
    PatientRegistry.Found found = registry.search(PatientQuery.parse(query), LIMIT);
    Set<UUID> readable =
        Set.copyOf(
            reads.readable(
                found.matches().stream().map(PatientRegistry.ReferralMatch::referralId).toList(),
                door,
                PatientReads.Read.IDENTITY));
    LocalDate today = LocalDate.now(clock);
    List<Found> results =
        found.matches().stream()
            .filter(match -> readable.contains(match.referralId()))
            .map(
                match ->
                    new Found(
                        match.referralId(),
                        match.businessKey(),
                        new PatientFile.Patient(
                            match.patientIdentifier(),
                            match.patientDisplayName(),
                            match.birthDate() == null ? null : match.birthDate().toString(),
                            match.birthDate() == null
                                ? null
                                : PatientFiles.ageOn(match.birthDate().toString(), today),
                            match.sex()),
                        match.site(),
                        match.urgency(),
                        match.stage(),
                        match.open(),
                        match.outcome(),
                        match.receivedAt(),
                        match.closedAt(),
                        "/patients/referrals/" + match.referralId()))
            .toList();
    String trimmed = query.strip();
    String message =
        message(
            trimmed, results.isEmpty(), found.truncated(), results.size() < found.matches().size());
    return new Result(trimmed, results, found.truncated(), LIMIT, message, labels(results));
  }

  /**
   * What registering a referral for this patient would warn of. {@code birthDate}: jj/mm/aaaa or
   * aaaa-mm-jj; the IPP, or the name and the birth date, are needed (otherwise a 400).
   */
  public Warnings possibleDuplicates(String ipp, String name, String birthDate) {
    boolean hasIpp = ipp != null && !ipp.isBlank();
    boolean hasName = name != null && !name.isBlank();
    boolean hasBirthDate = birthDate != null && !birthDate.isBlank();
    if (!hasIpp && !(hasName && hasBirthDate)) {
      throw new InvalidFieldException(
          "ipp", "indiquez l'IPP, ou le nom et la date de naissance du patient");
    }
    LocalDate born = hasBirthDate ? PatientQuery.date("birthDate", birthDate) : null;
    List<PatientRegistry.IntakeWarning> warnings = registry.intakeWarnings(ipp, name, born, null);
    // The warnings name other referrals and their IPPs: a read of their identity, recorded.
    reads.checkAll(
        warnings.stream()
            .flatMap(warning -> warning.referrals().stream())
            .map(PatientRegistry.KnownReferral::referralId)
            .distinct()
            .toList(),
        PatientReads.Door.API,
        PatientReads.Read.IDENTITY);
    return new Warnings(warnings);
  }

  /**
   * What to tell the user, in French, or null. Referrals left out by need-to-know are neither counted
   * nor announced, not even as "more than 50".
   */
  private static String message(
      String query, boolean none, boolean truncated, boolean someLeftOut) {
    String narrower = "(nom et date de naissance, IPP ou numéro de dossier).";
    if (truncated && someLeftOut) {
      return "Recherche trop large : précisez-la " + narrower;
    }
    if (none) {
      return "Aucune demande ne correspond à « " + query + " ».";
    }
    if (truncated) {
      return "Plus de "
          + LIMIT
          + " demandes correspondent : seules les "
          + LIMIT
          + " plus récentes sont affichées. Précisez la recherche "
          + narrower;
    }
    return null;
  }

  private Map<String, String> labels(List<Found> results) {
    Map<String, String> labels = new TreeMap<>();
    results.stream()
        .flatMap(
            found ->
                Stream.of(
                    "sex." + found.patient().sex(),
                    "site." + found.site(),
                    "urgency." + found.urgency(),
                    "stage." + found.stage()))
        .filter(key -> !key.endsWith(".null"))
        .distinct()
        .forEach(
            key -> {
              String label = messages.getMessage(key, null, null, Locale.FRENCH);
              if (label != null) {
                labels.put(key, label);
              }
            });
    return labels;
  }
}

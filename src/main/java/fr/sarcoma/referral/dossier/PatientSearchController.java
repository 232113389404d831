package fr.sarcoma.referral.dossier;

import fr.sarcoma.referral.platform.PatientReads;
import fr.sarcoma.referral.referral.ReferralRequest;
import jakarta.validation.constraints.Size;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Finding a patient (the clinical groups and coordinators; never managers): {@code GET /api/patients?q=},
 * and the intake's check for a patient already known, {@code GET /api/patients/possible-duplicates}
 * (coordinators, from the Tasklist start form before it is sent).
 */
@RestController
class PatientSearchController {

  private final PatientSearch patients;

  PatientSearchController(PatientSearch patients) {
    this.patients = patients;
  }

  /** {@code q}: a name or part of it, an IPP, a birth date (jj/mm/aaaa) or a referral number. */
  @GetMapping("/api/patients")
  PatientSearch.Result search(@RequestParam(required = false) String q) {
    return patients.search(q, PatientReads.Door.API);
  }

  /**
   * The warnings registering a referral for this patient would give. The name is {@code name} ("Nom et
   * prénom", in any order) or {@code lastName} and {@code firstName}; {@code birthDate}: jj/mm/aaaa or
   * aaaa-mm-jj.
   */
  @GetMapping("/api/patients/possible-duplicates")
  PatientSearch.Warnings possibleDuplicates(
      @RequestParam(required = false) @Size(max = 64) String ipp,
      @RequestParam(required = false) @Size(max = ReferralRequest.MAX_NAME) String name,
      @RequestParam(required = false) @Size(max = ReferralRequest.MAX_NAME) String lastName,
      @RequestParam(required = false) @Size(max = ReferralRequest.MAX_NAME) String firstName,
      @RequestParam(required = false) @Size(max = 10) String birthDate) {
    String fullName =
        Stream.of(name, lastName, firstName)
            .filter(part -> part != null && !part.isBlank())
            .collect(Collectors.joining(" "));
    return patients.possibleDuplicates(ipp, fullName, birthDate);
  }
}

package fr.sarcoma.referral.dossier;

import fr.sarcoma.referral.platform.PatientReads;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** The patient's file for the Tasklist plugins (session cookie) and API clients (HTTP Basic). */
@RestController
class PatientFileController {

  private final PatientFiles files;
  private final PatientReads reads;

  PatientFileController(PatientFiles files, PatientReads reads) {
    this.files = files;
    this.reads = reads;
  }

  /** Need-to-know first; with the webapp session, the read is recorded as the Tasklist plugins'. */
  @GetMapping("/api/referrals/{id}/file")
  PatientFile file(@PathVariable UUID id) {
    reads.check(id, PatientReads.Door.API, PatientReads.Read.FILE);
    return files
        .of(id)
        .orElseThrow(
            () -> new ResponseStatusException(HttpStatus.NOT_FOUND, "Aucun dossier " + id));
  }
}

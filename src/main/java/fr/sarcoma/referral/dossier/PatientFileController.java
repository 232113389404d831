package fr.sarcoma.referral.dossier;

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

  PatientFileController(PatientFiles files) {
    this.files = files;
  }

  @GetMapping("/api/referrals/{id}/file")
  PatientFile file(@PathVariable UUID id) {
    return files
        .of(id)
        .orElseThrow(
            () -> new ResponseStatusException(HttpStatus.NOT_FOUND, "Aucun dossier " + id));
  }
}

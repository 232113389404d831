package fr.sarcoma.referral.referral;

import fr.sarcoma.referral.platform.PatientReads;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

@RestController
@RequestMapping("/api/referrals")
class ReferralController {

  /**
   * {@code warnings}: the patient looks known already (the same IPP, or the same name and birth date under
   * another IPP), in French with the referrals concerned; empty for a new patient. A warning, not a refusal:
   * the referral is registered.
   */
  record Created(UUID id, String businessKey, List<PatientRegistry.IntakeWarning> warnings) {}

  private final ReferralService referrals;
  private final ReferralQueries queries;
  private final PatientRegistry patients;
  private final PatientReads reads;

  ReferralController(
      ReferralService referrals,
      ReferralQueries queries,
      PatientRegistry patients,
      PatientReads reads) {
    this.referrals = referrals;
    this.queries = queries;
    this.patients = patients;
    this.reads = reads;
  }

  /**
   * 201 with the new referral and the intake's warnings; the same clientRequestId again → 200 with the
   * referral already registered (and the same kind of warnings, about the other referrals).
   */
  @PostMapping
  ResponseEntity<Created> register(@Valid @RequestBody ReferralRequest request) {
    ReferralService.Registered registered;
    try {
      registered = referrals.register(request);
    } catch (DuplicateKeyException concurrentRequest) {
      // Another request committed first, while this one was writing: the same clientRequestId
      // (answer with
      // its referral), or the same new patient (register again, in a new transaction: the patient
      // is there now).
      registered =
          referrals
              .findByClientRequestId(request.clientRequestId())
              .orElseGet(() -> referrals.register(request));
    }
    Created body =
        new Created(
            registered.id(),
            registered.businessKey(),
            patients.intakeWarnings(
                request.patientIdentifier(),
                request.patientDisplayName(),
                request.birthDate(),
                registered.id()));
    return registered.created()
        ? ResponseEntity.created(URI.create("/api/referrals/" + registered.id())).body(body)
        : ResponseEntity.ok(body);
  }

  /** Need-to-know first (docs/security.md): the view names the patient. */
  @GetMapping("/{id}")
  ReferralView view(@PathVariable UUID id) {
    reads.check(id, PatientReads.Door.API, PatientReads.Read.IDENTITY);
    return queries
        .view(id)
        .orElseThrow(
            () -> new ResponseStatusException(HttpStatus.NOT_FOUND, "Aucun dossier " + id));
  }
}

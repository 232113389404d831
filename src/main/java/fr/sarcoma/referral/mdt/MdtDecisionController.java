package fr.sarcoma.referral.mdt;

import fr.sarcoma.referral.platform.PatientReads;
import fr.sarcoma.referral.referral.ReferralService;
import jakarta.validation.Valid;
import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * M4: the MDT's decisions of a referral, every version of them, and their corrections. A correction is a new
 * version; nothing is changed or deleted, and the running process is not moved (docs/pathway-contract.md).
 */
@RestController
class MdtDecisionController {

  private final MdtService mdt;
  private final ReferralService referrals;
  private final PatientReads reads;

  MdtDecisionController(MdtService mdt, ReferralService referrals, PatientReads reads) {
    this.mdt = mdt;
    this.referrals = referrals;
    this.reads = reads;
  }

  /**
   * MDT chairs: 201 with the new version; superseded version → 409; no quorum (M2) among the participants, or an
   * incomplete fiche RCP → 400 naming the field (the platform's rule handler); unknown → 404.
   */
  @PostMapping("/api/mdt/decisions/{id}/corrections")
  ResponseEntity<MdtDecisionView> correct(
      @PathVariable UUID id,
      @Valid @RequestBody MdtDecisionCorrection correction,
      Principal caller) {
    MdtDecision corrected =
        mdt.correctDecision(
            id, correction.toInput(), correction.correctionReason(), caller.getName());
    return ResponseEntity.created(URI.create("/api/mdt/decisions/" + corrected.id()))
        .body(MdtDecisionView.of(corrected, null));
  }

  @GetMapping("/api/mdt/decisions/{id}")
  MdtDecisionView decision(@PathVariable UUID id) {
    MdtDecision decision = mdt.decision(id).orElseThrow(() -> new MdtDecisionNotFoundException(id));
    reads.check(decision.referralId(), PatientReads.Door.API, PatientReads.Read.FILE);
    return MdtDecisionView.of(decision, mdt.supersederOf(id).orElse(null));
  }

  /** Every version, newest decision (MDT round) first and newest version first within it: the first one counts. */
  @GetMapping("/api/referrals/{referralId}/mdt-decisions")
  List<MdtDecisionView> history(@PathVariable UUID referralId) {
    if (referrals.summary(referralId).isEmpty()) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, "Aucun dossier " + referralId);
    }
    reads.check(referralId, PatientReads.Door.API, PatientReads.Read.FILE);
    List<MdtDecision> versions = mdt.decisionHistory(referralId);
    Map<UUID, UUID> supersededBy =
        versions.stream()
            .filter(MdtDecision::isCorrection)
            .collect(Collectors.toMap(MdtDecision::supersedesId, MdtDecision::id));
    return versions.stream()
        .map(version -> MdtDecisionView.of(version, supersededBy.get(version.id())))
        .toList();
  }

  @ExceptionHandler(MdtDecisionSupersededException.class)
  ProblemDetail superseded(MdtDecisionSupersededException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    if (e.supersededBy() != null) {
      problem.setProperty("supersededBy", e.supersededBy());
    }
    return problem;
  }

  @ExceptionHandler(MdtDecisionNotFoundException.class)
  ProblemDetail notFound(MdtDecisionNotFoundException e) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
  }
}

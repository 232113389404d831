package fr.sarcoma.referral.letter;

import fr.sarcoma.referral.letter.LetterService.LetterPdf;
import fr.sarcoma.referral.letter.LetterService.LetterSummary;
import fr.sarcoma.referral.platform.PatientReads;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The letters of a referral and their PDFs, for the clinical groups with need-to-know on the referral
 * (see SecurityConfiguration and docs/security.md). Unknown referral or letter → 404.
 */
@RestController
class LetterController {

  private final LetterService letters;
  private final PatientReads reads;

  LetterController(LetterService letters, PatientReads reads) {
    this.letters = letters;
    this.reads = reads;
  }

  @GetMapping("/api/referrals/{referralId}/letters")
  List<LetterSummary> ofReferral(@PathVariable UUID referralId) {
    if (!letters.referralExists(referralId)) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, "Aucun dossier " + referralId);
    }
    reads.check(referralId, PatientReads.Door.LETTER, PatientReads.Read.FILE);
    return letters.ofReferral(referralId);
  }

  /**
   * The PDF named after the referral, as an attachment, or shown in the browser with {@code
   * ?inline=true} (Tasklist's "Dossier" tab); any id that is not a letter with a PDF → 404.
   */
  @GetMapping("/api/letters/{letterId}.pdf")
  ResponseEntity<byte[]> pdf(
      @PathVariable String letterId,
      @RequestParam(name = "inline", defaultValue = "false") boolean inline) {
    LetterPdf pdf =
        parse(letterId)
            .flatMap(letters::pdf)
            .orElseThrow(
                () ->
                    new ResponseStatusException(
                        HttpStatus.NOT_FOUND, "Aucun courrier PDF avec cet identifiant"));
    reads.check(pdf.referralId(), PatientReads.Door.LETTER, PatientReads.Read.LETTER);
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_PDF)
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            (inline ? ContentDisposition.inline() : ContentDisposition.attachment())
                .filename(pdf.fileName())
                .build()
                .toString())
        .body(pdf.content());
  }

  private static Optional<UUID> parse(String id) {
    try {
      return Optional.of(UUID.fromString(id));
    } catch (IllegalArgumentException notAnId) {
      return Optional.empty();
    }
  }
}

package fr.sarcoma.referral.letter;

import org.springframework.stereotype.Component;

/**
 * The letters as the referring physician reads them: French, A4, on the network's letterhead, PDF/A-1b. A letter
 * is its template under {@code templates/letters/} (the wording) rendered to PDF by {@link PdfAWriter}.
 */
@Component
class LetterPdfRenderer {

  private final LetterTemplates templates;
  private final PdfAWriter writer;

  LetterPdfRenderer(LetterTemplates templates, PdfAWriter writer) {
    this.templates = templates;
    this.writer = writer;
  }

  byte[] pdf(LetterContent letter) {
    return writer.write(templates.html(letter));
  }
}

package fr.sarcoma.referral.letter;

import java.util.Locale;
import java.util.Map;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * Renders a letter's templates, always in French: its HTML (for the PDF) and its plain text (the stored
 * {@code body}), from {@code templates/letters/} and {@code templates/letters/text/} (see
 * {@link LetterTextTemplateResolver}).
 */
@Component
class LetterTemplates {

  private final ITemplateEngine engine;
  private final Letterhead letterhead;

  @Autowired
  LetterTemplates(ITemplateEngine engine, Letterhead letterhead) {
    this.engine = engine;
    this.letterhead = letterhead;
  }

  LetterTemplates(ITemplateEngine engine) {
    this(engine, Letterhead.standard());
  }

  String html(LetterContent letter) {
    return engine.process("letters/" + letter.template(), context(letter));
  }

  String text(LetterContent letter) {
    return engine.process(
        LetterTextTemplateResolver.PREFIX + letter.template() + LetterTextTemplateResolver.SUFFIX,
        context(letter));
  }

  /**
   * The e-mail that carries a letter: its subject and body ({@code letters/text/mail-*.txt}), with the referral's
   * number only (the patient is in the attached PDF, never in the e-mail's text).
   */
  String mail(String part, String kind, String businessKey) {
    return engine
        .process(
            LetterTextTemplateResolver.PREFIX + "mail-" + part + LetterTextTemplateResolver.SUFFIX,
            new Context(Locale.FRENCH, Map.of("kind", kind, "businessKey", businessKey)))
        .strip();
  }

  private Context context(LetterContent letter) {
    Context context = new Context(Locale.FRENCH, letter.variables());
    context.setVariable("network", letterhead);
    return context;
  }
}

package fr.sarcoma.referral.letter;

import java.nio.charset.StandardCharsets;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/** The letters' templates without the application: Boot's HTML resolver and bundle, as configured in application.yml. */
final class LetterTestTemplates {

  private LetterTestTemplates() {}

  static ResourceBundleMessageSource messages() {
    ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
    messages.setBasename("messages_fr");
    messages.setDefaultEncoding(StandardCharsets.UTF_8.name());
    messages.setFallbackToSystemLocale(false);
    return messages;
  }

  static LetterTemplates templates() {
    return templates(Letterhead.standard());
  }

  static LetterTemplates templates(Letterhead letterhead) {
    ClassLoaderTemplateResolver html = new ClassLoaderTemplateResolver();
    html.setPrefix("templates/");
    html.setSuffix(".html");
    html.setTemplateMode(TemplateMode.HTML);
    html.setCharacterEncoding(StandardCharsets.UTF_8.name());
    html.setOrder(1);
    SpringTemplateEngine engine = new SpringTemplateEngine();
    engine.addTemplateResolver(new LetterTextTemplateResolver());
    engine.addTemplateResolver(html);
    engine.setTemplateEngineMessageSource(messages());
    return new LetterTemplates(engine, letterhead);
  }
}

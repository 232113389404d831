package fr.sarcoma.referral.letter;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * The letters' plain-text templates ({@code templates/letters/text/*.txt}, Thymeleaf's TEXT mode), beside Spring
 * Boot's HTML resolver: Boot adds every template resolver bean to its template engine. It answers only for
 * those names, so every other template goes on to Boot's resolver.
 */
@Component
class LetterTextTemplateResolver extends ClassLoaderTemplateResolver {

  static final String PREFIX = "letters/text/";
  static final String SUFFIX = ".txt";

  LetterTextTemplateResolver() {
    setPrefix("templates/");
    setTemplateMode(TemplateMode.TEXT);
    setCharacterEncoding(StandardCharsets.UTF_8.name());
    setResolvablePatterns(Set.of(PREFIX + "*" + SUFFIX));
    setCheckExistence(true);
    setOrder(0);
  }
}

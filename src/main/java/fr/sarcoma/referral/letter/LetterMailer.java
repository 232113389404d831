package fr.sarcoma.referral.letter;

import fr.sarcoma.referral.letter.LetterDeliveries.Delivery;
import fr.sarcoma.referral.platform.OutgoingMail;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Writes the e-mail that carries one letter to one recipient: the referral's number in the subject, a short
 * French text, the letter's PDF attached. The relay (MSSanté is SMTP with STARTTLS or implicit TLS and a
 * client certificate) is Spring Boot's {@code spring.mail.*}, the certificate its SSL bundle
 * ({@code spring.mail.ssl.bundle}), which serves both: see README, "Letters".
 */
@Component
class LetterMailer {

  private final LetterTemplates templates;
  private final String from;

  LetterMailer(LetterTemplates templates, @Value("${sarcoma.letters.delivery.from:}") String from) {
    this.templates = templates;
    this.from = from;
  }

  /**
   * The delivery's own Message-ID, the same at every attempt: should a node die after the relay accepted the
   * e-mail but before it recorded the send, the one sent again is the same message, which mailboxes deduplicate.
   */
  static String messageId(Delivery delivery) {
    return "<letter-delivery-" + delivery.id() + "@rcp-sarcomes>";
  }

  MimeMessage message(JavaMailSender relay, Delivery delivery) {
    try {
      MimeMessage message = OutgoingMail.withMessageId(relay, messageId(delivery));
      MimeMessageHelper mail = new MimeMessageHelper(message, true, StandardCharsets.UTF_8.name());
      if (!from.isBlank()) {
        mail.setFrom(from);
      }
      mail.setTo(delivery.email());
      mail.setSubject(templates.mail("subject", delivery.kind(), delivery.businessKey()));
      mail.setText(templates.mail("body", delivery.kind(), delivery.businessKey()));
      mail.addAttachment(
          LetterService.fileName(delivery.kind(), delivery.businessKey()),
          new ByteArrayResource(delivery.pdf()),
          "application/pdf");
      return message;
    } catch (MessagingException e) {
      throw new IllegalStateException("Letter delivery " + delivery.id() + " not writable", e);
    }
  }
}

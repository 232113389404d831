package fr.sarcoma.referral.platform;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * What every outbox that sends through the network's SMTP relay (Spring Boot's {@code spring.mail.*}, one
 * {@link JavaMailSender} for the whole application: letters, notifications) needs alike: a message that keeps its
 * own Message-ID at every attempt, and the relay's answer to a failed send, read once.
 */
public final class OutgoingMail {

  private OutgoingMail() {}

  /**
   * A new message whose Message-ID is {@code messageId} (e.g. {@code <letter-delivery-<id>@rcp-sarcomes>}), the
   * same at every attempt: should a node die after the relay accepted the e-mail but before it recorded the send,
   * the one sent again is the same message, which mailboxes deduplicate.
   */
  public static MimeMessage withMessageId(JavaMailSender relay, String messageId) {
    if (!(relay instanceof JavaMailSenderImpl impl)) {
      return relay.createMimeMessage();
    }
    return new MimeMessage(impl.getSession()) {
      @Override
      protected void updateMessageID() throws MessagingException {
        setHeader("Message-ID", messageId);
      }
    };
  }

  /**
   * The relay's answer to a send that failed: its SMTP reply code when it answered one ({@code null} when it could
   * not be reached), and the reason, the relay's text or the deepest cause (connection refused, TLS handshake...).
   */
  public record Failure(Integer code, String reason) {

    public static Failure of(Throwable failure) {
      MessagingException answer = smtpAnswer(failure);
      return new Failure(
          answer == null ? null : returnCode(answer), reasonOf(answer == null ? failure : answer));
    }

    /** A permanent refusal (5xx: an unknown address, a message refused): trying again changes nothing. */
    public boolean permanent() {
      return code != null && code >= 500;
    }
  }

  /** The relay's SMTP answer to the send, if it answered one (none when it could not be reached). */
  static MessagingException smtpAnswer(Throwable failure) {
    Deque<Throwable> todo = new ArrayDeque<>();
    Set<Throwable> seen = new HashSet<>();
    todo.add(failure);
    while (!todo.isEmpty()) {
      Throwable current = todo.poll();
      if (!seen.add(current)) {
        continue;
      }
      if (current instanceof SMTPAddressFailedException
          || current instanceof SMTPSendFailedException) {
        return (MessagingException) current;
      }
      if (current instanceof MailSendException mail) {
        mail.getFailedMessages().values().forEach(todo::add);
      }
      if (current instanceof MessagingException messaging && messaging.getNextException() != null) {
        todo.add(messaging.getNextException());
      }
      if (current.getCause() != null) {
        todo.add(current.getCause());
      }
    }
    return null;
  }

  private static int returnCode(MessagingException answer) {
    return answer instanceof SMTPAddressFailedException address
        ? address.getReturnCode()
        : ((SMTPSendFailedException) answer).getReturnCode();
  }

  /** The relay's answer, or the deepest cause (the connection refused, the TLS handshake failed...). */
  private static String reasonOf(Throwable failure) {
    Throwable root = failure;
    if (root instanceof MailSendException mail && !mail.getFailedMessages().isEmpty()) {
      root = mail.getFailedMessages().values().iterator().next();
    }
    while (!(root instanceof SMTPAddressFailedException)
        && !(root instanceof SMTPSendFailedException)
        && root.getCause() != null
        && root.getCause() != root) {
      root = root.getCause();
    }
    String text = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return text.strip();
  }
}

package fr.sarcoma.referral.letter;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * A minimal SMTP relay that behaves, for TLS, like an MSSanté operator's: it speaks only over TLS and requires
 * the client's certificate ({@code setNeedClientAuth(true)}), trusting the test CA only; its own certificate
 * names {@code 127.0.0.1}, so the application checks it as it checks a real relay's. The key material is
 * {@code src/test/resources/mssante} (its README says how it was made). Either implicit TLS (SMTPS) or a plain
 * port that must be upgraded with STARTTLS before {@code MAIL}. Just enough SMTP for Angus Mail (EHLO/HELO,
 * STARTTLS, MAIL, RCPT, DATA, RSET, NOOP, QUIT); one connection at a time. It records each message with the TLS
 * session it came over, and each handshake it refused. Read them after {@link #close()}, which waits for the
 * conversation under way to end.
 */
final class MutualTlsRelay implements AutoCloseable {

  enum Tls {
    /** TLS from the first byte (SMTPS, port 465). */
    IMPLICIT,
    /** A plain port, upgraded by STARTTLS; MAIL before it is refused (530). */
    STARTTLS
  }

  /** A message as the relay received it, and the TLS session it came over. */
  record Received(
      String mailFrom,
      List<String> recipients,
      byte[] data,
      String tlsProtocol,
      String clientSubject,
      boolean upgradedByStartTls) {}

  private static final String PASSWORD = "changeit";

  private final Tls tls;
  private final SSLContext context;
  private final ServerSocket server;
  private final Thread thread;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final List<String> refusedHandshakes = new CopyOnWriteArrayList<>();

  MutualTlsRelay(int port, Tls tls) throws IOException {
    this.tls = tls;
    this.context = serverContext();
    InetAddress loopback = InetAddress.getByName("127.0.0.1");
    if (tls == Tls.IMPLICIT) {
      SSLServerSocket secure =
          (SSLServerSocket) context.getServerSocketFactory().createServerSocket(port, 50, loopback);
      secure.setNeedClientAuth(true);
      this.server = secure;
    } else {
      this.server = new ServerSocket(port, 50, loopback);
    }
    this.thread = new Thread(this::serve, "mutual-tls-relay");
    thread.setDaemon(true);
    thread.start();
  }

  /** The messages accepted, in order. */
  List<Received> received() {
    return List.copyOf(received);
  }

  /** Why each refused handshake failed, as the relay saw it. */
  List<String> refusedHandshakes() {
    return List.copyOf(refusedHandshakes);
  }

  @Override
  public void close() throws IOException {
    server.close();
    try {
      // The conversation under way ends (QUIT, or the socket's read timeout): its records are
      // complete.
      thread.join(30_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The relay's key and certificate, and the test CA as the only CA it trusts for client certificates. */
  private static SSLContext serverContext() {
    try {
      KeyManagerFactory keys =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(store("mssante/relay.p12"), PASSWORD.toCharArray());
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(store("mssante/test-ca.p12"));
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static KeyStore store(String resource) throws GeneralSecurityException {
    try (InputStream in = MutualTlsRelay.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("Missing test key material " + resource);
      }
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, PASSWORD.toCharArray());
      return store;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void serve() {
    while (!server.isClosed()) {
      Socket accepted;
      try {
        accepted = server.accept();
      } catch (IOException closed) {
        return;
      }
      try (Socket connection = accepted) {
        connection.setSoTimeout(15_000);
        converse(connection);
      } catch (IOException gone) {
        // The client went away: nothing to record.
      }
    }
  }

  private void converse(Socket connection) throws IOException {
    Socket socket = connection;
    if (socket instanceof SSLSocket secure && !handshake(secure)) {
      return;
    }
    boolean upgraded = false;
    Conversation talk = new Conversation(socket);
    talk.reply("220 relay.test ESMTP (test)");
    String mailFrom = null;
    List<String> recipients = new ArrayList<>();
    String line;
    while ((line = talk.line()) != null) {
      String command = line.toUpperCase(Locale.ROOT);
      boolean secure = socket instanceof SSLSocket;
      if (command.startsWith("EHLO")) {
        if (secure) {
          talk.reply("250 relay.test");
        } else {
          talk.reply("250-relay.test", "250 STARTTLS");
        }
      } else if (command.startsWith("HELO")) {
        talk.reply("250 relay.test");
      } else if (command.equals("STARTTLS")) {
        if (secure) {
          talk.reply("503 5.5.1 TLS already active");
          continue;
        }
        talk.reply("220 2.0.0 Ready to start TLS");
        SSLSocket upgrade =
            (SSLSocket)
                context
                    .getSocketFactory()
                    .createSocket(
                        socket, socket.getInetAddress().getHostAddress(), socket.getPort(), true);
        upgrade.setUseClientMode(false);
        upgrade.setNeedClientAuth(true);
        if (!handshake(upgrade)) {
          return;
        }
        socket = upgrade;
        upgraded = true;
        talk = new Conversation(socket);
        // RFC 3207: the client starts again from EHLO; nothing said before counts.
        mailFrom = null;
        recipients.clear();
      } else if (command.startsWith("MAIL FROM:")) {
        if (!secure) {
          talk.reply("530 5.7.0 Must issue a STARTTLS command first");
          continue;
        }
        mailFrom = line.substring("MAIL FROM:".length()).trim();
        recipients.clear();
        talk.reply("250 2.1.0 Ok");
      } else if (command.startsWith("RCPT TO:")) {
        if (mailFrom == null) {
          talk.reply("503 5.5.1 MAIL first");
          continue;
        }
        recipients.add(address(line.substring("RCPT TO:".length())));
        talk.reply("250 2.1.5 Ok");
      } else if (command.equals("DATA")) {
        if (recipients.isEmpty()) {
          talk.reply("503 5.5.1 RCPT first");
          continue;
        }
        talk.reply("354 End data with <CR><LF>.<CR><LF>");
        byte[] data = talk.data();
        SSLSession session = ((SSLSocket) socket).getSession();
        received.add(
            new Received(
                mailFrom,
                List.copyOf(recipients),
                data,
                session.getProtocol(),
                session.getPeerPrincipal().getName(),
                upgraded));
        mailFrom = null;
        recipients.clear();
        talk.reply("250 2.0.0 Ok: queued");
      } else if (command.equals("RSET")) {
        mailFrom = null;
        recipients.clear();
        talk.reply("250 2.0.0 Ok");
      } else if (command.equals("NOOP")) {
        talk.reply("250 2.0.0 Ok");
      } else if (command.equals("QUIT")) {
        talk.reply("221 2.0.0 Bye");
        return;
      } else {
        talk.reply("502 5.5.2 Command not recognized");
      }
    }
  }

  /** The TLS handshake, where a client without an accepted certificate is refused. */
  private boolean handshake(SSLSocket socket) {
    try {
      socket.startHandshake();
      // Fails if the client sent no certificate (setNeedClientAuth): never a session without one.
      socket.getSession().getPeerCertificates();
      return true;
    } catch (IOException refused) {
      refusedHandshakes.add(refused.toString());
      return false;
    }
  }

  private static String address(String path) {
    String trimmed = path.trim();
    int end = trimmed.indexOf('>');
    return trimmed.startsWith("<") && end > 0 ? trimmed.substring(1, end) : trimmed;
  }

  /** Lines in and replies out, over one socket (a new one after STARTTLS). */
  private static final class Conversation {

    private final BufferedReader in;
    private final OutputStream out;

    Conversation(Socket socket) throws IOException {
      // ISO-8859-1 maps each byte to one char: the message's bytes come back unchanged.
      this.in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
      this.out = socket.getOutputStream();
    }

    String line() throws IOException {
      return in.readLine();
    }

    void reply(String... lines) throws IOException {
      for (String line : lines) {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
      }
      out.flush();
    }

    /** The message, up to the lone dot, dot-unstuffed, with CRLF line ends. */
    byte[] data() throws IOException {
      StringBuilder message = new StringBuilder();
      String line;
      while ((line = in.readLine()) != null && !line.equals(".")) {
        message.append(line.startsWith(".") ? line.substring(1) : line).append("\r\n");
      }
      return message.toString().getBytes(StandardCharsets.ISO_8859_1);
    }
  }
}

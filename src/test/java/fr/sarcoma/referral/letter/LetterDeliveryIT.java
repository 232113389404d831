package fr.sarcoma.referral.letter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import fr.sarcoma.referral.support.HttpCalls;
import fr.sarcoma.referral.support.PostgresContextInitializer;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Letters that reach the doctor, through a real SMTP server (GreenMail) on PostgreSQL: each letter is sent
 * once to each recipient with its PDF attached, a relay's refusal and a relay down are recorded, and the
 * status shows on the referral's letters. The relay is one port that each test serves its own way (GreenMail,
 * a stub that answers 550, nothing). Its own context: it needs a relay configured ({@code spring.mail.*}).
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "camunda.bpm.job-execution.enabled=false",
      "sarcoma.orders.result-sweep-delay=PT1H",
      "sarcoma.demo.history-months=0",
      "camunda.bpm.process-engine-name=letterDeliveryIT",
      "spring.autoconfigure.exclude=org.camunda.bpm.spring.boot.starter.webapp.CamundaBpmWebappAutoConfiguration",
      "spring.mail.host=127.0.0.1",
      "spring.mail.properties.mail.smtp.connectiontimeout=2000",
      "spring.mail.properties.mail.smtp.timeout=2000",
      "sarcoma.letters.delivery.from=rcp-sarcomes@test.mssante.fr",
      // The tests run the dispatcher themselves.
      "sarcoma.letters.delivery.poll=PT1H",
      // Letters only: the coordinators' notifications have their own test (NotificationIT).
      "sarcoma.notifications.enabled=false",
      "sarcoma.letters.delivery.max-attempts=3",
      "sarcoma.letters.delivery.first-retry=PT1M"
    })
@ActiveProfiles("demo")
@ContextConfiguration(initializers = PostgresContextInitializer.class)
@DirtiesContext
class LetterDeliveryIT {

  private static final int RELAY_PORT = freePort();
  private static final String REFERRER_MAIL = "dr.durand@chu-nancy.mssante.fr";
  private static final String GP_MAIL = "dr.martin@medecin.mssante.fr";

  @DynamicPropertySource
  static void relay(DynamicPropertyRegistry registry) {
    registry.add("spring.mail.port", () -> RELAY_PORT);
  }

  @Autowired LetterService letters;
  @Autowired LetterDispatcher dispatcher;
  @Autowired JdbcTemplate jdbc;
  @Autowired TransactionTemplate transactions;
  @Autowired TaskService tasks;
  @LocalServerPort int port;

  private GreenMail greenMail;

  @AfterEach
  void stopRelay() {
    if (greenMail != null) {
      greenMail.stop();
      greenMail = null;
    }
  }

  @Test
  @DisplayName(
      "A letter goes once to the referring physician and the GP, PDF attached, the referral number in the"
          + " subject and no patient name; SENT on the referral")
  void sentOnceToEachRecipient() throws Exception {
    startGreenMail();
    UUID referral = refer(REFERRER_MAIL, "Dr Martin", GP_MAIL);
    letters.sendPriorProcedureMaterialRequest(referral, "BIOPSY");

    assertThat(dispatcher.deliverDue(Instant.now())).isEqualTo(2);
    assertThat(dispatcher.deliverDue(Instant.now().plus(Duration.ofDays(1)))).isZero();

    MimeMessage[] received = greenMail.getReceivedMessages();
    assertThat(received).hasSize(2);
    assertThat(received)
        .extracting(message -> message.getAllRecipients()[0].toString())
        .containsExactlyInAnyOrder(REFERRER_MAIL, GP_MAIL);
    MimeMessage first = received[0];
    String businessKey = businessKey(referral);
    assertThat(first.getSubject()).contains(businessKey).doesNotContain("Exemple");
    assertThat(first.getFrom()[0].toString()).isEqualTo("rcp-sarcomes@test.mssante.fr");
    Multipart parts = (Multipart) first.getContent();
    assertThat(GreenMailUtil.getBody(parts.getBodyPart(0))).doesNotContain("Exemple");
    assertThat(parts.getBodyPart(1).getFileName()).isEqualTo("courrier-" + businessKey + ".pdf");
    assertThat(parts.getBodyPart(1).getContentType()).startsWith("application/pdf");

    JsonNode deliveries = onlyLetter(referral).path("deliveries");
    assertThat(deliveries).hasSize(2);
    deliveries.forEach(
        delivery -> {
          assertThat(delivery.path("status").asText()).isEqualTo("SENT");
          assertThat(delivery.path("attempts").asInt()).isEqualTo(1);
          assertThat(delivery.path("sentAt").asText()).isNotBlank();
        });
    assertThat(deliveries)
        .extracting(delivery -> delivery.path("recipient").asText())
        .containsExactlyInAnyOrder("Dr Durand (Nancy)", "Dr Martin");
  }

  @Test
  @DisplayName(
      "A restart mid-send: a node that dies before committing leaves the letter PENDING and the next run sends"
          + " it once; a node sending it holds its row, so a second node skips it")
  void sentOnceAcrossARestartAndTwoNodes() throws Exception {
    startGreenMail();
    UUID referral = refer(REFERRER_MAIL, null, null);
    letters.sendPriorProcedureMaterialRequest(referral, "BIOPSY");
    UUID delivery = onlyDelivery(referral);

    // Node A locks the row (it is sending); node B runs meanwhile and sends nothing.
    CountDownLatch locked = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Thread nodeA =
        new Thread(
            () ->
                transactions.executeWithoutResult(
                    status -> {
                      jdbc.queryForList(
                          "select id from letter_delivery where id = ? for update", delivery);
                      locked.countDown();
                      await(release);
                      // The node dies before it records the send: its transaction rolls back.
                      status.setRollbackOnly();
                    }));
    nodeA.start();
    assertThat(locked.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(dispatcher.deliverDue(Instant.now())).isZero();
    assertThat(greenMail.getReceivedMessages()).isEmpty();
    release.countDown();
    nodeA.join(10_000);

    // After the restart: the row is still PENDING, sent once, then never again.
    assertThat(status(delivery)).isEqualTo("PENDING");
    assertThat(dispatcher.deliverDue(Instant.now())).isEqualTo(1);
    assertThat(dispatcher.deliverDue(Instant.now())).isZero();
    assertThat(dispatcher.deliverDue(Instant.now().plus(Duration.ofDays(1)))).isZero();
    assertThat(greenMail.getReceivedMessages()).hasSize(1);
    // Its own Message-ID, the same at every attempt: a resend after a crash past the relay is
    // deduplicated.
    assertThat(greenMail.getReceivedMessages()[0].getMessageID())
        .isEqualTo("<letter-delivery-" + delivery + "@rcp-sarcomes>");
    assertThat(onlyLetter(referral).path("deliveries").get(0).path("status").asText())
        .isEqualTo("SENT");
  }

  @Test
  @DisplayName(
      "A relay that refuses the address (550) → REFUSED at once with the relay's answer, on the referral")
  void refusedByTheRelay() throws Exception {
    UUID referral = refer("inconnu@chu-nancy.mssante.fr", null, null);
    letters.sendPriorProcedureMaterialRequest(referral, "BIOPSY");
    try (RefusingRelay relay = new RefusingRelay(RELAY_PORT)) {
      assertThat(dispatcher.deliverDue(Instant.now())).isZero();
    }
    JsonNode delivery = onlyLetter(referral).path("deliveries").get(0);
    assertThat(delivery.path("status").asText()).isEqualTo("REFUSED");
    assertThat(delivery.path("attempts").asInt()).isEqualTo(1);
    assertThat(delivery.path("lastError").asText()).contains("550");
    assertThat(delivery.has("nextAttemptAt")).isFalse();
    assertThat(coordinatorTasks(referral))
        .extracting(Task::getName)
        .containsExactly(
            "Courrier non remis : refusé par la messagerie sécurisée — " + businessKey(referral));
    assertThat(coordinatorTasks(referral).get(0).getDescription()).contains("550");

    // The "Dossier" tab shows it, in French.
    HttpCalls.Response file = coordinator().get("/api/referrals/" + referral + "/file");
    assertThat(file.status()).isEqualTo(200);
    JsonNode shown = file.json().path("letters").get(0).path("deliveries").get(0);
    assertThat(shown.path("status").asText()).isEqualTo("REFUSED");
    assertThat(shown.path("recipientRole").asText()).isEqualTo("REFERRING_PHYSICIAN");
    assertThat(shown.path("reason").asText()).contains("550");
    assertThat(file.json().path("labels").path("deliveryStatus.REFUSED").asText())
        .isEqualTo("refusé par la messagerie sécurisée");
    // Refused for good: no further attempt, even much later.
    startGreenMail();
    assertThat(dispatcher.deliverDue(Instant.now().plus(Duration.ofDays(1)))).isZero();
    assertThat(greenMail.getReceivedMessages()).isEmpty();
  }

  @Test
  @DisplayName(
      "The relay down, then up: the failed attempt is recorded with its next attempt (backoff), and the retry"
          + " sends it; down for every attempt → FAILED with the reason")
  void relayDownThenUp() throws Exception {
    UUID referral = refer(REFERRER_MAIL, null, null);
    letters.sendPriorProcedureMaterialRequest(referral, "BIOPSY");
    Instant now = Instant.now();

    assertThat(dispatcher.deliverDue(now)).isZero();
    JsonNode down = onlyLetter(referral).path("deliveries").get(0);
    assertThat(down.path("status").asText()).isEqualTo("PENDING");
    assertThat(down.path("attempts").asInt()).isEqualTo(1);
    assertThat(down.path("lastError").asText()).isNotBlank();
    Instant next = Instant.parse(down.path("nextAttemptAt").asText());
    assertThat(next).isBetween(now.plusSeconds(59), now.plusSeconds(61));
    // Not before its time.
    assertThat(dispatcher.deliverDue(now.plusSeconds(30))).isZero();
    assertThat(onlyLetter(referral).path("deliveries").get(0).path("attempts").asInt())
        .isEqualTo(1);

    startGreenMail();
    assertThat(dispatcher.deliverDue(next)).isEqualTo(1);
    assertThat(greenMail.getReceivedMessages()).hasSize(1);
    JsonNode up = onlyLetter(referral).path("deliveries").get(0);
    assertThat(up.path("status").asText()).isEqualTo("SENT");
    assertThat(up.path("attempts").asInt()).isEqualTo(2);
    greenMail.stop();
    greenMail = null;

    // Down at every attempt: 1, then 2 minutes later, then FAILED at the third (max-attempts=3).
    UUID unlucky = refer(REFERRER_MAIL, null, null);
    letters.sendPriorProcedureMaterialRequest(unlucky, "BIOPSY");
    Instant start = Instant.now();
    dispatcher.deliverDue(start);
    dispatcher.deliverDue(start.plus(Duration.ofMinutes(1)));
    JsonNode second = onlyLetter(unlucky).path("deliveries").get(0);
    assertThat(Instant.parse(second.path("nextAttemptAt").asText()))
        .isBetween(start.plusSeconds(179), start.plusSeconds(181));
    dispatcher.deliverDue(start.plus(Duration.ofMinutes(3)));
    JsonNode failed = onlyLetter(unlucky).path("deliveries").get(0);
    assertThat(failed.path("status").asText()).isEqualTo("FAILED");
    assertThat(failed.path("attempts").asInt()).isEqualTo(3);
    assertThat(failed.path("lastError").asText()).isNotBlank();
    assertThat(coordinatorTasks(unlucky))
        .extracting(Task::getName)
        .containsExactly(
            "Courrier non remis : messagerie sécurisée injoignable — " + businessKey(unlucky));
    assertThat(coordinatorTasks(referral)).isEmpty();
  }

  @Test
  @DisplayName(
      "A recipient without a secure e-mail gets the letter on paper (TO_PRINT), HANDLED once its task is"
          + " completed; a bad e-mail at intake is a French 400")
  void noSecureMailMeansPaper() {
    UUID referral = refer(null, "Dr Martin", null);
    letters.sendPriorProcedureMaterialRequest(referral, "BIOPSY");
    JsonNode deliveries = onlyLetter(referral).path("deliveries");
    assertThat(deliveries).hasSize(2);
    deliveries.forEach(
        delivery -> assertThat(delivery.path("status").asText()).isEqualTo("TO_PRINT"));
    assertThat(coordinatorTasks(referral))
        .extracting(Task::getName)
        .containsExactly(
            "Courrier à imprimer et envoyer — " + businessKey(referral),
            "Courrier à imprimer et envoyer — " + businessKey(referral));
    assertThat(coordinatorTasks(referral))
        .extracting(Task::getDescription)
        .allSatisfy(description -> assertThat(description).doesNotContain("Exemple"))
        .anySatisfy(
            description -> assertThat(description).contains("Dr Martin (médecin traitant)"));

    // The coordinator prints and posts the GP's copy, and completes its task (engine REST, as
    // Tasklist does):
    // that copy reads HANDLED, by her, in the completion's transaction; the other still waits.
    Task gpCopy =
        coordinatorTasks(referral).stream()
            .filter(task -> task.getDescription().contains("Dr Martin (médecin traitant)"))
            .findFirst()
            .orElseThrow();
    HttpCalls.Response claimed =
        coordinator()
            .postJson(
                "/engine-rest/engine/letterDeliveryIT/task/" + gpCopy.getId() + "/claim",
                "{\"userId\": \"coordinator\"}");
    assertThat(claimed.status()).as(claimed.body()).isEqualTo(204);
    assertThat(
            coordinator()
                .postJson(
                    "/engine-rest/engine/letterDeliveryIT/task/" + gpCopy.getId() + "/complete",
                    "{}")
                .status())
        .isEqualTo(204);
    JsonNode afterPosting = onlyLetter(referral).path("deliveries");
    assertThat(afterPosting)
        .anySatisfy(
            delivery -> {
              assertThat(delivery.path("recipientRole").asText()).isEqualTo("GENERAL_PRACTITIONER");
              assertThat(delivery.path("status").asText()).isEqualTo("HANDLED");
              assertThat(delivery.path("handledBy").asText()).isEqualTo("coordinator");
              assertThat(delivery.path("sentAt").asText()).isNotBlank();
            })
        .anySatisfy(
            delivery -> {
              assertThat(delivery.path("recipientRole").asText()).isEqualTo("REFERRING_PHYSICIAN");
              assertThat(delivery.path("status").asText()).isEqualTo("TO_PRINT");
            });
    assertThat(coordinatorTasks(referral)).hasSize(1);

    HttpCalls.Response bad =
        coordinator().postJson("/api/referrals", referralJson("pas-une-adresse", null, null));
    assertThat(bad.status()).isEqualTo(400);
    JsonNode error = bad.json().path("errors").get(0);
    assertThat(error.path("field").asText()).isEqualTo("referringPhysicianEmail");
    assertThat(error.path("reason").asText()).contains("adresse électronique");
  }

  // --- helpers

  private void startGreenMail() {
    greenMail = new GreenMail(new ServerSetup(RELAY_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    greenMail.start();
  }

  private UUID refer(String referrerMail, String gp, String gpMail) {
    HttpCalls.Response created =
        coordinator().postJson("/api/referrals", referralJson(referrerMail, gp, gpMail));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return UUID.fromString(created.json().path("id").asText());
  }

  private static String referralJson(String referrerMail, String gp, String gpMail) {
    return """
        {"patientIdentifier": "IPP-%s", "patientDisplayName": "Marie Exemple",
         "birthDate": "1964-05-12", "sex": "FEMALE", "referringPhysician": "Dr Durand (Nancy)",
         "referringPhysicianAddress": "CHU de Nancy, 29 avenue du Maréchal de Lattre de Tassigny, 54000 Nancy",
         "referringPhysicianEmail": %s, "generalPractitioner": %s,
         "generalPractitionerAddress": %s, "generalPractitionerEmail": %s,
         "presentation": "SWELLING_OR_PAIN", "site": "SOFT_TISSUE", "anatomicalLocation": "cuisse gauche",
         "largestDimensionCm": 6.0, "depth": "DEEP", "priorProcedure": "NONE"}
        """
        .formatted(
            UUID.randomUUID().toString().substring(0, 8),
            quoted(referrerMail),
            quoted(gp),
            gp == null ? "null" : "\"2 rue de la Gare, 54000 Nancy\"",
            quoted(gpMail));
  }

  private static String quoted(String value) {
    return value == null ? "null" : "\"" + value + "\"";
  }

  private JsonNode onlyLetter(UUID referral) {
    HttpCalls.Response listed = coordinator().get("/api/referrals/" + referral + "/letters");
    assertThat(listed.status()).isEqualTo(200);
    JsonNode material = null;
    for (JsonNode letter : listed.json()) {
      if (LetterService.MATERIAL_REQUEST.equals(letter.path("kind").asText())) {
        material = letter;
      }
    }
    assertThat(material).as(listed.body()).isNotNull();
    return material;
  }

  private UUID onlyDelivery(UUID referral) {
    return jdbc.queryForObject(
        """
        select d.id from letter_delivery d join letter l on l.id = d.letter_id
        where l.referral_id = ? and l.kind = ?
        """,
        UUID.class,
        referral,
        LetterService.MATERIAL_REQUEST);
  }

  /** The coordinators' letter tasks of this referral (their titles carry its number). */
  private List<Task> coordinatorTasks(UUID referral) {
    return tasks
        .createTaskQuery()
        .taskCandidateGroup("coordinators")
        .taskNameLike("Courrier%" + businessKey(referral))
        .list();
  }

  private String status(UUID delivery) {
    return jdbc.queryForObject(
        "select status from letter_delivery where id = ?", String.class, delivery);
  }

  private String businessKey(UUID referral) {
    return jdbc.queryForObject(
        "select business_key from referral where id = ?", String.class, referral);
  }

  private HttpCalls coordinator() {
    return HttpCalls.to(port).as("coordinator", "demo");
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An SMTP relay that knows no one: every recipient is answered 550 (a permanent refusal). */
  private static final class RefusingRelay implements AutoCloseable {

    private final ServerSocket server;
    private final Thread thread;

    RefusingRelay(int port) throws IOException {
      server = new ServerSocket(port);
      thread = new Thread(this::serve);
      thread.setDaemon(true);
      thread.start();
    }

    private void serve() {
      while (!server.isClosed()) {
        try (Socket client = server.accept();
            BufferedReader in =
                new BufferedReader(
                    new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
            PrintWriter out =
                new PrintWriter(
                    new OutputStreamWriter(client.getOutputStream(), StandardCharsets.US_ASCII),
                    true)) {
          reply(out, "220 refusing.test ESMTP");
          String line;
          while ((line = in.readLine()) != null) {
            String command = line.toUpperCase();
            if (command.startsWith("EHLO") || command.startsWith("HELO")) {
              reply(out, "250 refusing.test");
            } else if (command.startsWith("MAIL FROM")) {
              reply(out, "250 2.1.0 Ok");
            } else if (command.startsWith("RCPT TO")) {
              reply(out, "550 5.1.1 Destinataire inconnu de l'annuaire MSSante");
            } else if (command.startsWith("QUIT")) {
              reply(out, "221 2.0.0 Bye");
              break;
            } else {
              reply(out, "503 5.5.1 Bad sequence");
            }
          }
        } catch (IOException closed) {
          return;
        }
      }
    }

    private static void reply(PrintWriter out, String line) {
      out.print(line + "\r\n");
      out.flush();
    }

    @Override
    public void close() throws IOException {
      server.close();
    }
  }
}

package fr.sarcoma.referral.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import fr.sarcoma.referral.letter.DeliveryStatus;
import fr.sarcoma.referral.letter.LetterDispatcher;
import fr.sarcoma.referral.letter.LetterNotDelivered;
import fr.sarcoma.referral.letter.LetterService;
import fr.sarcoma.referral.mdt.MdtSession;
import fr.sarcoma.referral.mdt.MdtSessions;
import fr.sarcoma.referral.referral.ReferralRequest;
import fr.sarcoma.referral.referral.ReferralRequest.Depth;
import fr.sarcoma.referral.referral.ReferralRequest.Presentation;
import fr.sarcoma.referral.referral.ReferralRequest.PriorProcedure;
import fr.sarcoma.referral.referral.ReferralService;
import fr.sarcoma.referral.referral.Site;
import fr.sarcoma.referral.security.AccountLocked;
import fr.sarcoma.referral.security.LoginThrottleSettings;
import fr.sarcoma.referral.support.HttpCalls;
import fr.sarcoma.referral.support.PathwayDriver;
import fr.sarcoma.referral.support.PathwayDriver.Referral;
import fr.sarcoma.referral.support.PostgresContextInitializer;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The coordinators told by e-mail, through a real SMTP server (GreenMail) on PostgreSQL: a new urgent referral, an
 * exam overdue, a case that missed the MDT's registration cutoff (M1) and a letter not delivered each send one
 * message to each member of the group with an e-mail (a member without one is left out, another group hears
 * nothing), with the referral's number and a link to the task that a coordinator can open, never the patient's
 * name, IPP or birth date; the same trigger again sends nothing more. Its own context: it needs a relay
 * ({@code spring.mail.*}); the tests run the dispatchers themselves.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "camunda.bpm.job-execution.enabled=false",
      "sarcoma.orders.result-sweep-delay=PT1H",
      "sarcoma.demo.history-months=0",
      "camunda.bpm.process-engine-name=notificationIT",
      "spring.autoconfigure.exclude=org.camunda.bpm.spring.boot.starter.webapp.CamundaBpmWebappAutoConfiguration",
      "spring.mail.host=127.0.0.1",
      "spring.mail.properties.mail.smtp.connectiontimeout=2000",
      "spring.mail.properties.mail.smtp.timeout=2000",
      "sarcoma.notifications.from=rcp-sarcomes@test.example",
      "sarcoma.network.base-url=https://rcp.example.test/",
      "sarcoma.notifications.poll=PT1H",
      "sarcoma.notifications.max-attempts=3",
      "sarcoma.letters.delivery.poll=PT1H",
      // A letter fails at its first attempt (the relay down): FAILED at once.
      "sarcoma.letters.delivery.max-attempts=1"
    })
@Import(PathwayDriver.class)
@ActiveProfiles("demo")
@ContextConfiguration(initializers = PostgresContextInitializer.class)
@DirtiesContext
class NotificationIT {

  private static final int RELAY_PORT = freePort();
  private static final String TASKLIST =
      "https://rcp.example.test/camunda/app/tasklist/default/#/?task=";
  private static final Pattern LINK = Pattern.compile(Pattern.quote(TASKLIST) + "(\\S+)");

  /** The demo's coordinator, and a second one added here; a third coordinator has no e-mail. */
  private static final String COORDINATOR_MAIL = "camille.bernard@demo.invalid";

  private static final String SECOND_COORDINATOR = "notificationcoordinator";
  private static final String SECOND_COORDINATOR_MAIL = "second.coordinator@demo.invalid";
  private static final String COORDINATOR_WITHOUT_MAIL = "notificationnomail";

  @DynamicPropertySource
  static void relay(DynamicPropertyRegistry registry) {
    registry.add("spring.mail.port", () -> RELAY_PORT);
  }

  @Autowired PathwayDriver driver;
  @Autowired NotificationDispatcher dispatcher;
  @Autowired LetterDispatcher letterDispatcher;
  @Autowired LetterService letters;
  @Autowired ReferralService referrals;
  @Autowired MdtSessions sessions;
  @Autowired IdentityService identity;
  @Autowired ApplicationEventPublisher events;
  @Autowired TransactionTemplate transactions;
  @Autowired JdbcTemplate jdbc;
  @Autowired LoginThrottleSettings throttle;
  @LocalServerPort int port;

  private GreenMail greenMail;

  @BeforeEach
  void twoMoreCoordinators() {
    addCoordinator(SECOND_COORDINATOR, SECOND_COORDINATOR_MAIL);
    addCoordinator(COORDINATOR_WITHOUT_MAIL, null);
  }

  @AfterEach
  void cleanUp() {
    for (String user : List.of(SECOND_COORDINATOR, COORDINATOR_WITHOUT_MAIL)) {
      identity.deleteMembership(user, "coordinators");
      identity.deleteUser(user);
    }
    if (greenMail != null) {
      greenMail.stop();
      greenMail = null;
    }
  }

  @Test
  @DisplayName(
      "An urgent referral, its overdue exam and its case registered past the nearest session's cutoff (M1): one"
          + " message each to each coordinator with an e-mail, linking the task; a routine referral, none")
  void urgentReferralOverdueExamAndMissedCutoff() throws Exception {
    // The nearest session: its registrations closed an hour ago (M1).
    MdtSession closed =
        sessions.addOneOff(
            Instant.now().plus(Duration.ofHours(2)),
            Duration.ofHours(2),
            Instant.now().minus(Duration.ofHours(1)),
            12,
            "Séance du test des notifications");
    try {
      startGreenMail();
      // Routine (Rule_Triage_SoftTissueSuperficialSmall): its coordinators' task is no news.
      Referral routine =
          driver.refer(
              Site.SOFT_TISSUE,
              Presentation.SWELLING_OR_PAIN,
              3.0,
              Depth.SUPERFICIAL,
              PriorProcedure.NONE);
      assertThat(driver.openTaskKeys(routine)).contains("Task_ScheduleExam");

      // Urgent (Rule_Triage_SoftTissueLarge): its first coordinators' task is "Programmer
      // l'examen".
      Referral urgent =
          driver.refer(
              Site.SOFT_TISSUE,
              Presentation.SWELLING_OR_PAIN,
              9.0,
              Depth.DEEP,
              PriorProcedure.NONE);
      Task booking = driver.task(urgent, "Task_ScheduleExam");
      dispatcher.sendDue(Instant.now());
      assertThat(messagesAbout(routine)).isEmpty();
      List<MimeMessage> news = messagesAbout(urgent);
      assertOneToEachCoordinator(news, booking.getId(), urgent);
      assertThat(news.get(0).getSubject())
          .isEqualTo("RCP sarcomes : nouvelle demande urgente — dossier " + urgent.businessKey());
      assertThat(body(news.get(0)))
          .contains("orientée en urgence")
          .contains("Tâche : " + booking.getName());

      // The report is late (BoundaryEvent_ReportOverdue): the chase task.
      driver.fireTimer(urgent, "BoundaryEvent_ReportOverdue");
      Task chase = driver.task(urgent, "Task_HandleOverdueExam");
      dispatcher.sendDue(Instant.now());
      List<MimeMessage> overdue = newMessagesAbout(urgent, news);
      assertOneToEachCoordinator(overdue, chase.getId(), urgent);
      assertThat(overdue.get(0).getSubject())
          .isEqualTo("RCP sarcomes : examen en retard — dossier " + urgent.businessKey());
      assertThat(body(overdue.get(0))).contains("(Échographie)").contains("à relancer");

      // On to the MDT: more coordinators' tasks (the MRI's, the chest CT's booking) but no second
      // "urgent".
      driver.reportExam(urgent, "ULTRASOUND");
      driver.complete(
          urgent,
          "Task_ClassifyInitialImaging",
          "radiologist",
          PathwayDriver.classification("AGGRESSIVE", false));
      driver.reportExam(urgent, "MRI");
      driver.complete(
          urgent,
          "Task_ReportCharacterisation",
          "radiologist",
          PathwayDriver.characterisation("AGGRESSIVE", true, "LYTIC", "OTHER", false));
      driver.reportExam(urgent, "CHEST_CT");
      Task preparation = driver.task(urgent, "Task_PrepareMdtCase");
      MdtSession registered = sessions.currentSessionOf(urgent.id()).orElseThrow();
      assertThat(registered.startsAt()).isAfter(closed.startsAt());

      dispatcher.sendDue(Instant.now());
      List<MimeMessage> cutoff = newMessagesAbout(urgent, concat(news, overdue));
      assertOneToEachCoordinator(cutoff, preparation.getId(), urgent);
      assertThat(cutoff.get(0).getSubject())
          .isEqualTo(
              "RCP sarcomes : date limite d’inscription dépassée — dossier "
                  + urgent.businessKey());
      assertThat(body(cutoff.get(0)))
          .contains("de la séance du " + NotificationTexts.session(closed.startsAt()))
          .contains(
              "il passera à la séance du " + NotificationTexts.session(registered.startsAt()));
      // Six messages in all: two of each kind, never a second "urgent".
      assertThat(dispatcher.sendDue(Instant.now().plus(Duration.ofDays(1)))).isZero();
      assertThat(messagesAbout(urgent)).hasSize(6);
      assertThat(
              jdbc.queryForList(
                  "select kind || ' ' || status from notification where business_key = ?",
                  String.class,
                  urgent.businessKey()))
          .containsExactlyInAnyOrder(
              "URGENT_REFERRAL SENT",
              "URGENT_REFERRAL SENT",
              "EXAM_OVERDUE SENT",
              "EXAM_OVERDUE SENT",
              "MDT_CUTOFF_MISSED SENT",
              "MDT_CUTOFF_MISSED SENT");
    } finally {
      sessions.cancel(closed.id(), "Fin du test");
    }
  }

  @Test
  @DisplayName(
      "A letter not delivered: one message to each coordinator with an e-mail, linking the \"Courrier non remis\""
          + " task, after the relay came back; the same event again sends nothing more")
  void letterNotDelivered() throws Exception {
    ReferralService.Registered referral =
        referrals.register(
            new ReferralRequest(
                null,
                "IPP-" + UUID.randomUUID().toString().substring(0, 8),
                "Marie Exemple",
                LocalDate.of(1964, 5, 12),
                "FEMALE",
                "Dr Durand (Nancy)",
                "SWELLING_OR_PAIN",
                "SOFT_TISSUE",
                "cuisse gauche",
                BigDecimal.valueOf(6.0),
                "DEEP",
                "NONE",
                null,
                "CHU de Nancy, 54000 Nancy",
                "dr.durand@chu-nancy.mssante.fr",
                null,
                null,
                null));
    Referral it = new Referral(referral.id(), referral.businessKey());
    letters.sendPriorProcedureMaterialRequest(referral.id(), "BIOPSY");

    // The relay is down: the letter fails (max-attempts 1), its task opens, and so does the
    // notification.
    letterDispatcher.deliverDue();
    UUID delivery =
        jdbc.queryForObject(
            """
            select d.id from letter_delivery d join letter l on l.id = d.letter_id
            where l.referral_id = ? and d.status = 'FAILED'
            """,
            UUID.class,
            referral.id());
    String taskId = "letter-delivery-" + delivery;
    // Still down for the notifications' first attempt: tried again a minute later.
    Instant now = Instant.now();
    assertThat(dispatcher.sendDue(now)).isZero();
    assertThat(
            jdbc.queryForList(
                "select status || ' ' || attempts from notification where task_id = ?",
                String.class,
                taskId))
        .containsExactly("PENDING 1", "PENDING 1");

    // The same event again (a duplicate delivery of it): nothing more is written.
    transactions.executeWithoutResult(
        status ->
            events.publishEvent(
                new LetterNotDelivered(
                    delivery,
                    taskId,
                    "Courrier non remis : messagerie sécurisée injoignable — "
                        + referral.businessKey(),
                    referral.businessKey(),
                    LetterService.MATERIAL_REQUEST,
                    LetterService.REFERRING_PHYSICIAN,
                    DeliveryStatus.FAILED)));

    startGreenMail();
    assertThat(dispatcher.sendDue(now.plusSeconds(30))).isZero();
    assertThat(dispatcher.sendDue(now.plus(Duration.ofMinutes(1)))).isEqualTo(2);
    assertThat(dispatcher.sendDue(now.plus(Duration.ofDays(1)))).isZero();

    List<MimeMessage> received = messagesAbout(it);
    assertOneToEachCoordinator(received, taskId, it);
    assertThat(received.get(0).getSubject())
        .isEqualTo("RCP sarcomes : courrier non remis — dossier " + referral.businessKey());
    assertThat(body(received.get(0)))
        .contains("« Demande du matériel du geste antérieur »")
        .contains("destiné au médecin adresseur")
        .contains("non remis (messagerie injoignable)")
        .doesNotContain("Durand")
        .doesNotContain("mssante");
    assertThat(
            jdbc.queryForList(
                "select status || ' ' || attempts from notification where task_id = ?",
                String.class,
                taskId))
        .containsExactly("SENT 2", "SENT 2");
  }

  // --- helpers

  /**
   * One message to each coordinator with an e-mail (none to the one without), from the network, naming the
   * referral and linking the task (which a coordinator opens), without the patient's identity.
   */
  private void assertOneToEachCoordinator(List<MimeMessage> messages, String taskId, Referral about)
      throws Exception {
    assertThat(messages)
        .extracting(message -> recipients(message))
        .containsExactlyInAnyOrder(List.of(COORDINATOR_MAIL), List.of(SECOND_COORDINATOR_MAIL));
    Map<String, Object> patient =
        jdbc.queryForMap(
            """
            select p.identifier, p.display_name, p.birth_date from patient p join referral r on r.patient_id = p.id
            where r.id = ?
            """,
            about.id());
    LocalDate birth = LocalDate.parse(patient.get("birth_date").toString());
    for (MimeMessage message : messages) {
      assertThat(message.getFrom()[0].toString()).isEqualTo("rcp-sarcomes@test.example");
      String subject = message.getSubject();
      String body = body(message);
      assertThat(subject).contains(about.businessKey());
      assertThat(body).contains(about.businessKey());
      Matcher link = LINK.matcher(body);
      assertThat(link.find()).as(body).isTrue();
      assertThat(link.group(1)).isEqualTo(taskId);
      HttpCalls.Response opened =
          HttpCalls.to(port)
              .as("coordinator", "demo")
              .get("/engine-rest/engine/notificationIT/task/" + taskId);
      assertThat(opened.status()).as(opened.body()).isEqualTo(200);
      String name = patient.get("display_name").toString();
      for (String identity :
          List.of(
              patient.get("identifier").toString(),
              name,
              name.substring(name.indexOf(' ') + 1),
              birth.toString(),
              "%02d/%02d/%d"
                  .formatted(birth.getDayOfMonth(), birth.getMonthValue(), birth.getYear()))) {
        assertThat(subject).doesNotContain(identity);
        assertThat(body).doesNotContain(identity);
      }
    }
    assertThat(
            jdbc.queryForObject(
                "select count(*) from notification where recipient = ?",
                Integer.class,
                COORDINATOR_WITHOUT_MAIL))
        .isZero();
  }

  private List<MimeMessage> messagesAbout(Referral referral) {
    return Arrays.stream(greenMail.getReceivedMessages())
        .filter(message -> subjectOf(message).contains(referral.businessKey()))
        .toList();
  }

  private List<MimeMessage> newMessagesAbout(Referral referral, List<MimeMessage> before) {
    return messagesAbout(referral).stream()
        .filter(message -> before.stream().noneMatch(old -> sameId(old, message)))
        .toList();
  }

  private static boolean sameId(MimeMessage one, MimeMessage other) {
    try {
      return one.getMessageID().equals(other.getMessageID());
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  @DisplayName(
      "An account locked after too many wrong passwords in a row (issue 15): one message to each administrator"
          + " with an e-mail, naming the account and the end of the lock, never the password; once per lock")
  void accountLocked() throws Exception {
    String userId = "lockednotification";
    String wrongPassword = "wrong-" + UUID.randomUUID();
    User user = identity.newUser(userId);
    user.setFirstName("Test");
    user.setLastName("Verrou");
    user.setPassword("demo-" + UUID.randomUUID());
    identity.saveUser(user);
    Instant now = Instant.now();
    try {
      startGreenMail();
      for (int wrong = 1; wrong <= throttle.lockAfter(); wrong++) {
        if (wrong > 1) {
          now = now.plus(throttle.refusalAfter(wrong - 1)).plusSeconds(1);
        }
        ClockUtil.setCurrentTime(Date.from(now));
        assertThat(identity.checkPassword(userId, wrongPassword)).isFalse();
      }
      Instant lockedUntil = now.plus(throttle.lockDuration());
      assertThat(dispatcher.sendDue(Instant.now())).isEqualTo(1);

      List<MimeMessage> alerts =
          Arrays.stream(greenMail.getReceivedMessages())
              .filter(message -> subjectOf(message).contains("compte " + userId))
              .toList();
      assertThat(alerts).hasSize(1);
      assertThat(recipients(alerts.get(0))).containsExactly("admin@demo.invalid");
      assertThat(subjectOf(alerts.get(0)))
          .isEqualTo("RCP sarcomes : compte " + userId + " verrouillé temporairement");
      assertThat(body(alerts.get(0)))
          .contains(
              "Le compte "
                  + userId
                  + " a reçu "
                  + throttle.lockAfter()
                  + " mots de passe erronés à la suite")
          .contains("jusqu’au " + NotificationTexts.session(lockedUntil) + " (heure de Paris)")
          .contains("aucun mot de passe")
          .doesNotContain(wrongPassword);

      // The same lock told again: nothing more.
      transactions.executeWithoutResult(
          status ->
              events.publishEvent(new AccountLocked(userId, throttle.lockAfter(), lockedUntil)));
      assertThat(dispatcher.sendDue(Instant.now().plus(Duration.ofDays(1)))).isZero();
    } finally {
      ClockUtil.reset();
      identity.deleteUser(userId);
    }
  }

  private static List<MimeMessage> concat(List<MimeMessage> one, List<MimeMessage> other) {
    return java.util.stream.Stream.concat(one.stream(), other.stream()).toList();
  }

  private static List<String> recipients(MimeMessage message) {
    try {
      return Arrays.stream(message.getRecipients(Message.RecipientType.TO))
          .map(Object::toString)
          .toList();
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String subjectOf(MimeMessage message) {
    try {
      return message.getSubject();
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The plain text, decoded (French accents, sent quoted-printable). */
  private static String body(MimeMessage message) {
    try {
      return message.getContent().toString().replace("\r\n", "\n");
    } catch (IOException | jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private void addCoordinator(String id, String email) {
    if (identity.createUserQuery().userId(id).count() == 0) {
      User user = identity.newUser(id);
      user.setFirstName("Test");
      user.setLastName("Coordination");
      user.setEmail(email);
      user.setPassword("demo-" + UUID.randomUUID());
      identity.saveUser(user);
      identity.createMembership(id, "coordinators");
    }
  }

  private void startGreenMail() {
    greenMail = new GreenMail(new ServerSetup(RELAY_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    greenMail.start();
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

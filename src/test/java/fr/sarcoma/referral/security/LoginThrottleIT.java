package fr.sarcoma.referral.security;

import static org.assertj.core.api.Assertions.assertThat;

import fr.sarcoma.referral.support.HttpCalls;
import fr.sarcoma.referral.support.PostgresIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Wrong passwords slow their author down, then lock the account for a while, never for good (issue 15): through
 * HTTP Basic and the webapps' login alike, since both ask the engine. The engine's clock is held still and moved by
 * hand, so "refused during the lock, accepted after it" depends on no real time.
 */
@PostgresIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class LoginThrottleIT {

  private static final String PASSWORD = "demo";

  @LocalServerPort int port;
  @Autowired IdentityService identityService;
  @Autowired LoginThrottleSettings settings;
  @Autowired JdbcTemplate jdbc;

  private final String userId = "throttled" + UUID.randomUUID().toString().substring(0, 8);
  private final String wrongPassword = "wrong-" + UUID.randomUUID();
  private Instant now = Instant.parse("2026-11-30T08:00:00Z");

  @BeforeEach
  void createUserAndHoldTheClock() {
    User user = identityService.newUser(userId);
    user.setFirstName("Test");
    user.setLastName("Throttle");
    user.setPassword(PASSWORD);
    identityService.saveUser(user);
    ClockUtil.setCurrentTime(Date.from(now));
  }

  @AfterEach
  void releaseTheClockAndDeleteUser() {
    ClockUtil.reset();
    identityService.deleteUser(userId);
  }

  @Test
  void aWrongPasswordRefusesEvenTheRightOneForAShortWhile() {
    assertThat(basic(wrongPassword)).isEqualTo(401);

    assertThat(basic(PASSWORD)).as("right password during the delay").isEqualTo(401);
    assertThat(webappLogin(PASSWORD)).as("the webapps' login, the same delay").isEqualTo(401);

    advance(settings.refusalAfter(1).plusSeconds(1));
    assertThat(basic(PASSWORD)).as("right password after the delay").isEqualTo(200);
  }

  @Test
  void theDelayGrowsWithEachWrongPasswordInARow() {
    assertThat(settings.refusalAfter(2)).isGreaterThan(settings.refusalAfter(1));
    assertThat(basic(wrongPassword)).isEqualTo(401);
    advance(settings.refusalAfter(1).plusSeconds(1));
    assertThat(webappLogin(wrongPassword)).isEqualTo(401);

    advance(settings.refusalAfter(1).plusSeconds(1));
    assertThat(basic(PASSWORD))
        .as("after the first delay, the second (longer) one still runs")
        .isEqualTo(401);

    advance(settings.refusalAfter(2));
    assertThat(basic(PASSWORD)).isEqualTo(200);
  }

  @Test
  void tooManyWrongPasswordsLockTheAccountForAWhileNotForGoodAndTellTheAdministrators(
      CapturedOutput output) {
    int lockAfter = settings.lockAfter();
    for (int wrong = 1; wrong <= lockAfter; wrong++) {
      int status = wrong % 2 == 0 ? webappLogin(wrongPassword) : basic(wrongPassword);
      assertThat(status).as("wrong password %d", wrong).isEqualTo(401);
      if (wrong < lockAfter) {
        advance(settings.refusalAfter(wrong).plusSeconds(1));
      }
    }
    Instant lockedAt = now;

    // Locked: the right password is refused, and guessing on does not make the lock longer.
    assertThat(basic(PASSWORD)).isEqualTo(401);
    advance(settings.lockDuration().minusMinutes(1));
    assertThat(basic(wrongPassword)).isEqualTo(401);
    assertThat(webappLogin(PASSWORD)).as("a minute before the end of the lock").isEqualTo(401);

    // After the lock: the right password works again, at both doors.
    advance(Duration.ofMinutes(1).plusSeconds(1));
    assertThat(basic(PASSWORD)).isEqualTo(200);
    assertThat(webappLogin(PASSWORD)).isEqualTo(200);
    assertThat(identityService.createUserQuery().userId(userId).singleResult()).isNotNull();

    // Told: the audit trail under the account, a WARN line; never the password tried.
    List<Map<String, Object>> audit =
        jdbc.queryForList(
            "select door, reason, detail from audit_event where actor = ? and action = 'LOGIN_LOCKED'",
            userId);
    assertThat(audit).hasSize(1);
    assertThat(audit.get(0).get("door"))
        .as("where the last wrong password was typed")
        .isEqualTo(lockAfter % 2 == 0 ? "webapp" : "api");
    assertThat(audit.get(0).get("reason")).isEqualTo("LOGIN_THROTTLE");
    assertThat((String) audit.get(0).get("detail"))
        .isEqualTo(
            lockAfter
                + " wrong passwords in a row; locked until "
                + lockedAt.plus(settings.lockDuration()));
    assertThat(output.getAll())
        .contains("Account " + userId + " locked until " + lockedAt.plus(settings.lockDuration()))
        .contains("WARN")
        .doesNotContain(wrongPassword);
  }

  @Test
  void aRightPasswordStartsTheCountAgain() {
    for (int wrong = 1; wrong < settings.lockAfter(); wrong++) {
      assertThat(basic(wrongPassword)).isEqualTo(401);
      advance(settings.refusalAfter(wrong).plusSeconds(1));
    }
    assertThat(basic(PASSWORD)).isEqualTo(200);

    assertThat(basic(wrongPassword)).isEqualTo(401);
    advance(settings.refusalAfter(1).plusSeconds(1));
    assertThat(basic(PASSWORD))
        .as("one wrong password after a right one: the first delay, not the lock")
        .isEqualTo(200);
  }

  private void advance(Duration duration) {
    now = now.plus(duration);
    ClockUtil.setCurrentTime(Date.from(now));
  }

  private int basic(String password) {
    return HttpCalls.to(port).as(userId, password).get("/api/me").status();
  }

  /** Camunda's own login form, as the browser sends it (the page's CSRF token first). */
  private int webappLogin(String password) {
    HttpCalls browser = HttpCalls.browser(port);
    HttpCalls.Response page = browser.get("/camunda/app/welcome/default/");
    return browser
        .postForm(
            "/camunda/api/admin/auth/user/default/login/welcome",
            Map.of("username", userId, "password", password),
            Map.of("X-XSRF-TOKEN", page.header("X-XSRF-TOKEN")))
        .status();
  }
}

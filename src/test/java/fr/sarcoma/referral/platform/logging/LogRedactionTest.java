package fr.sarcoma.referral.platform.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import java.sql.BatchUpdateException;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngineException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Log lines never carry a variable's value: what the database drivers and the engine put in their error messages
 * (a statement's parameters, the start of a value too long, an entity's value fields) is hidden, in the message and
 * in every exception of the chain, whatever the logger.
 */
class LogRedactionTest {

  /** A clinical text of a variable, long as a 1 MB value (the start of it is what a leak would show). */
  private static final String VALUE =
      "Patiente suivie pour masse de la cuisse " + "x".repeat(100_000);

  /** PostgreSQL's driver on a failed batch, parameters inlined (logServerErrorDetail on). */
  private static final String PGJDBC_BATCH =
      "Batch entry 0 insert into ACT_HI_VARINST (\n      ID_,\n      NAME_,\n      TEXT_\n    ) values (\n"
          + "      ('cd9168a7-ec0b-11f1-a98e-02fc00000001'),\n      ('big'),\n      ('0'::int4),\n      ('"
          + VALUE
          + "')\n    ) was aborted: ERROR: value too long for type character varying(4000)";

  /** H2 on a value too long: the start of the value. */
  private static final String H2_TOO_LONG =
      "Value too long for column \"TEXT_ CHARACTER VARYING(4000)\": \"'"
          + VALUE.substring(0, 80)
          + "... (100041)\"; SQL statement:\ninsert into t values (?) [22001-232]";

  private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
  private final Logger logger = context.getLogger("fr.sarcoma.test.redaction");
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  @BeforeEach
  void listen() {
    LogRedactionInstaller.install();
    appender.setContext(context);
    appender.start();
    logger.addAppender(appender);
    logger.setAdditive(false);
  }

  @AfterEach
  void stopListening() {
    logger.detachAppender(appender);
    logger.setAdditive(true);
  }

  @Test
  void aDriversDumpOfAFailedStatementKeepsNoParameter() {
    String redacted = LogRedaction.redact(PGJDBC_BATCH);

    assertThat(redacted)
        .doesNotContain("Patiente suivie")
        .doesNotContain("xxxxxxxx")
        .doesNotContain("'big'")
        .contains("Batch entry 0 insert into ACT_HI_VARINST")
        .contains("('<100040 chars hidden>')")
        .contains("was aborted: ERROR: value too long for type character varying(4000)");
  }

  @Test
  void theStartOfAValueTooLongIsHidden() {
    assertThat(LogRedaction.redact(H2_TOO_LONG))
        .doesNotContain("Patiente suivie")
        .startsWith("Value too long for column \"TEXT_ CHARACTER VARYING(4000)\": \"'<")
        .endsWith("chars hidden>\ninsert into t values (?) [22001-232]");
  }

  @Test
  void theValueFieldsOfAnEngineEntityAreHidden() {
    String entity =
        "VariableInstanceEntity[id=4, name=conclusion, textValue=Masse suspecte de 8 cm, textValue2=null,"
            + " longValue=12, doubleValue=null, byteArrayValueId=7]";

    assertThat(LogRedaction.redact(entity))
        .isEqualTo(
            "VariableInstanceEntity[id=4, name=conclusion, textValue=<hidden>, textValue2=<hidden>,"
                + " longValue=<hidden>, doubleValue=<hidden>, byteArrayValueId=7]");
  }

  @Test
  void idsNamesAndProseStay() {
    String message =
        "ENGINE-03005 Cannot find task with id 'cd9168a7-ec0b-11f1-a98e-02fc00000001' of variable 'conclusion':"
            + " the user's task can't be completed";

    assertThat(LogRedaction.redact(message)).isEqualTo(message);
  }

  @Test
  void aLongUnquotedMessageIsCut() {
    String redacted = LogRedaction.redact("Cannot convert " + VALUE);

    assertThat(redacted).hasSizeLessThan(LogRedaction.MAX_LENGTH + 40).endsWith(" chars cut]");
  }

  @Test
  void anEventWithAValueInItsMessageOrItsExceptionsIsLoggedRedactedUnderTheSameClassNames() {
    ProcessEngineException thrown =
        new ProcessEngineException(
            "ENGINE-03004 Exception while executing Database Operation with message '"
                + VALUE
                + "'",
            new BatchUpdateException(PGJDBC_BATCH, new int[0]));
    thrown.addSuppressed(new IllegalStateException(H2_TOO_LONG));

    logger.error("Flush of variable {} failed: {}", "conclusion", PGJDBC_BATCH, thrown);

    assertThat(appender.list).hasSize(1);
    ILoggingEvent event = appender.list.get(0);
    assertThat(event.getFormattedMessage())
        .startsWith("Flush of variable conclusion failed: Batch entry 0 insert into ACT_HI_VARINST")
        .doesNotContain("Patiente suivie");
    List<IThrowableProxy> chain = chain(event.getThrowableProxy());
    assertThat(chain)
        .extracting(IThrowableProxy::getClassName)
        .containsExactly(
            ProcessEngineException.class.getName(),
            BatchUpdateException.class.getName(),
            IllegalStateException.class.getName());
    assertThat(chain)
        .allSatisfy(proxy -> assertThat(proxy.getMessage()).doesNotContain("Patiente suivie"));
    assertThat(chain.get(0).getStackTraceElementProxyArray()).isNotEmpty();
  }

  @Test
  void anEventWithNothingToHideGoesUntouched() {
    IllegalStateException thrown = new IllegalStateException("Referral SARC-2026-000123 not found");

    logger.warn("Notification {} for task {} not written", "URGENT_REFERRAL", "42", thrown);

    assertThat(appender.list).hasSize(1);
    assertThat(appender.list.get(0).getFormattedMessage())
        .isEqualTo("Notification URGENT_REFERRAL for task 42 not written");
    assertThat(appender.list.get(0).getThrowableProxy().getMessage())
        .isEqualTo("Referral SARC-2026-000123 not found");
  }

  @Test
  void aDisabledLevelLogsNothing() {
    logger.debug("Flush failed: {}", PGJDBC_BATCH);

    assertThat(appender.list).isEmpty();
  }

  private static List<IThrowableProxy> chain(IThrowableProxy top) {
    List<IThrowableProxy> chain = new ArrayList<>();
    chain.add(top);
    chain.add(top.getCause());
    chain.add(top.getSuppressed()[0]);
    return chain;
  }
}

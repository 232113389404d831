package fr.sarcoma.referral.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * The one application context of our integration tests: the whole application with its demo
 * seeds, on PostgreSQL, on a random port, with no job executor and BPMN flow coverage recorded.
 * Keep it identical across test classes (no extra
 * properties or mocks here) so Spring's context cache starts the engine only once per run.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      // Tests drive asynchronous continuations and timers themselves (PathwayDriver),
      // deterministically.
      "camunda.bpm.job-execution.enabled=false",
      "sarcoma.orders.result-sweep-delay=PT1H",
      // No synthetic demo history: tests build the history they measure.
      "sarcoma.demo.history-months=0"
    })
@Import({FlowCoverage.Plugin.class, PathwayDriver.class})
@ActiveProfiles("demo")
@ContextConfiguration(initializers = PostgresContextInitializer.class)
public @interface PostgresIntegrationTest {}

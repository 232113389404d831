package fr.sarcoma.referral.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * The one application context of our integration tests: the whole application with its demo
 * seeds, on PostgreSQL, on a random port. Keep it identical across test classes (no extra
 * properties or mocks here) so Spring's context cache starts the engine only once per run.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
@ContextConfiguration(initializers = PostgresContextInitializer.class)
public @interface PostgresIntegrationTest {
}

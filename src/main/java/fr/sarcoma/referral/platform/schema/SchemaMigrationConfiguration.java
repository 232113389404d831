package fr.sarcoma.referral.platform.schema;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.spring.ProcessEngineFactoryBean;
import org.springframework.boot.autoconfigure.AbstractDependsOnBeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.flyway.FlywayConfigurationCustomizer;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Flyway owns the schema: it creates the engine tables first, and the engine starts only after it. */
@Configuration(proxyBeanMethods = false)
class SchemaMigrationConfiguration {

  @Bean
  FlywayConfigurationCustomizer camundaEngineSchema() {
    return configuration ->
        configuration.javaMigrations(
            new CamundaEngineSchemaMigration(),
            new TimelineMonthsMigration(),
            new PatientNameSearchMigration());
  }

  @Bean
  static AbstractDependsOnBeanFactoryPostProcessor processEngineAfterFlyway() {
    return new ProcessEngineDependsOnFlyway();
  }

  /** With schema-update off, the engine checks the schema at build time, so it must wait for the migration. */
  static class ProcessEngineDependsOnFlyway extends AbstractDependsOnBeanFactoryPostProcessor {
    ProcessEngineDependsOnFlyway() {
      super(ProcessEngine.class, ProcessEngineFactoryBean.class, FlywayMigrationInitializer.class);
    }
  }
}

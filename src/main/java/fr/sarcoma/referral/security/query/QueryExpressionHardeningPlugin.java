package fr.sarcoma.referral.security.query;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/**
 * Closes a hole in Camunda 7.24 (the last Community Edition, so no upstream fix will come): an
 * expression inside a task query's {@code orQueries} escapes the ad-hoc query check and runs with
 * access to every Spring bean. We swap in task and filter services that check every part of a
 * query. Verified against the 7.24.0 sources; see {@code QueryExpressionHardeningIT}.
 */
@Component
class QueryExpressionHardeningPlugin extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setTaskService(new HardenedTaskService());
    configuration.setFilterService(new HardenedFilterService());
    configuration.setEnableExpressionsInAdhocQueries(false);
  }
}

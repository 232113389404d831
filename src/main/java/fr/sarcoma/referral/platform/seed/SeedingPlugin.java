package fr.sarcoma.referral.platform.seed;

import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.springframework.stereotype.Component;

/**
 * Runs the seeders as soon as the engine is built. Doing it here rather than in an
 * ApplicationRunner means users, groups and authorizations exist before the webapps and the REST
 * API answer their first request. Seeders receive the engine as an argument because the engine
 * depends on this plugin: injecting its services into them would be circular. Nodes started together seed one
 * after the other ({@link SeedingLock}).
 */
@Component
class SeedingPlugin extends AbstractProcessEnginePlugin {

  private final List<Seeder> seeders;
  private final SeedingLock lock;

  SeedingPlugin(List<Seeder> seeders, SeedingLock lock) {
    this.seeders = seeders;
    this.lock = lock;
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    lock.whileHeld(() -> seeders.forEach(seeder -> seeder.seed(engine)));
  }
}

package fr.sarcoma.referral.platform.seed;

import org.camunda.bpm.engine.ProcessEngine;

/**
 * One kind of start-up data. Seeders run in their {@code @Order} while the engine is being built,
 * before the web server takes requests, and each is idempotent: it creates what is missing and
 * leaves the rest alone, so restarts never duplicate anything.
 */
interface Seeder {

  void seed(ProcessEngine engine);
}

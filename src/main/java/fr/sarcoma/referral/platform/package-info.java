/**
 * The base every module stands on, and that depends on none: engine configuration and authentication
 * ({@link EngineAuthentication}), the schema migration (schema/), seeding (seed/), the engine REST hardening (rest/),
 * the network's calendar ({@link NetworkCalendar}), and the web conventions of our APIs (the named interface
 * {@code web}: French refusals and request checks). Its subpackages other than web/ are its own.
 */
@ApplicationModule(displayName = "Platform")
package fr.sarcoma.referral.platform;

import org.springframework.modulith.ApplicationModule;

/**
 * REST authentication against the engine's identity service, and the hardening of task and filter queries
 * (query/). Depends on no other module.
 */
@ApplicationModule(displayName = "Security")
package fr.sarcoma.referral.security;

import org.springframework.modulith.ApplicationModule;

/**
 * A session's agenda, each dossier with its completeness (JSON and printable page), read from mdt, orders and
 * referral.
 */
@ApplicationModule(
    allowedDependencies = {"platform", "platform :: web", "referral", "orders", "mdt"},
    displayName = "Agenda")
package fr.sarcoma.referral.agenda;

import org.springframework.modulith.ApplicationModule;

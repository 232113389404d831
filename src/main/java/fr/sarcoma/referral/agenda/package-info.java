/**
 * The MDT's pages: the coming sessions for coordinators (add, cancel, move a case; read by the whole MDT team), and
 * a session's agenda, each dossier with its completeness (JSON and printable page), read from mdt, orders and
 * referral. The sessions page writes with the webapps' session through security's {@code WebappCsrfToken}.
 */
@ApplicationModule(
    allowedDependencies = {"platform", "platform :: web", "referral", "orders", "mdt", "security"},
    displayName = "Agenda")
package fr.sarcoma.referral.agenda;

import org.springframework.modulith.ApplicationModule;

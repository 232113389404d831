/**
 * The hospital's systems: orders sent as FHIR R4 ServiceRequests (fhir/, HAPI FHIR), DiagnosticReports
 * received as results. An adapter on top of orders, mdt and referral; nothing below knows FHIR.
 */
@ApplicationModule(
    allowedDependencies = {"platform", "platform :: web", "referral", "orders", "mdt"},
    displayName = "Integration")
package fr.sarcoma.referral.integration;

import org.springframework.modulith.ApplicationModule;

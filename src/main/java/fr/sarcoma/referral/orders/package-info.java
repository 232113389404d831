/**
 * Orders of the pathway (imaging and biopsy) and their results: protocols, the outbox and its dispatcher,
 * the worklist, the result intake, the structured characterisation report. Named after what it holds: every
 * order, a biopsy included, not only imaging. It knows neither the model nor the MDT: a stored result is
 * published as {@link ExamResultRecorded} (the pathway correlates its message, insight records the chest CT), and
 * S3 is checked through {@link BiopsyOrderGuard}, implemented by the module that holds the evidence (mdt).
 */
@ApplicationModule(
    allowedDependencies = {"platform", "platform :: web"},
    displayName = "Orders")
package fr.sarcoma.referral.orders;

import org.springframework.modulith.ApplicationModule;

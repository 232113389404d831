/**
 * The web conventions every module's API follows: French refusals ({@link RuleViolationException},
 * {@link RefusedRequestException}, {@link FieldProblem}), the request checks ({@link OneOf}, {@link PlausibleDate},
 * {@link StorableText}). A named interface of {@code platform}: the other modules may use it.
 */
@NamedInterface("web")
package fr.sarcoma.referral.platform.web;

import org.springframework.modulith.NamedInterface;

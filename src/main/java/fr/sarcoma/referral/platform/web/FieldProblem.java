package fr.sarcoma.referral.platform.web;

/** One bad field of a refused request and why, in French: what every 400 lists in its {@code errors}. */
public record FieldProblem(String field, String reason) {}

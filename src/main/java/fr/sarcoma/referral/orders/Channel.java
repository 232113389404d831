package fr.sarcoma.referral.orders;

/**
 * Through which door a booking or a result came in. The pathway moves a waiting order on for what came
 * through the APIs; what a coordinator entered in a Tasklist task moves the order on by that task's own
 * completion, so it is not correlated back into it.
 */
public enum Channel {
  /** Our JSON API ({@code POST /api/orders/{id}/schedule}, {@code POST /api/orders/{id}/result}). */
  API,
  /** A FHIR DiagnosticReport ({@code POST /fhir/DiagnosticReport}). */
  FHIR,
  /** A coordinator's task in Tasklist ("Programmer l'examen", "Saisir le compte rendu"). */
  TASKLIST
}

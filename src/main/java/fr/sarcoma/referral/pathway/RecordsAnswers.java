package fr.sarcoma.referral.pathway;

import java.util.Set;

/**
 * A task listener that records some of its form's answers in a feature table (the characterisation report, the
 * MDT's decision, the surgeon's approach, the MDT question): those answers leave the engine through it, and
 * {@link ClinicalAnswers} does not copy them to {@code task_answer}. Every other answer of the form goes there.
 */
interface RecordsAnswers {

  /** The form fields this listener records, by key. */
  Set<String> recordedAnswers();
}

package fr.sarcoma.referral.platform;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * Need-to-know in front of every read of a patient's identity or clinical file. Each screen and API
 * that shows one asks here first, naming the door it serves and what it shows: the read is allowed by
 * one of the rules of docs/security.md and recorded with that rule (who, when, which referral, which
 * door, why), in the same request, or refused with a French 403 ({@link
 * fr.sarcoma.referral.platform.web.ReadRefusedException}) and the refusal recorded. Implemented by the
 * audit module, above every module that calls it (as orders' BiopsyOrderGuard is implemented by mdt).
 */
public interface PatientReads {

  /** Where a read comes from: the screen or API that shows it. */
  enum Door {
    /** Our REST API with HTTP Basic. */
    API,
    /** Our REST API with the Camunda webapp session: the Tasklist plugins (card, "Dossier" tab). */
    TASKLIST_PLUGIN,
    /** A session's agenda (JSON or printable page). */
    AGENDA,
    /** Letters: their list and their PDF. */
    LETTER,
    /** Camunda's REST API (/engine-rest), runtime variables. */
    ENGINE_REST,
    /** Camunda's REST API (/engine-rest/history), variables kept in the history. */
    ENGINE_HISTORY,
    /** The Camunda webapps' own engine API (/camunda/api/engine): Tasklist forms, Cockpit. */
    WEBAPP,
    /** Our patient pages: the search ({@code /patients}) and a referral's file found there. */
    PATIENT_PAGES
  }

  /** What is shown. */
  enum Read {
    /** Who the patient is (name, IPP, birth date) with the referral's status. */
    IDENTITY,
    /** The clinical file: identity, exams and reports, MDT decisions, approach, letters list. */
    FILE,
    /** One letter to the referring physician (it names the patient). */
    LETTER,
    /** Process variables (the engine's runtime or history): the answers to the forms. */
    VARIABLES
  }

  /**
   * Lets the current user read the referral through the door, or throws {@link
   * fr.sarcoma.referral.platform.web.ReadRefusedException}; either way it is recorded. An unknown referral is
   * neither allowed nor refused here: the caller answers 404.
   */
  void check(UUID referralId, Door door, Read read);

  /** One check per referral (an agenda, a worklist): every one allowed, or the whole read refused. */
  void checkAll(Collection<UUID> referralIds, Door door, Read read);

  /**
   * A search: of the referrals found, those the current user may read, in the same order, each read
   * recorded with its rule. The others are left out of the answer and not recorded: the user asked
   * for none of them by name, and nothing of them is shown.
   */
  List<UUID> readable(Collection<UUID> referralIds, Door door, Read read);
}

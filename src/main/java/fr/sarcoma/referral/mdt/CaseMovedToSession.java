package fr.sarcoma.referral.mdt;

import java.util.UUID;

/** Published when a case changes session outside its own process step (moved by a coordinator, session cancelled). */
public record CaseMovedToSession(UUID referralId, MdtSession session) {}

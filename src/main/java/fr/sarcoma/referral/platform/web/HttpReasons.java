package fr.sarcoma.referral.platform.web;

import java.util.Map;

/**
 * The French reason of an HTTP status, one wording for every door: Spring Boot's error body, our API and the
 * engine's REST API.
 */
public final class HttpReasons {

  private static final Map<Integer, String> FRENCH =
      Map.ofEntries(
          Map.entry(400, "Requête invalide"),
          Map.entry(401, "Authentification requise"),
          Map.entry(403, "Accès refusé"),
          Map.entry(404, "Ressource introuvable"),
          Map.entry(405, "Méthode non autorisée"),
          Map.entry(406, "Représentation non disponible"),
          Map.entry(409, "Conflit avec l'état actuel"),
          Map.entry(413, "Requête trop volumineuse"),
          Map.entry(415, "Type de contenu non accepté"),
          Map.entry(500, "Erreur interne du serveur"),
          Map.entry(503, "Service indisponible"));

  private HttpReasons() {}

  /** The reason, or null for a status without one. */
  public static String of(int status) {
    return FRENCH.get(status);
  }
}

package fr.sarcoma.referral.platform.web;

import java.util.Map;
import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.web.servlet.error.DefaultErrorAttributes;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.WebRequest;

/**
 * Spring Boot's error body (the 401, 403 and 404 that no controller answers: unknown address, refused
 * credentials) says what happened in French, like the rest of our refusals.
 */
@Component
class FrenchErrorAttributes extends DefaultErrorAttributes {

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

  @Override
  public Map<String, Object> getErrorAttributes(
      WebRequest webRequest, ErrorAttributeOptions options) {
    Map<String, Object> attributes = super.getErrorAttributes(webRequest, options);
    if (attributes.get("status") instanceof Integer status && FRENCH.containsKey(status)) {
      attributes.put("error", FRENCH.get(status));
    }
    return attributes;
  }
}

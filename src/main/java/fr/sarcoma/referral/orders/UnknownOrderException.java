package fr.sarcoma.referral.orders;

import fr.sarcoma.referral.platform.web.RefusedRequestException;
import java.util.UUID;
import org.springframework.http.HttpStatus;

public class UnknownOrderException extends RefusedRequestException {

  UnknownOrderException(UUID orderId) {
    super(HttpStatus.NOT_FOUND, "Aucune demande d'examen " + orderId);
  }
}

package fr.sarcoma.referral.orders;

import fr.sarcoma.referral.platform.web.RefusedRequestException;
import java.util.UUID;
import org.springframework.http.HttpStatus;

public class OrderAlreadyReportedException extends RefusedRequestException {

  OrderAlreadyReportedException(UUID orderId) {
    super(HttpStatus.CONFLICT, "La demande d'examen " + orderId + " a déjà son résultat");
  }
}

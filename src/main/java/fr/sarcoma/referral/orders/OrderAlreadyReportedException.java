package fr.sarcoma.referral.orders;

import java.util.UUID;

import org.springframework.http.HttpStatus;

import fr.sarcoma.referral.platform.web.RefusedRequestException;

public class OrderAlreadyReportedException extends RefusedRequestException {

  OrderAlreadyReportedException(UUID orderId) {
    super(HttpStatus.CONFLICT, "La demande d'examen " + orderId + " a déjà son résultat");
  }
}

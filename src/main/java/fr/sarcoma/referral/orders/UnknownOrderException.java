package fr.sarcoma.referral.orders;

import java.util.UUID;

import org.springframework.http.HttpStatus;

import fr.sarcoma.referral.platform.web.RefusedRequestException;

public class UnknownOrderException extends RefusedRequestException {

  UnknownOrderException(UUID orderId) {
    super(HttpStatus.NOT_FOUND, "Aucune demande d'examen " + orderId);
  }
}

package fr.sarcoma.referral.imaging;

import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

@ResponseStatus(HttpStatus.CONFLICT)
public class OrderAlreadyReportedException extends RuntimeException {

  OrderAlreadyReportedException(UUID orderId) {
    super("Order " + orderId + " already has its result");
  }
}

package fr.sarcoma.referral.imaging;

import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

@ResponseStatus(HttpStatus.NOT_FOUND)
public class UnknownOrderException extends RuntimeException {

  UnknownOrderException(UUID orderId) {
    super("No order " + orderId);
  }
}

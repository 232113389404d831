package fr.sarcoma.referral.platform.web;

import java.util.stream.Collectors;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A request that reaches no handler (wrong method, wrong Content-Type, unsatisfiable Accept) is refused
 * before any controller is chosen, so {@link ApiExceptionHandler} (limited to our controllers) never sees
 * it: the same French problem detail here, for every Spring MVC endpoint, with the status HTTP asks for.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class HttpProtocolErrors {

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ResponseEntity<ProblemDetail> unsupportedContentType(HttpMediaTypeNotSupportedException e) {
    String supported = types(e.getSupportedMediaTypes());
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.UNSUPPORTED_MEDIA_TYPE,
            "Type de contenu (Content-Type) non accepté"
                + (supported.isEmpty() ? "" : " : attendu " + supported));
    HttpHeaders headers = new HttpHeaders();
    if (!e.getSupportedMediaTypes().isEmpty()) {
      headers.setAccept(e.getSupportedMediaTypes());
    }
    return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE).headers(headers).body(problem);
  }

  @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
  ResponseEntity<ProblemDetail> unsupportedMethod(HttpRequestMethodNotSupportedException e) {
    String supported =
        e.getSupportedHttpMethods() == null
            ? ""
            : e.getSupportedHttpMethods().stream()
                .map(Object::toString)
                .sorted()
                .collect(Collectors.joining(", "));
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.METHOD_NOT_ALLOWED,
            "Méthode HTTP "
                + e.getMethod()
                + " non acceptée à cette adresse"
                + (supported.isEmpty() ? "" : " : méthodes acceptées " + supported));
    HttpHeaders headers = new HttpHeaders();
    if (e.getSupportedHttpMethods() != null) {
      headers.setAllow(e.getSupportedHttpMethods());
    }
    return ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED).headers(headers).body(problem);
  }

  @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
  ProblemDetail notAcceptable(HttpMediaTypeNotAcceptableException e) {
    String supported = types(e.getSupportedMediaTypes());
    return ProblemDetail.forStatusAndDetail(
        HttpStatus.NOT_ACCEPTABLE,
        "Aucune représentation ne répond à l'en-tête Accept"
            + (supported.isEmpty() ? "" : " : disponibles " + supported));
  }

  private static String types(java.util.List<MediaType> types) {
    return types.stream().map(MediaType::toString).collect(Collectors.joining(", "));
  }
}

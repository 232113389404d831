package fr.sarcoma.referral.platform.web;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Bad input to our API gets a 400 naming each bad field and why (RFC 9457 problem detail with an
 * {@code errors} list), never a 500. Validation runs before anything is stored.
 */
@RestControllerAdvice(basePackages = "fr.sarcoma.referral")
class ApiExceptionHandler {

  record FieldProblem(String field, String reason) {
  }

  @ExceptionHandler(MethodArgumentNotValidException.class)
  ProblemDetail invalid(MethodArgumentNotValidException e) {
    List<FieldProblem> problems = e.getBindingResult().getFieldErrors().stream()
        .map(error -> new FieldProblem(error.getField(), error.getDefaultMessage()))
        .sorted((a, b) -> a.field().compareTo(b.field()))
        .toList();
    return badRequest("Invalid request: " + problems.stream().map(FieldProblem::field).distinct()
        .collect(Collectors.joining(", ")), problems);
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ProblemDetail unreadable(HttpMessageNotReadableException e) {
    if (e.getCause() instanceof InvalidFormatException format) {
      String field = path(format);
      String reason = format.getTargetType() != null && format.getTargetType().isEnum()
          ? "must be one of " + Arrays.stream(format.getTargetType().getEnumConstants()).map(Object::toString)
              .collect(Collectors.joining(", "))
          : "cannot be read as " + format.getTargetType().getSimpleName();
      return badRequest("Invalid request: " + field, List.of(new FieldProblem(field, reason)));
    }
    if (e.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      String field = path(mapping);
      return badRequest("Invalid request: " + field, List.of(new FieldProblem(field, "has an invalid value")));
    }
    return badRequest("The request body is not valid JSON", List.of());
  }

  @ExceptionHandler(HandlerMethodValidationException.class)
  ProblemDetail invalidParameters(HandlerMethodValidationException e) {
    List<FieldProblem> problems = e.getParameterValidationResults().stream()
        .flatMap(result -> result.getResolvableErrors().stream()
            .map(error -> new FieldProblem(result.getMethodParameter().getParameterName(), error.getDefaultMessage())))
        .toList();
    return badRequest("Invalid request: " + problems.stream().map(FieldProblem::field).distinct()
        .collect(Collectors.joining(", ")), problems);
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ProblemDetail typeMismatch(MethodArgumentTypeMismatchException e) {
    return badRequest("Invalid request: " + e.getName(), List.of(new FieldProblem(e.getName(), "has an invalid format")));
  }

  @ExceptionHandler(InvalidFieldException.class)
  ProblemDetail invalidField(InvalidFieldException e) {
    return badRequest("Invalid request: " + e.field(), List.of(new FieldProblem(e.field(), e.getMessage())));
  }

  private static ProblemDetail badRequest(String detail, List<FieldProblem> problems) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
    problem.setProperty("errors", problems);
    return problem;
  }

  private static String path(JsonMappingException e) {
    return e.getPath().stream()
        .map(reference -> reference.getFieldName() != null ? reference.getFieldName() : "[" + reference.getIndex() + "]")
        .collect(Collectors.joining("."));
  }
}

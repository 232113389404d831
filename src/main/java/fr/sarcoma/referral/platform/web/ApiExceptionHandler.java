package fr.sarcoma.referral.platform.web;

import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import fr.sarcoma.referral.platform.web.StorableTextModule.UnstorableTextException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.server.ResponseStatusException;

/**
 * Bad input to our API gets a 400 naming each bad field and why, in French (RFC 9457 problem detail: a
 * {@code detail} such as "Requête invalide : sex, site" and an {@code errors} list of {@code {field, reason}}),
 * never a 500. Validation runs before anything is stored. Only refusals, and an unreachable database (503,
 * {@link DatabaseUnavailable}), are mapped here: any other exception is a fault of ours and stays a 500.
 */
@RestControllerAdvice(basePackages = "fr.sarcoma.referral")
class ApiExceptionHandler {

  static final String INVALID = "Requête invalide : ";

  @ExceptionHandler(MethodArgumentNotValidException.class)
  ProblemDetail invalid(MethodArgumentNotValidException e) {
    Stream<FieldProblem> fields =
        e.getBindingResult().getFieldErrors().stream()
            .map(error -> new FieldProblem(error.getField(), error.getDefaultMessage()));
    Stream<FieldProblem> global =
        e.getBindingResult().getGlobalErrors().stream()
            .filter(error -> !(error instanceof FieldError))
            .map(ObjectError::getObjectName)
            .map(name -> new FieldProblem(name, "est incohérent"));
    return invalid(
        Stream.concat(fields, global).sorted((a, b) -> a.field().compareTo(b.field())).toList());
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ProblemDetail unreadable(HttpMessageNotReadableException e) {
    Throwable cause = e.getCause();
    if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      return invalid(List.of(new FieldProblem(path(mapping), reason(mapping))));
    }
    // A number too large for its field (2147483648 for an int), or beyond the parser's limits (a
    // number of
    // 1,000 digits, a nesting 1,000 deep): Jackson names no path, but the parser knows which field
    // it was in.
    String field = cause instanceof StreamReadException read ? topLevelField(read) : null;
    if (cause instanceof InputCoercionException && field != null) {
      return invalid(List.of(new FieldProblem(field, "est un nombre hors limites")));
    }
    if (cause instanceof StreamConstraintsException) {
      String limits =
          "dépasse les limites acceptées (longueur d'un nombre, d'un nom ou d'un texte, profondeur "
              + "d'imbrication)";
      return field != null
          ? invalid(List.of(new FieldProblem(field, limits)))
          : badRequest("Le corps de la requête " + limits, List.of());
    }
    if (cause instanceof MismatchedInputException) {
      return badRequest("Le corps de la requête doit être un objet JSON", List.of());
    }
    if (cause == null) {
      return badRequest("Le corps de la requête est absent ou illisible", List.of());
    }
    return badRequest("Le corps de la requête n'est pas du JSON valide", List.of());
  }

  @ExceptionHandler(HandlerMethodValidationException.class)
  ProblemDetail invalidParameters(HandlerMethodValidationException e) {
    return invalid(
        e.getParameterValidationResults().stream()
            .flatMap(
                result ->
                    result.getResolvableErrors().stream()
                        .map(
                            error ->
                                new FieldProblem(
                                    result.getMethodParameter().getParameterName(),
                                    error.getDefaultMessage())))
            .toList());
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ProblemDetail typeMismatch(MethodArgumentTypeMismatchException e) {
    return invalid(List.of(new FieldProblem(e.getName(), expected(e.getRequiredType()))));
  }

  @ExceptionHandler(MissingServletRequestParameterException.class)
  ProblemDetail missingParameter(MissingServletRequestParameterException e) {
    return invalid(List.of(new FieldProblem(e.getParameterName(), "est obligatoire")));
  }

  @ExceptionHandler(InvalidFieldException.class)
  ProblemDetail invalidField(InvalidFieldException e) {
    return invalid(List.of(new FieldProblem(e.field(), e.getMessage())));
  }

  /** Unknown ids (404) and conflicts with the current state (409), with their French reason. */
  /** A form constraint or a clinical rule the request breaks (e.g. the quorum of a corrected decision, M2). */
  @ExceptionHandler(RuleViolationException.class)
  ProblemDetail ruleViolation(RuleViolationException e) {
    return badRequest(e.getMessage(), e.problems());
  }

  @ExceptionHandler(RefusedRequestException.class)
  ProblemDetail refused(RefusedRequestException e) {
    return ProblemDetail.forStatusAndDetail(e.status(), e.getMessage());
  }

  /** Unknown ids and conflicts our controllers answer with their status and French reason. */
  @ExceptionHandler(ResponseStatusException.class)
  ProblemDetail status(ResponseStatusException e) {
    return ProblemDetail.forStatusAndDetail(e.getStatusCode(), e.getReason());
  }

  /**
   * The database could not be reached (down, restarting): 503, French, {@code Retry-After}, not a 500 after the
   * pool's timeout: JdbcTemplate's translation, or the transaction that could not begin. A transaction that
   * could not begin for another reason is rethrown, and stays what it was. The engine's exception around it is
   * left to {@link DatabaseUnavailableFilter}: handling {@code ProcessEngineException} here would hide the
   * refusals it may carry as causes from the handlers above.
   */
  @ExceptionHandler({
    DataAccessResourceFailureException.class,
    CannotCreateTransactionException.class
  })
  ResponseEntity<ProblemDetail> databaseUnavailable(RuntimeException e) {
    if (!DatabaseUnavailable.isCause(e)) {
      throw e;
    }
    return DatabaseUnavailable.response();
  }

  static ProblemDetail invalid(List<FieldProblem> problems) {
    return badRequest(
        INVALID
            + problems.stream()
                .map(FieldProblem::field)
                .distinct()
                .collect(Collectors.joining(", ")),
        problems);
  }

  private static ProblemDetail badRequest(String detail, List<FieldProblem> problems) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
    problem.setProperty("errors", problems);
    return problem;
  }

  private static String reason(JsonMappingException e) {
    if (e instanceof UnstorableTextException) {
      return StorableText.REASON;
    }
    if (e instanceof InvalidFormatException format
        && format.getTargetType() != null
        && format.getTargetType().isEnum()) {
      return "doit être l'une des valeurs : "
          + Arrays.stream(format.getTargetType().getEnumConstants())
              .map(Object::toString)
              .collect(Collectors.joining(", "));
    }
    if (e instanceof MismatchedInputException mismatch) {
      return expected(mismatch.getTargetType());
    }
    return "a une valeur illisible";
  }

  /** What a value of this Java type must look like, in French. */
  static String expected(Class<?> type) {
    if (type == null) {
      return "n'a pas le format attendu";
    }
    if (type == String.class) {
      return "doit être un texte";
    }
    if (type == java.time.LocalDate.class) {
      return "doit être une date réelle au format AAAA-MM-JJ";
    }
    if (type == java.time.OffsetDateTime.class || type == java.time.Instant.class) {
      return "doit être une date et heure ISO 8601 avec son fuseau, par exemple 2026-03-05T14:00:00+01:00";
    }
    if (type == java.util.UUID.class) {
      return "doit être un identifiant UUID";
    }
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
      return "doit être un nombre entier";
    }
    if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
      return "doit être un nombre";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "doit valoir true ou false";
    }
    if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
      return "doit être une liste";
    }
    if (type.isEnum()) {
      return "doit être l'une des valeurs : "
          + Arrays.stream(type.getEnumConstants())
              .map(Object::toString)
              .collect(Collectors.joining(", "));
    }
    return "n'a pas le format attendu";
  }

  private static String path(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference reference : e.getPath()) {
      if (reference.getFieldName() != null) {
        path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
      } else {
        path.append('[').append(reference.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  /** The field of the request's top-level object the parser was reading, if any. */
  private static String topLevelField(StreamReadException e) {
    if (e.getProcessor() == null) {
      return null;
    }
    JsonStreamContext context = e.getProcessor().getParsingContext();
    while (context != null && context.getParent() != null && !context.getParent().inRoot()) {
      context = context.getParent();
    }
    return context != null && context.inObject() ? context.getCurrentName() : null;
  }
}

package fr.sarcoma.referral.integration;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.IRestfulClientFactory;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.exceptions.FhirClientConnectionException;
import ca.uhn.fhir.rest.client.interceptor.BasicAuthInterceptor;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import fr.sarcoma.referral.integration.fhir.ServiceRequestMapper;
import fr.sarcoma.referral.orders.ExamOrder;
import fr.sarcoma.referral.orders.OrderRejectedException;
import fr.sarcoma.referral.orders.OrderTransport;
import fr.sarcoma.referral.orders.ReceiverUnavailableException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import org.hl7.fhir.instance.model.api.IBaseOperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.stereotype.Component;

/**
 * Orders leave as FHIR R4 ServiceRequests, by conditional create on the order identifier: however
 * often a delivery is repeated (a retry, a crash after sending, a response lost on the way back),
 * the receiver keeps one request. The condition is the header {@code If-None-Exist} exactly as the
 * specification writes it (R4 http.html#ccreate): search parameters only, {@code
 * identifier=<system>|<value>}, no base URL and no resource type; HAPI's {@code conditionalByUrl}
 * and {@code conditional().where(…)} would send the whole URL ({@code http://host/ServiceRequest?…}),
 * which a strict receiver does not read as the condition, and would create a duplicate on each retry.
 *
 * <p>Connect and read timeouts ({@link FhirSettings}) bound how long a receiver that hangs holds the
 * job executor's thread; the attempt fails and the job retries on its schedule.
 */
@Component
@ConditionalOnExpression("'${sarcoma.fhir.base-url:}' != ''")
class FhirOrderTransport implements OrderTransport {

  static final String IF_NONE_EXIST = "If-None-Exist";

  private final FhirSettings settings;
  private final ServiceRequestMapper mapper;
  private final OrderForFhirAssembler assembler;
  private final IGenericClient client;

  FhirOrderTransport(
      FhirSettings settings, ServiceRequestMapper mapper, OrderForFhirAssembler assembler) {
    this.settings = settings;
    this.mapper = mapper;
    this.assembler = assembler;
    FhirContext context = FhirContext.forR4();
    IRestfulClientFactory http = context.getRestfulClientFactory();
    http.setServerValidationMode(ServerValidationModeEnum.NEVER);
    http.setConnectTimeout(millis(settings.connectTimeout()));
    http.setSocketTimeout(millis(settings.readTimeout()));
    // Waiting for a pooled connection is bounded too (all of them held by sends to a slow
    // receiver).
    http.setConnectionRequestTimeout(millis(settings.connectTimeout()));
    this.client = context.newRestfulGenericClient(settings.baseUrl());
    if (settings.username() != null && !settings.username().isBlank()) {
      client.registerInterceptor(
          new BasicAuthInterceptor(settings.username(), settings.password()));
    }
  }

  /** The value of {@code If-None-Exist} for an order: {@code identifier=<system>|<order id>}. */
  static String ifNoneExist(UUID orderId) {
    return ServiceRequestMapper.conditionalCreateCriteria(orderId);
  }

  @Override
  public String deliver(ExamOrder order) {
    try {
      MethodOutcome outcome =
          client
              .create()
              .resource(mapper.toServiceRequest(assembler.assemble(order)))
              .withAdditionalHeader(IF_NONE_EXIST, ifNoneExist(order.id()))
              .execute();
      return outcome.getId() == null ? null : outcome.getId().toUnqualifiedVersionless().getValue();
    } catch (FhirClientConnectionException down) {
      throw new ReceiverUnavailableException(
          "Le système de prescription " + settings.baseUrl() + " ne répond pas" + why(down), down);
    } catch (BaseServerResponseException answered) {
      String reason = "HTTP " + answered.getStatusCode() + " : " + diagnostics(answered);
      if (answered.getStatusCode() >= 500
          || answered.getStatusCode() == 408
          || answered.getStatusCode() == 429) {
        throw new ReceiverUnavailableException(
            "Le système de prescription " + settings.baseUrl() + " est en erreur (" + reason + ")",
            answered);
      }
      throw new OrderRejectedException(reason);
    }
  }

  /** Which timeout ran out, if one did; then the cause's own words. */
  private String why(FhirClientConnectionException down) {
    Throwable root = down;
    String timeout = null;
    for (Throwable cause = down; cause != null; cause = cause.getCause()) {
      root = cause;
      if (timeout == null && isConnectTimeout(cause)) {
        timeout = " : délai de connexion de " + seconds(settings.connectTimeout()) + " dépassé";
      } else if (timeout == null && cause instanceof SocketTimeoutException) {
        timeout = " : délai de lecture de " + seconds(settings.readTimeout()) + " dépassé";
      }
    }
    String detail = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return (timeout == null ? "" : timeout) + " (" + detail + ")";
  }

  /** Apache HttpClient's ConnectTimeoutException, or the JDK's "Connect timed out". */
  private static boolean isConnectTimeout(Throwable cause) {
    return cause.getClass().getSimpleName().equals("ConnectTimeoutException")
        || (cause instanceof SocketTimeoutException
            && cause.getMessage() != null
            && cause.getMessage().toLowerCase(Locale.ROOT).contains("connect timed out"));
  }

  private static String seconds(Duration timeout) {
    long millis = timeout.toMillis();
    return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
  }

  private static int millis(Duration timeout) {
    return (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
  }

  private static String diagnostics(BaseServerResponseException answered) {
    IBaseOperationOutcome outcome = answered.getOperationOutcome();
    if (outcome instanceof OperationOutcome operationOutcome
        && operationOutcome.hasIssue()
        && operationOutcome.getIssueFirstRep().hasDiagnostics()) {
      return operationOutcome.getIssueFirstRep().getDiagnostics();
    }
    return answered.getMessage();
  }
}

package fr.sarcoma.referral.integration;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.exceptions.FhirClientConnectionException;
import ca.uhn.fhir.rest.client.interceptor.BasicAuthInterceptor;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import fr.sarcoma.referral.integration.fhir.ServiceRequestMapper;
import fr.sarcoma.referral.orders.ExamOrder;
import fr.sarcoma.referral.orders.OrderRejectedException;
import fr.sarcoma.referral.orders.OrderTransport;
import fr.sarcoma.referral.orders.ReceiverUnavailableException;
import org.hl7.fhir.instance.model.api.IBaseOperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.stereotype.Component;

/**
 * Orders leave as FHIR R4 ServiceRequests, by conditional create on the order identifier: however
 * often a delivery is repeated (a retry, a crash after sending), the receiver keeps one request.
 */
@Component
@ConditionalOnExpression("'${sarcoma.fhir.base-url:}' != ''")
class FhirOrderTransport implements OrderTransport {

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
    context.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
    context.getRestfulClientFactory().setConnectTimeout((int) settings.connectTimeout().toMillis());
    context.getRestfulClientFactory().setSocketTimeout((int) settings.socketTimeout().toMillis());
    this.client = context.newRestfulGenericClient(settings.baseUrl());
    if (settings.username() != null && !settings.username().isBlank()) {
      client.registerInterceptor(
          new BasicAuthInterceptor(settings.username(), settings.password()));
    }
  }

  @Override
  public String deliver(ExamOrder order) {
    try {
      MethodOutcome outcome =
          client
              .create()
              .resource(mapper.toServiceRequest(assembler.assemble(order)))
              .conditionalByUrl(
                  "ServiceRequest?" + ServiceRequestMapper.conditionalCreateCriteria(order.id()))
              .execute();
      return outcome.getId() == null ? null : outcome.getId().toUnqualifiedVersionless().getValue();
    } catch (FhirClientConnectionException down) {
      throw new ReceiverUnavailableException(
          "Le système de prescription "
              + settings.baseUrl()
              + " ne répond pas ("
              + down.getMessage()
              + ")",
          down);
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

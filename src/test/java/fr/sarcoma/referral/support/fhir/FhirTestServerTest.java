package fr.sarcoma.referral.support.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.exceptions.FhirClientConnectionException;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The in-process FHIR server, driven by HAPI's generic client as a real sender would. */
class FhirTestServerTest {

  private static final String ORDERS = "urn:oid:1.2.250.1.999.1.1";

  private static FhirTestServer server;

  private IGenericClient client;

  @BeforeAll
  static void startServer() {
    server = new FhirTestServer();
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @BeforeEach
  void freshState() {
    server.start(); // in case a test left it stopped
    server.reset();
    client = FhirContext.forR4Cached().newRestfulGenericClient(server.baseUrl());
  }

  @Test
  void listensOnLoopbackWithAStableBaseUrl() {
    assertThat(server.baseUrl()).isEqualTo("http://127.0.0.1:" + server.port() + "/fhir");
    assertThat(server.isRunning()).isTrue();
  }

  @Test
  void conditionalCreateTwiceWithTheSameIdentifierStoresOneResource() {
    MethodOutcome first = conditionalCreate(order("ORD-1"));
    MethodOutcome second = conditionalCreate(order("ORD-1"));

    assertThat(first.getCreated()).isTrue();
    assertThat(first.getResponseStatusCode()).isEqualTo(201);
    assertThat(second.getCreated()).isNotEqualTo(Boolean.TRUE);
    assertThat(second.getResponseStatusCode()).isEqualTo(200);
    assertThat(second.getId().toUnqualifiedVersionless().getValue())
        .isEqualTo(first.getId().toUnqualifiedVersionless().getValue())
        .isEqualTo("ServiceRequest/1");
    assertThat(((ServiceRequest) second.getResource()).getIdentifierFirstRep().getValue())
        .isEqualTo("ORD-1");

    assertThat(server.storedCount()).isEqualTo(1);
    assertThat(server.createRequests()).isEqualTo(2);
    assertThat(server.receivedBodies())
        .hasSize(2)
        .allSatisfy(
            body ->
                assertThat(body)
                    .startsWith("{")
                    .contains("\"resourceType\":\"ServiceRequest\"")
                    .contains("ORD-1"));
    assertThat(server.serviceRequests())
        .singleElement()
        .satisfies(sr -> assertThat(sr.getIdElement().getIdPart()).isEqualTo("1"));

    // Another identifier is another resource, readable and searchable.
    MethodOutcome other = conditionalCreate(order("ORD-2"));
    assertThat(other.getCreated()).isTrue();
    assertThat(server.storedCount()).isEqualTo(2);
    ServiceRequest read =
        client.read().resource(ServiceRequest.class).withId(other.getId().getIdPart()).execute();
    assertThat(read.getIdentifierFirstRep().getValue()).isEqualTo("ORD-2");
    Bundle found =
        client
            .search()
            .forResource(ServiceRequest.class)
            .where(ServiceRequest.IDENTIFIER.exactly().systemAndCode(ORDERS, "ORD-1"))
            .returnBundle(Bundle.class)
            .execute();
    assertThat(found.getEntry())
        .singleElement()
        .satisfies(e -> assertThat(e.getResource().getIdElement().getIdPart()).isEqualTo("1"));
    assertThat(
            client
                .search()
                .forResource(ServiceRequest.class)
                .where(ServiceRequest.IDENTIFIER.exactly().systemAndCode("urn:other", "ORD-1"))
                .returnBundle(Bundle.class)
                .execute()
                .getEntry())
        .isEmpty();
  }

  @Test
  void concurrentConditionalCreatesOfOneIdentifierStoreOneResource() throws Exception {
    int senders = 8;
    ExecutorService pool = Executors.newFixedThreadPool(senders);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<MethodOutcome>> outcomes = new ArrayList<>();
      for (int i = 0; i < senders; i++) {
        outcomes.add(
            pool.submit(
                () -> {
                  go.await();
                  return conditionalCreate(order("ORD-10"));
                }));
      }
      go.countDown();
      int created = 0;
      for (Future<MethodOutcome> outcome : outcomes) {
        MethodOutcome result = outcome.get(30, TimeUnit.SECONDS);
        assertThat(result.getId().getIdPart()).isEqualTo("1");
        created += Boolean.TRUE.equals(result.getCreated()) ? 1 : 0;
      }
      assertThat(created).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
    assertThat(server.storedCount()).isEqualTo(1);
    assertThat(server.createRequests()).isEqualTo(senders);
  }

  @Test
  void plainCreateAlwaysStoresANewResource() {
    client.create().resource(order("ORD-9")).execute();
    client.create().resource(order("ORD-9")).execute();

    assertThat(server.storedCount()).isEqualTo(2);
    assertThat(server.createRequests()).isEqualTo(2);
  }

  @Test
  void failNextAnswersTheNextCreatesWithTheStatusThenRecovers() {
    server.failNext(2, 503);

    for (int i = 0; i < 2; i++) {
      BaseServerResponseException failure =
          catchThrowableOfType(
              BaseServerResponseException.class, () -> conditionalCreate(order("ORD-3")));
      assertThat(failure.getStatusCode()).isEqualTo(503);
      assertThat(failure.getOperationOutcome()).isInstanceOf(OperationOutcome.class);
    }
    assertThat(server.storedCount()).isZero();

    MethodOutcome third = conditionalCreate(order("ORD-3"));
    assertThat(third.getCreated()).isTrue();
    assertThat(server.storedCount()).isEqualTo(1);
    assertThat(server.createRequests()).isEqualTo(3);
    assertThat(server.receivedBodies()).hasSize(3);
  }

  @Test
  void rejectNextAnswersOne4xxWithTheMessageAsDiagnostics() {
    server.rejectNext(422, "Patient inconnu");

    BaseServerResponseException rejection =
        catchThrowableOfType(
            BaseServerResponseException.class, () -> conditionalCreate(order("ORD-4")));
    assertThat(rejection.getStatusCode()).isEqualTo(422);
    assertThat(rejection.getMessage()).contains("Patient inconnu");
    assertThat(
            ((OperationOutcome) rejection.getOperationOutcome())
                .getIssueFirstRep()
                .getDiagnostics())
        .isEqualTo("Patient inconnu");
    assertThat(server.storedCount()).isZero();

    assertThat(conditionalCreate(order("ORD-4")).getCreated()).isTrue();
    assertThat(server.createRequests()).isEqualTo(2);
  }

  @Test
  void stopRefusesConnectionsAndStartServesAgainOnTheSameUrl() throws Exception {
    conditionalCreate(order("ORD-5"));
    String url = server.baseUrl();

    server.stop();
    assertThat(server.isRunning()).isFalse();
    assertThatThrownBy(() -> conditionalCreate(order("ORD-6")))
        .isInstanceOf(FhirClientConnectionException.class)
        .hasRootCauseInstanceOf(ConnectException.class);
    try (Socket socket = new Socket()) {
      assertThatThrownBy(
              () -> socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 1000))
          .isInstanceOf(ConnectException.class);
    }

    server.start();
    assertThat(server.baseUrl()).isEqualTo(url);
    MethodOutcome again =
        FhirContext.forR4Cached()
            .newRestfulGenericClient(url)
            .create()
            .resource(order("ORD-6"))
            .withAdditionalHeader("If-None-Exist", "identifier=" + ORDERS + "|ORD-6")
            .execute();
    assertThat(again.getCreated()).isTrue();
    assertThat(server.storedCount()).isEqualTo(2); // kept across stop/start
    assertThat(server.createRequests()).isEqualTo(2); // the refused one never arrived
  }

  @Test
  void resetForgetsResourcesFaultsAndCounters() {
    conditionalCreate(order("ORD-7"));
    server.failNext(1, 500);
    server.reset();

    assertThat(server.storedCount()).isZero();
    assertThat(server.createRequests()).isZero();
    assertThat(server.receivedBodies()).isEmpty();
    MethodOutcome created = conditionalCreate(order("ORD-7"));
    assertThat(created.getCreated()).isTrue();
    assertThat(created.getId().getIdPart()).isEqualTo("1");
  }

  @Test
  void aSecondServerRunsBesideTheFirstOnItsOwnPort() {
    try (FhirTestServer another = new FhirTestServer()) {
      assertThat(another.port()).isNotEqualTo(server.port());
      assertThat(
              FhirContext.forR4Cached()
                  .newRestfulGenericClient(another.baseUrl())
                  .create()
                  .resource(order("ORD-8"))
                  .execute()
                  .getCreated())
          .isTrue();
    }
  }

  /** A conditional create as the FHIR specification writes it: {@code If-None-Exist: identifier=system|value}. */
  private MethodOutcome conditionalCreate(ServiceRequest order) {
    return conditionalCreate(client, order);
  }

  private static MethodOutcome conditionalCreate(IGenericClient sender, ServiceRequest order) {
    return sender
        .create()
        .resource(order)
        .withAdditionalHeader(
            "If-None-Exist",
            "identifier=" + ORDERS + "|" + order.getIdentifierFirstRep().getValue())
        .execute();
  }

  @Test
  void ifNoneExistIsReadStrictlyAsSearchParametersAndEveryHeaderIsKept() {
    conditionalCreate(order("ORD-11"));
    // HAPI's own conditional create sends a URL (base + "ServiceRequest?identifier=…"), not the
    // specification's form: refused, nothing stored.
    BaseServerResponseException asUrl =
        catchThrowableOfType(
            BaseServerResponseException.class,
            () ->
                client
                    .create()
                    .resource(order("ORD-11"))
                    .conditional()
                    .where(ServiceRequest.IDENTIFIER.exactly().systemAndCode(ORDERS, "ORD-11"))
                    .execute());
    BaseServerResponseException relative =
        catchThrowableOfType(
            BaseServerResponseException.class,
            () ->
                client
                    .create()
                    .resource(order("ORD-11"))
                    .withAdditionalHeader(
                        "If-None-Exist", "ServiceRequest?identifier=" + ORDERS + "|ORD-11")
                    .execute());

    assertThat(asUrl.getStatusCode()).isEqualTo(400);
    assertThat(asUrl.getMessage()).contains("search parameters only");
    assertThat(relative.getStatusCode()).isEqualTo(400);
    assertThat(server.storedCount()).isEqualTo(1);
    List<String> headers = server.ifNoneExistHeaders();
    assertThat(headers).hasSize(3);
    assertThat(headers.get(0)).isEqualTo("identifier=" + ORDERS + "|ORD-11");
    assertThat(headers.get(1)).startsWith(server.baseUrl() + "/ServiceRequest?identifier=");
    assertThat(headers.get(2)).isEqualTo("ServiceRequest?identifier=" + ORDERS + "|ORD-11");
  }

  @Test
  void aHeldRequestRunsOutTheSendersReadTimeoutAndStoresNothing() {
    server.hangNext();
    try {
      assertThatThrownBy(() -> conditionalCreate(impatient(), order("ORD-12")))
          .isInstanceOf(FhirClientConnectionException.class)
          .hasRootCauseInstanceOf(SocketTimeoutException.class);
    } finally {
      server.releaseHeld();
    }

    assertThat(server.storedCount()).isZero();
    assertThat(conditionalCreate(order("ORD-12")).getCreated()).isTrue();
  }

  @Test
  void aLostResponseLeavesTheOrderStoredAndTheRetryFindsIt() {
    conditionalCreate(order("ORD-13")); // the server has parsed a ServiceRequest before
    server.loseNextResponse();
    try {
      assertThatThrownBy(() -> conditionalCreate(impatient(), order("ORD-14")))
          .isInstanceOf(FhirClientConnectionException.class)
          .hasRootCauseInstanceOf(SocketTimeoutException.class);
    } finally {
      server.releaseHeld();
    }

    MethodOutcome retry = conditionalCreate(order("ORD-14"));
    assertThat(retry.getResponseStatusCode()).isEqualTo(200);
    assertThat(retry.getCreated()).isNotEqualTo(Boolean.TRUE);
    assertThat(server.storedCount()).isEqualTo(2);
    assertThat(server.createRequests()).isEqualTo(3);
  }

  private static IGenericClient impatientClient;

  /** A client of its own FHIR context, whose read timeout (1 s) runs out long before a held request is let go. */
  private static synchronized IGenericClient impatient() {
    if (impatientClient == null) {
      FhirContext context = FhirContext.forR4();
      context.getRestfulClientFactory().setSocketTimeout(1000);
      impatientClient = context.newRestfulGenericClient(server.baseUrl());
    }
    return impatientClient;
  }

  private static ServiceRequest order(String number) {
    ServiceRequest order = new ServiceRequest();
    order.addIdentifier().setSystem(ORDERS).setValue(number);
    order.setStatus(ServiceRequest.ServiceRequestStatus.ACTIVE);
    order.setIntent(ServiceRequest.ServiceRequestIntent.ORDER);
    order.getCode().setText("IRM du membre inférieur");
    order.setSubject(new Reference().setDisplay("Patient test"));
    return order;
  }
}

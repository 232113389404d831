package fr.sarcoma.referral.orders;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.sarcoma.referral.referral.ReferralRequest.Depth;
import fr.sarcoma.referral.referral.ReferralRequest.Presentation;
import fr.sarcoma.referral.referral.ReferralRequest.PriorProcedure;
import fr.sarcoma.referral.referral.Site;
import fr.sarcoma.referral.support.HttpCalls;
import fr.sarcoma.referral.support.PathwayDriver;
import fr.sarcoma.referral.support.PathwayDriver.Referral;
import fr.sarcoma.referral.support.PostgresIntegrationTest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Without an order system (the embedded default, and small centres), orders go to the coordinators'
 * worklist: a coordinator takes a referral from intake to its end through it.
 */
@PostgresIntegrationTest
class OrderWorklistIT {

  @Autowired PathwayDriver pathway;
  @LocalServerPort int port;

  private HttpCalls coordinator() {
    return HttpCalls.to(port).as("coordinator", "demo");
  }

  @Test
  void aCoordinatorCompletesAReferralThroughTheWorklist() {
    Referral referral =
        pathway.refer(
            Site.SOFT_TISSUE,
            Presentation.SWELLING_OR_PAIN,
            2.5,
            Depth.SUPERFICIAL,
            PriorProcedure.NONE);
    String orderId = pathway.placedOrder(referral, "ULTRASOUND").id().toString();

    JsonNode worklist = coordinator().get("/api/orders?status=WORKLIST").json();
    assertThat(ids(worklist)).contains(orderId);
    JsonNode order = find(worklist, orderId);
    assertThat(order.path("modality").asText()).isEqualTo("ULTRASOUND");
    assertThat(order.path("protocol").asText()).contains("Échographie");

    HttpCalls.Response scheduled =
        coordinator()
            .postJson(
                "/api/orders/" + orderId + "/schedule",
                "{\"scheduledFor\": \"" + LocalDate.now().plusDays(3) + "\"}");
    assertThat(scheduled.status()).isEqualTo(200);
    assertThat(scheduled.json().path("status").asText()).isEqualTo("SCHEDULED");
    assertThat(ids(coordinator().get("/api/orders?status=SCHEDULED").json())).contains(orderId);

    assertThat(
            coordinator()
                .postJson(
                    "/api/orders/" + orderId + "/result",
                    "{\"conclusion\": \"Lipome sous-cutané typique\", \"reportText\": \"Échographie : lipome typique, 2,5 cm\","
                        + " \"performedOn\": \""
                        + LocalDate.now()
                        + "\"}")
                .status())
        .isEqualTo(200);
    pathway.runJobs(referral);
    pathway.complete(
        referral,
        "Task_ClassifyInitialImaging",
        "radiologist",
        Map.of("imagingConclusion", "TYPICAL_BENIGN", "clinicalConcernPersists", false));

    assertThat(pathway.outcome(referral)).isEqualTo("TYPICAL_BENIGN_DISCHARGED");
    assertThat(
            coordinator()
                .postJson(
                    "/api/orders/" + orderId + "/schedule",
                    "{\"scheduledFor\": \"" + LocalDate.now() + "\"}")
                .status())
        .as("already reported")
        .isEqualTo(409);
  }

  @Test
  void theWorklistIsTheCoordinators() {
    assertThat(
            HttpCalls.to(port)
                .as("radiologist", "demo")
                .get("/api/orders?status=WORKLIST")
                .status())
        .isEqualTo(403);
    assertThat(coordinator().get("/api/orders?status=LOST").status()).isEqualTo(400);
    assertThat(
            coordinator()
                .postJson(
                    "/api/orders/" + java.util.UUID.randomUUID() + "/schedule",
                    "{\"scheduledFor\": \"2026-12-01\"}")
                .status())
        .isEqualTo(404);
  }

  private static List<String> ids(JsonNode orders) {
    List<String> ids = new ArrayList<>();
    orders.forEach(order -> ids.add(order.path("id").asText()));
    return ids;
  }

  private static JsonNode find(JsonNode orders, String id) {
    for (JsonNode order : orders) {
      if (order.path("id").asText().equals(id)) {
        return order;
      }
    }
    throw new AssertionError("order " + id + " not in the worklist");
  }
}

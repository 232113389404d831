package fr.sarcoma.referral.platform;

import static org.assertj.core.api.Assertions.assertThat;

import fr.sarcoma.referral.support.HttpCalls;
import fr.sarcoma.referral.support.PostgresIntegrationTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A variable's value never reaches the log (issue 15): a 1 MB text set through the engine's REST API fails where the
 * database stores it (a text column of 4,000 characters) and the engine logs the failure at ERROR; that line names
 * what failed, not the value (PostgreSQL's driver no longer inlines the statement's parameters, and the log filter
 * hides what a message quotes).
 */
@PostgresIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class VariableValueLogIT {

  @LocalServerPort int port;

  @Test
  void aMegabyteValueThatFailsLeavesNoTraceOfItselfInTheLog(CapturedOutput output) {
    String processInstanceId = aReferralsProcessInstance();
    String marker = "VALEUR-" + UUID.randomUUID();
    String value = marker + " " + "Masse de la cuisse. ".repeat(52_429);
    assertThat(value.length()).isGreaterThan(1_000_000);
    int before = output.getAll().length();

    HttpCalls.Response refused =
        HttpCalls.to(port)
            .as("admin", "demo")
            .putJson(
                "/engine-rest/process-instance/" + processInstanceId + "/variables/conclusion",
                "{\"value\": \"" + value + "\", \"type\": \"String\"}");

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.body()).doesNotContain(marker);
    String logged = output.getAll().substring(before);
    assertThat(logged)
        .as("the failure is logged")
        .contains("ERROR")
        .contains("value too long for type character varying(4000)");
    assertThat(logged)
        .as("without the value")
        .doesNotContain(marker)
        .doesNotContain("Masse de la cuisse");
  }

  private String aReferralsProcessInstance() {
    HttpCalls.Response created =
        HttpCalls.to(port)
            .as("coordinator", "demo")
            .postJson(
                "/api/referrals",
                """
                {"patientIdentifier": "IPP-%s", "patientDisplayName": "Marie Exemple",
                 "birthDate": "1964-05-12", "sex": "FEMALE", "referringPhysician": "Dr Durand (Nancy)",
                 "presentation": "SWELLING_OR_PAIN", "site": "SOFT_TISSUE", "anatomicalLocation": "cuisse",
                 "largestDimensionCm": 8.5, "depth": "DEEP", "priorProcedure": "NONE"}"""
                    .formatted(UUID.randomUUID().toString().substring(0, 8)));
    assertThat(created.status()).isEqualTo(201);
    String referralId = created.json().path("id").asText();
    String processInstanceId =
        HttpCalls.to(port)
            .as("admin", "demo")
            .get("/engine-rest/process-instance?variables=referralId_eq_" + referralId)
            .json()
            .path(0)
            .path("id")
            .asText();
    assertThat(processInstanceId).isNotBlank();
    return processInstanceId;
  }
}

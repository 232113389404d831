package fr.sarcoma.referral.pathway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.sarcoma.referral.platform.web.FieldProblem;
import fr.sarcoma.referral.platform.web.RuleViolationException;
import fr.sarcoma.referral.support.PostgresIntegrationTest;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** A coordinator starts a referral from Tasklist's start form: identity goes to our tables, never to the engine. */
@PostgresIntegrationTest
class StartFromTasklistIT {

  @Autowired FormService formService;
  @Autowired RepositoryService repositoryService;
  @Autowired JdbcTemplate jdbc;

  private String definitionId() {
    return repositoryService
        .createProcessDefinitionQuery()
        .processDefinitionKey(PathwayVariables.PROCESS_ID)
        .latestVersion()
        .singleResult()
        .getId();
  }

  private static Map<String, Object> startForm(String patientName) {
    Map<String, Object> form = new HashMap<>();
    form.put("intakePatientIdentifier", "IPP-TL-" + System.nanoTime());
    form.put("intakePatientName", patientName);
    form.put("intakeBirthDate", "03/11/1958");
    form.put("intakeSex", "MALE");
    form.put("intakeReferringPhysician", "Dr Lemoine, Épinal");
    form.put("intakeAnatomicalLocation", "genou droit");
    form.put("intakeNotes", "Douleurs nocturnes");
    form.put("presentation", "SWELLING_OR_PAIN");
    form.put("site", "BONE");
    form.put("depth", "UNKNOWN");
    form.put("priorProcedure", "NONE");
    return form;
  }

  @Test
  void theStartFormIsTheDeployedCamundaForm() throws Exception {
    try (var form = formService.getDeployedStartForm(definitionId())) {
      assertThat(new String(form.readAllBytes())).contains("\"id\": \"StartReferral\"");
    }
  }

  @Test
  void aReferralStartedFromTasklistKeepsThePatientOutOfTheEngine() {
    ProcessInstance instance =
        formService.submitStartForm(definitionId(), startForm("Paul Tasklist"));

    Map<String, Object> referral =
        jdbc.queryForMap(
            "select r.id, r.business_key, p.display_name from referral r join patient p on p.id = r.patient_id"
                + " where r.process_instance_id = ?",
            instance.getId());
    assertThat(referral.get("display_name")).isEqualTo("Paul Tasklist");
    assertThat(
            jdbc.queryForObject(
                "select p.birth_date from patient p join referral r on r.patient_id = p.id"
                    + " where r.process_instance_id = ?",
                String.class,
                instance.getId()))
        .as("3 November, not 11 March")
        .isEqualTo("1958-11-03");
    assertThat(
            jdbc.queryForObject(
                "select business_key_ from act_ru_execution where id_ = ?",
                String.class,
                instance.getId()))
        .isEqualTo(referral.get("business_key"));
    assertThat(
            jdbc.queryForObject(
                "select text_ from act_ru_variable where proc_inst_id_ = ? and name_ = 'referralId'",
                String.class,
                instance.getId()))
        .isEqualTo(referral.get("id").toString());
    assertThat(
            jdbc.queryForObject(
                """
        select (select count(*) from act_ru_variable where name_ like 'intake%')
             + (select count(*) from act_hi_varinst where name_ like 'intake%')
             + (select count(*) from act_hi_detail where name_ like 'intake%')
             + (select count(*) from act_hi_varinst where text_ like '%Paul Tasklist%')
        """,
                Integer.class))
        .isZero();
  }

  @Test
  void anIncompleteStartFormIsRefusedAndNothingIsStored() {
    int before = jdbc.queryForObject("select count(*) from referral", Integer.class);
    Map<String, Object> form = startForm(" ");
    form.put("site", "LEG");

    assertThatThrownBy(() -> formService.submitStartForm(definitionId(), form))
        .isInstanceOfSatisfying(
            RuleViolationException.class,
            refused ->
                assertThat(refused.problems())
                    .extracting(FieldProblem::field)
                    .containsExactlyInAnyOrder("intakePatientName", "site"))
        .hasMessageContaining("« Siège de la lésion » : doit être l'une des valeurs");
    assertThat(jdbc.queryForObject("select count(*) from referral", Integer.class))
        .isEqualTo(before);
  }

  @Test
  void theStartFormRecordsWhomTheLettersGoToAndRefusesABadSecureEmail() {
    Map<String, Object> form = startForm("Paul Courrier");
    form.put("intakeReferringPhysicianAddress", "CH Émile Durkheim, 88000 Épinal");
    form.put("intakeReferringPhysicianEmail", "dr.lemoine@ch-epinal.mssante.fr");
    form.put("intakeGeneralPractitioner", "Dr Martin, Golbey");
    form.put("intakeGeneralPractitionerEmail", "dr.martin@medecin.mssante.fr");
    ProcessInstance instance = formService.submitStartForm(definitionId(), form);

    Map<String, Object> stored =
        jdbc.queryForMap(
            """
            select referring_physician_address, referring_physician_email, general_practitioner,
              general_practitioner_email, general_practitioner_address
            from referral where process_instance_id = ?
            """,
            instance.getId());
    assertThat(stored)
        .containsEntry("referring_physician_address", "CH Émile Durkheim, 88000 Épinal")
        .containsEntry("referring_physician_email", "dr.lemoine@ch-epinal.mssante.fr")
        .containsEntry("general_practitioner", "Dr Martin, Golbey")
        .containsEntry("general_practitioner_email", "dr.martin@medecin.mssante.fr")
        .containsEntry("general_practitioner_address", null);

    Map<String, Object> bad = startForm("Paul Courrier");
    bad.put("intakeGeneralPractitionerEmail", "dr.martin at medecin");
    assertThatThrownBy(() -> formService.submitStartForm(definitionId(), bad))
        .isInstanceOfSatisfying(
            RuleViolationException.class,
            refused ->
                assertThat(refused.problems())
                    .extracting(FieldProblem::field)
                    .containsExactly("intakeGeneralPractitionerEmail"));
  }
}

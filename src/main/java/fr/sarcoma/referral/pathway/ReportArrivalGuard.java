package fr.sarcoma.referral.pathway;

import fr.sarcoma.referral.orders.ExamOrderService;
import fr.sarcoma.referral.platform.ParseListeners;
import fr.sarcoma.referral.platform.web.RuleViolationException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.pvm.process.TransitionImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * An order leaves its wait ({@code SubProcess_AwaitReport}: the order system's report, or the coordinators'
 * booking and report entry in Tasklist) only when its result is on record: our result APIs store it before they
 * correlate {@code Msg_ExamReportReceived}, and "Saisir le compte rendu" stores it as it completes. A message
 * correlated by another door (the engine's {@code /message} endpoint), or a completion that skipped the task's
 * listeners, with no stored result is refused, so a pathway never goes on to classify or review an exam that
 * nobody reported. Built in, on the one flow out of the wait.
 */
@Component
class ReportArrivalGuard extends AbstractProcessEnginePlugin {

  static final String REPORT_ON_RECORD = "SequenceFlow_ReportOnRecord";

  private final ObjectProvider<ExamOrderService> orders;

  ReportArrivalGuard(ObjectProvider<ExamOrderService> orders) {
    this.orders = orders;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    ExecutionListener resultOnRecord = this::verifyResultOnRecord;
    ParseListeners.add(
        configuration,
        new AbstractBpmnParseListener() {
          @Override
          public void parseSequenceFlow(
              Element sequenceFlowElement, ScopeImpl scope, TransitionImpl transition) {
            if (REPORT_ON_RECORD.equals(transition.getId())
                && PathwayVariables.EXAM_PROCESS_ID.equals(
                    ((ProcessDefinitionEntity) scope.getProcessDefinition()).getKey())) {
              transition.addBuiltInListener(ExecutionListener.EVENTNAME_TAKE, resultOnRecord);
            }
          }
        });
  }

  private void verifyResultOnRecord(DelegateExecution execution) {
    Object orderId = execution.getVariable(PathwayVariables.ORDER_ID);
    if (orderId == null || !orders.getObject().isRecorded(orderId.toString())) {
      throw RuleViolationException.of(
          PathwayVariables.ORDER_ID,
          "Le compte rendu d'un examen est transmis par POST /api/orders/{id}/result, "
              + "POST /fhir/DiagnosticReport ou la tâche « Saisir le compte rendu », qui l'enregistrent : "
              + "aucun compte rendu n'est enregistré pour la prescription "
              + orderId
              + ".");
    }
  }
}

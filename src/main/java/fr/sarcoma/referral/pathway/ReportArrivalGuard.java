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
 * An order moves on from {@code ReceiveTask_AwaitReport} only when its result is on record: our result APIs
 * store it before they correlate {@code Msg_ExamReportReceived}. A message correlated by another door (the
 * engine's {@code /message} endpoint) with no stored result is refused, so a pathway never goes on to classify
 * or review an exam that nobody reported. Built in, on the flow the message takes.
 */
@Component
class ReportArrivalGuard extends AbstractProcessEnginePlugin {

  static final String REPORT_ARRIVED = "SequenceFlow_ReportArrived";

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
            if (REPORT_ARRIVED.equals(transition.getId())
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
          "Le compte rendu d'un examen est transmis par "
              + "POST /api/orders/{id}/result ou POST /fhir/DiagnosticReport, qui l'enregistrent : aucun compte rendu "
              + "n'est enregistré pour la prescription "
              + orderId
              + ".");
    }
  }
}

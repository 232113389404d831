package fr.sarcoma.referral.pathway.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionEvaluationListener;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationEvent;
import org.camunda.bpm.dmn.engine.delegate.DmnEvaluatedDecisionRule;
import org.camunda.bpm.dmn.engine.impl.DmnDecisionTableImpl;
import org.camunda.bpm.dmn.engine.impl.DmnDecisionTableRuleImpl;

/** Loads a DMN file from the classpath and evaluates its decisions, recording which rule matched. */
final class DecisionTables {

  record Evaluation(String ruleId, Map<String, Object> outputs) {
    Object output(String name) {
      return outputs.get(name);
    }
  }

  private final Map<String, DmnDecision> decisions = new HashMap<>();
  private final List<String> lastMatchingRules = new ArrayList<>();
  private final Set<String> exercisedRules = new LinkedHashSet<>();
  private final DmnEngine engine;

  DecisionTables(String file) {
    DmnDecisionEvaluationListener recorder =
        event -> {
          lastMatchingRules.clear();
          ((DmnDecisionTableEvaluationEvent) event.getDecisionResult())
              .getMatchingRules().stream()
                  .map(DmnEvaluatedDecisionRule::getId)
                  .forEach(lastMatchingRules::add);
        };
    engine =
        DmnEngineConfiguration.createDefaultDmnEngineConfiguration()
            .customPostDecisionEvaluationListeners(List.of(recorder))
            .buildEngine();
    try (InputStream model = DecisionTables.class.getResourceAsStream("/bpmn/" + file)) {
      assertThat(model).as("bpmn/%s on the test classpath", file).isNotNull();
      engine.parseDecisions(model).forEach(decision -> decisions.put(decision.getKey(), decision));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Evaluation evaluate(String decisionKey, Map<String, Object> variables) {
    lastMatchingRules.clear();
    var result = engine.evaluateDecision(decision(decisionKey), variables);
    assertThat(lastMatchingRules)
        .as("matching rules of %s (hit policy FIRST)", decisionKey)
        .hasSize(1);
    String ruleId = lastMatchingRules.get(0);
    exercisedRules.add(ruleId);
    DmnDecisionResultEntries entries = result.getSingleResult();
    return new Evaluation(ruleId, Collections.unmodifiableMap(entries.getEntryMap()));
  }

  List<String> matchingRules(String decisionKey, Map<String, Object> variables) {
    lastMatchingRules.clear();
    engine.evaluateDecision(decision(decisionKey), variables);
    return List.copyOf(lastMatchingRules);
  }

  Set<String> ruleIds(String decisionKey) {
    return ((DmnDecisionTableImpl) decision(decisionKey).getDecisionLogic())
        .getRules().stream()
            .map(DmnDecisionTableRuleImpl::getId)
            .collect(Collectors.toCollection(LinkedHashSet::new));
  }

  Set<String> exercisedRules() {
    return Collections.unmodifiableSet(exercisedRules);
  }

  private DmnDecision decision(String key) {
    assertThat(decisions).as("decisions of the file").containsKey(key);
    return decisions.get(key);
  }

  static Map<String, Object> variables(Object... namesAndValues) {
    Map<String, Object> variables = new HashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      variables.put((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    return variables;
  }
}

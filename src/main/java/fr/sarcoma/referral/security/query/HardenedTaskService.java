package fr.sarcoma.referral.security.query;

import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.TaskServiceImpl;
import org.camunda.bpm.engine.task.TaskQuery;

/**
 * Every task query built through the engine (REST, webapps, our code) carries the or-query
 * expression check; it also runs when a stored filter is executed with an extending query.
 */
class HardenedTaskService extends TaskServiceImpl {

  @Override
  public TaskQuery createTaskQuery() {
    TaskQueryImpl query = (TaskQueryImpl) super.createTaskQuery();
    query.addValidator(OrQueryExpressionValidator.INSTANCE);
    return query;
  }
}

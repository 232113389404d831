package fr.sarcoma.referral.security.query;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.impl.AbstractQuery;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.Validator;

/**
 * Refuses expressions anywhere in an ad-hoc task query, including its {@code orQueries}. Camunda
 * 7.24's own ad-hoc validator only looks at the top level, and or-queries are built without it, so
 * {@code POST /task} with {@code orQueries: [{assigneeExpression: "${someBean.anyMethod()}"}]}
 * would run arbitrary code for any logged-in user.
 */
final class OrQueryExpressionValidator implements Validator<AbstractQuery<?, ?>> {

  static final OrQueryExpressionValidator INSTANCE = new OrQueryExpressionValidator();

  private OrQueryExpressionValidator() {}

  @Override
  public void validate(AbstractQuery<?, ?> query) {
    if (!(query instanceof TaskQueryImpl taskQuery)) {
      return;
    }
    // getQueries() holds the query itself first, then each or-query.
    for (TaskQueryImpl part : taskQuery.getQueries()) {
      if (!part.getExpressions().isEmpty()) {
        throw new BadUserRequestException(
            "Expressions are not allowed in task queries (including orQueries): "
                + part.getExpressions().keySet());
      }
    }
  }
}

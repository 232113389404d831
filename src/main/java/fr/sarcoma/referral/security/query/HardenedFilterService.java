package fr.sarcoma.referral.security.query;

import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.FilterServiceImpl;

/** REST {@code POST /filter}, {@code PUT /filter/{id}} and Tasklist's filter dialog all end in saveFilter. */
class HardenedFilterService extends FilterServiceImpl {

  @Override
  public Filter saveFilter(Filter filter) {
    StoredFilterExpressions.check(filter.getQuery());
    return super.saveFilter(filter);
  }
}

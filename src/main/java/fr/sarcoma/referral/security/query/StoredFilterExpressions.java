package fr.sarcoma.referral.security.query;

import java.util.regex.Pattern;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.impl.AbstractQuery;
import org.camunda.bpm.engine.impl.TaskQueryImpl;

/**
 * The only expressions a stored Tasklist filter may hold, at top level or in its or-queries: the
 * ones Tasklist's own filter dialog offers (current user, their groups, now, date arithmetic).
 * Anything else would be code run by every user who opens the filter.
 */
final class StoredFilterExpressions {

  static final Pattern ALLOWED =
      Pattern.compile(
          "^\\s*[$#]\\{\\s*(?:currentUser\\(\\)|currentUserGroups\\(\\)|now\\(\\)"
              + "|dateTime\\(\\)(?:\\.(?:plus|minus)(?:Years|Months|Weeks|Days|Hours|Minutes|Seconds)\\(\\s*\\d{1,6}\\s*\\))*"
              + "(?:\\.withTimeAtStartOfDay\\(\\))?(?:\\.toDate\\(\\))?)\\s*\\}\\s*$");

  private StoredFilterExpressions() {}

  static void check(Object query) {
    if (query instanceof TaskQueryImpl taskQuery) {
      taskQuery.getQueries().forEach(StoredFilterExpressions::checkPart);
    } else if (query instanceof AbstractQuery<?, ?> other) {
      checkPart(other);
    }
  }

  private static void checkPart(AbstractQuery<?, ?> query) {
    query
        .getExpressions()
        .forEach(
            (criterion, expression) -> {
              if (expression == null || !ALLOWED.matcher(expression).matches()) {
                throw new BadUserRequestException(
                    "Expression not allowed in a stored filter for '"
                        + criterion
                        + "': only currentUser(), currentUserGroups(), now() and dateTime() arithmetic are accepted");
              }
            });
  }
}

package fr.sarcoma.referral.security.query;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StoredFilterExpressionsTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "${currentUser()}",
        "${currentUserGroups()}",
        "${now()}",
        "#{now()}",
        "${dateTime().plusWeeks(2)}",
        "${ dateTime().minusDays(1).withTimeAtStartOfDay() }",
        "${dateTime().plusDays(7).toDate()}"
      })
  void acceptsWhatTasklistsFilterDialogOffers(String expression) {
    assertThat(StoredFilterExpressions.ALLOWED.matcher(expression).matches()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "${identityService.deleteUser('x')}",
        "${currentUser().getClass()}",
        "${now()} ${runtimeService}",
        "${dateTime().plusDays(someBean.value())}",
        "${''.getClass().forName('java.lang.Runtime')}",
        "currentUser()"
      })
  void refusesAnythingElse(String expression) {
    assertThat(StoredFilterExpressions.ALLOWED.matcher(expression).matches()).isFalse();
  }
}

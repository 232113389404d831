package fr.sarcoma.referral.support;

import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/** Row counts of everything the seeders write: equal before and after a re-seed or a restart. */
public final class SeededRows {

  private SeededRows() {}

  public static Map<String, Object> count(JdbcTemplate jdbc) {
    return jdbc.queryForMap(
        """
        select (select count(*) from act_id_user) as users,
               (select count(*) from act_id_group) as groups,
               (select count(*) from act_id_membership) as memberships,
               (select count(*) from act_ru_authorization) as authorizations,
               (select count(*) from act_ru_filter) as filters
        """);
  }
}

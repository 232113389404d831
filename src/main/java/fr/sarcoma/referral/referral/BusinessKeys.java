package fr.sarcoma.referral.referral;

import java.time.Clock;
import java.time.Year;
import javax.sql.DataSource;
import org.springframework.boot.jdbc.DatabaseDriver;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.jdbc.support.incrementer.DataFieldMaxValueIncrementer;
import org.springframework.jdbc.support.incrementer.H2SequenceMaxValueIncrementer;
import org.springframework.jdbc.support.incrementer.PostgresSequenceMaxValueIncrementer;
import org.springframework.stereotype.Component;

/** Human-readable referral numbers (SARC-2026-000123), also the process business key. */
@Component
class BusinessKeys {

  private static final String SEQUENCE = "referral_number_seq";

  private final DataFieldMaxValueIncrementer sequence;
  private final Clock clock;

  BusinessKeys(DataSource dataSource, Clock clock) throws MetaDataAccessException {
    String product =
        JdbcUtils.extractDatabaseMetaData(
            dataSource, metaData -> metaData.getDatabaseProductName());
    this.sequence =
        DatabaseDriver.fromProductName(product) == DatabaseDriver.H2
            ? new H2SequenceMaxValueIncrementer(dataSource, SEQUENCE)
            : new PostgresSequenceMaxValueIncrementer(dataSource, SEQUENCE);
    this.clock = clock;
  }

  String next() {
    return "SARC-%d-%06d".formatted(Year.now(clock).getValue(), sequence.nextLongValue());
  }
}

package dev.switchboard.store.money;

import dev.switchboard.config.DatabaseSettings;
import dev.switchboard.store.PostgresTestServer;
import org.junit.jupiter.api.extension.ExtendWith;

/** The money contract on the real PostgreSQL server, in a fresh schema dropped afterwards. */
@ExtendWith(PostgresTestServer.class)
class PostgresMoneyStoreTest extends MoneyStoreContract {
  private String schema;

  @Override protected DatabaseSettings newEmptyDatabase() {
    String url = PostgresTestServer.requireJdbcUrl();
    schema = PostgresTestServer.uniqueSchema();
    return new DatabaseSettings(PostgresTestServer.withParameter(url, "currentSchema=" + schema), null, null, 16);
  }

  @Override protected void dropDatabases() throws Exception {
    String url = PostgresTestServer.jdbcUrl().orElse(null);
    if (url != null && schema != null) PostgresTestServer.dropSchema(url, schema);
  }
}

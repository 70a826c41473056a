package dev.switchboard.store;

import dev.switchboard.config.DatabaseSettings;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The contract on the real PostgreSQL server: every database is a fresh schema (named in the URL's
 * {@code currentSchema}, created by Flyway) that is dropped afterwards. Skipped when no server is reachable,
 * failed instead when {@code CI=true} (see {@link PostgresTestServer}).
 */
@ExtendWith(PostgresTestServer.class)
class PostgresRequestLogStoreTest extends RequestLogStoreContract {
  private final List<String> schemas = new ArrayList<>();

  @Override protected DatabaseSettings newEmptyDatabase() {
    String url = PostgresTestServer.requireJdbcUrl();
    String schema = PostgresTestServer.uniqueSchema();
    schemas.add(schema);
    return new DatabaseSettings(PostgresTestServer.withParameter(url, "currentSchema=" + schema), null, null, 4);
  }

  @Override protected void dropDatabases() throws Exception {
    String url = PostgresTestServer.jdbcUrl().orElse(null);
    if (url == null) return;
    for (String schema : schemas) PostgresTestServer.dropSchema(url, schema);
  }
}

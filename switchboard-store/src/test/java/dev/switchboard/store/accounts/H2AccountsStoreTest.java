package dev.switchboard.store.accounts;

import dev.switchboard.config.DatabaseSettings;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class H2AccountsStoreTest extends AccountsStoreContract {
  @TempDir static Path dir;

  @Override protected DatabaseSettings newEmptyDatabase() {
    return new DatabaseSettings("jdbc:h2:file:" + dir.resolve("accounts") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
        "sa", "", 4);
  }

  @Override protected void dropDatabases() {}
}

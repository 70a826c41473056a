package dev.switchboard.store.money;

import dev.switchboard.config.DatabaseSettings;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The money contract on embedded H2 (PostgreSQL mode, same migrations). */
class H2MoneyStoreTest extends MoneyStoreContract {
  @TempDir static Path dir;

  @Override protected DatabaseSettings newEmptyDatabase() {
    return new DatabaseSettings("jdbc:h2:file:" + dir.resolve("money") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
        + "DEFAULT_NULL_ORDERING=HIGH", "sa", "", 8);
  }

  @Override protected void dropDatabases() {}
}

package dev.switchboard.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.config.DatabaseSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The contract on embedded H2 (file databases in a temporary directory), plus H2-specific startup checks. */
class H2RequestLogStoreTest extends RequestLogStoreContract {
  private static final String OPTIONS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";

  @TempDir static Path dir;
  private final AtomicInteger databases = new AtomicInteger();

  @Override protected DatabaseSettings newEmptyDatabase() {
    return h2(dir.resolve("db" + databases.incrementAndGet()).resolve("switchboard"));
  }

  @Override protected void dropDatabases() {} // @TempDir removes the files

  private static DatabaseSettings h2(Path file) {
    return new DatabaseSettings("jdbc:h2:file:" + file + OPTIONS, "sa", "", 4);
  }

  @Test
  void opening_creates_the_missing_directories_of_the_database_file() {
    Path file = dir.resolve("nested/deeper/switchboard");
    try (Database db = Database.open(h2(file))) {
      assertThat(db.ping()).isTrue();
    }
    assertThat(Files.isDirectory(file.getParent())).isTrue();
    assertThat(file.resolveSibling("switchboard.mv.db")).exists();
  }

  @Test
  void default_url_is_h2_in_postgres_mode_in_the_data_directory() {
    assertThat(Database.h2FileDirectory(DatabaseSettings.DEFAULT_H2_URL)).contains(Path.of("data").toAbsolutePath());
    assertThat(Database.h2FileDirectory("jdbc:h2:mem:x")).isEmpty();
  }

  @Test
  void startup_of_pool_and_migrations_stays_well_under_a_second() {
    // The first open in this JVM pays class loading; a later one shows the steady cost of pool start + Flyway.
    Duration fresh;
    try (Database db = Database.open(newEmptyDatabase())) {
      fresh = db.startupTime();
    }
    Duration reopen;
    DatabaseSettings settings = newEmptyDatabase();
    try (Database db = Database.open(settings)) {}
    try (Database db = Database.open(settings)) {
      reopen = db.startupTime();
    }
    System.err.printf("[H2RequestLogStoreTest] H2 startup: empty database %d ms, existing database %d ms%n",
        fresh.toMillis(), reopen.toMillis());
    assertThat(reopen).isLessThan(Duration.ofSeconds(1));
  }

  @Test
  void unreachable_database_fails_fast_without_leaking_the_password() {
    long start = System.nanoTime();
    assertThatThrownBy(() -> Database.open(new DatabaseSettings(
        "jdbc:postgresql://127.0.0.1:1/none?password=s3cret", "nobody", "s3cret", 2)))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("jdbc:postgresql://127.0.0.1:1/none")
        .hasMessageNotContaining("s3cret");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void bad_settings_are_refused_naming_the_field() {
    assertThatThrownBy(() -> Database.open(new DatabaseSettings("jdbc:mysql://x/y", null, null, 2)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("database.url");
    assertThatThrownBy(() -> Database.open(new DatabaseSettings(h2(dir.resolve("p/x")).url(), "sa", "", 0)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("database.poolSize");
  }
}

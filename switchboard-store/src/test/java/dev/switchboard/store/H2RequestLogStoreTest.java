package dev.switchboard.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.config.DatabaseSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.jdbcx.JdbcDataSource;
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

  // --- storing what a batch wrote (RequestLogRepository.of on H2) ---

  /** A write delay long enough that H2's background store never runs during a test: only a CHECKPOINT writes. */
  private static DatabaseSettings h2WithoutBackgroundStore(Path file) {
    return new DatabaseSettings("jdbc:h2:file:" + file + OPTIONS + ";WRITE_DELAY=600000", "sa", "", 2);
  }

  private static long fileWrites(Database db) throws SQLException {
    try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(
            "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'info.FILE_WRITE'")) {
      rs.next();
      return Long.parseLong(rs.getString(1));
    }
  }

  private static List<RequestRecord> rows(String prefix, int n) {
    List<RequestRecord> out = new ArrayList<>(n);
    Instant t = Instant.parse("2025-03-01T10:15:30Z");
    for (int i = 0; i < n; i++) out.add(full(prefix + i, t.plusMillis(i)));
    return out;
  }

  @Test
  void on_h2_a_batch_once_enough_rows_are_unsaved_is_stored_to_the_file_at_once() throws Exception {
    try (Database db = Database.open(h2WithoutBackgroundStore(dir.resolve("store-after").resolve("switchboard")))) {
      RequestLogRepository repo = RequestLogRepository.of(db);
      long before = fileWrites(db);
      repo.insertBatch(rows("small-", 10)); // below the threshold: left to H2's own write delay
      assertThat(fileWrites(db)).isEqualTo(before);
      repo.insertBatch(rows("big-", RequestLogRepository.H2_STORE_EVERY_ROWS));
      long afterFirst = fileWrites(db);
      assertThat(afterFirst).isGreaterThan(before);
      repo.insertBatch(rows("next-", 10)); // the count starts again after a store
      assertThat(fileWrites(db)).isEqualTo(afterFirst);
      assertThat(repo.count()).isEqualTo(20 + RequestLogRepository.H2_STORE_EVERY_ROWS);
    }
  }

  @Test
  void stores_are_at_least_the_minimum_interval_apart_however_full_the_batches() throws Exception {
    try (Database db = Database.open(h2WithoutBackgroundStore(dir.resolve("interval").resolve("switchboard")))) {
      long hour = java.util.concurrent.TimeUnit.HOURS.toNanos(1);
      RequestLogRepository repo =
          new RequestLogRepository(db.dataSource(), RequestLogRepository.H2_STORE_EVERY_ROWS, hour);
      long before = fileWrites(db);
      repo.insertBatch(rows("first-", RequestLogRepository.H2_STORE_EVERY_ROWS)); // the first store is due at once
      long afterFirst = fileWrites(db);
      assertThat(afterFirst).isGreaterThan(before);
      repo.insertBatch(rows("second-", RequestLogRepository.H2_STORE_EVERY_ROWS * 3)); // within the hour: none
      assertThat(fileWrites(db)).isEqualTo(afterFirst);
      assertThat(repo.count()).isEqualTo(4L * RequestLogRepository.H2_STORE_EVERY_ROWS);
    }
  }

  @Test
  void without_the_store_hint_h2_keeps_the_batch_in_memory_until_its_write_delay() throws Exception {
    try (Database db = Database.open(h2WithoutBackgroundStore(dir.resolve("no-hint").resolve("switchboard")))) {
      RequestLogRepository repo = new RequestLogRepository(db.dataSource());
      long before = fileWrites(db);
      repo.insertBatch(rows("r-", RequestLogRepository.H2_STORE_EVERY_ROWS * 2));
      assertThat(fileWrites(db)).isEqualTo(before);
      assertThat(repo.count()).isEqualTo(RequestLogRepository.H2_STORE_EVERY_ROWS * 2L);
    }
  }

  @Test
  void a_refused_checkpoint_never_fails_or_repeats_a_committed_batch() throws Exception {
    Path file = dir.resolve("no-admin").resolve("switchboard");
    try (Database db = Database.open(h2WithoutBackgroundStore(file));
        Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
      // CHECKPOINT needs H2 admin rights: a user that may only write the request log gets it refused.
      s.execute("CREATE USER logger PASSWORD 'pw'");
      s.execute("GRANT SELECT, INSERT ON request_log TO logger");
      JdbcDataSource asLogger = new JdbcDataSource();
      asLogger.setURL("jdbc:h2:file:" + file + OPTIONS);
      asLogger.setUser("logger");
      asLogger.setPassword("pw");
      RequestLogRepository repo = new RequestLogRepository(asLogger, RequestLogRepository.H2_STORE_EVERY_ROWS, 0);
      repo.insertBatch(rows("a-", RequestLogRepository.H2_STORE_EVERY_ROWS)); // refused, logged once
      repo.insertBatch(rows("b-", RequestLogRepository.H2_STORE_EVERY_ROWS)); // not tried again
      assertThat(new RequestLogRepository(db.dataSource()).count())
          .isEqualTo(2L * RequestLogRepository.H2_STORE_EVERY_ROWS);
    }
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

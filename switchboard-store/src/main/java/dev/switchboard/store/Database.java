package dev.switchboard.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.switchboard.config.DatabaseSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection pool plus the schema: opening it creates the pool and applies the Flyway migrations, so a
 * {@code Database} that exists is ready to use. H2 (embedded, default) and PostgreSQL share the same migrations.
 */
public final class Database implements AutoCloseable {
  static {
    // H2 interns every value it reads or writes in a global cache; the request log writes unique values, so the
    // cache only costs CPU (measured: ~8% of H2's insert time). Set before H2 loads; an explicit -D wins.
    if (System.getProperty("h2.objectCache") == null) System.setProperty("h2.objectCache", "false");
  }

  static final String MIGRATIONS = "classpath:db/migration";
  private static final Duration DEFAULT_PING_TIMEOUT = Duration.ofSeconds(1);
  private static final Logger LOG = LoggerFactory.getLogger(Database.class);

  private final HikariDataSource pool;
  private final boolean postgres;
  private final int migrationsExecuted;
  private final Duration startupTime;

  private Database(HikariDataSource pool, boolean postgres, int migrationsExecuted, Duration startupTime) {
    this.pool = pool;
    this.postgres = postgres;
    this.migrationsExecuted = migrationsExecuted;
    this.startupTime = startupTime;
  }

  /**
   * Opens the pool and migrates the schema. Fails fast (one connection attempt, no retry loop) with a
   * {@link StoreException} when the database cannot be reached or migrated.
   */
  public static Database open(DatabaseSettings settings) {
    long start = System.nanoTime();
    String url = settings.url() == null || settings.url().isBlank() ? DatabaseSettings.DEFAULT_H2_URL : settings.url();
    if (settings.poolSize() < 1) {
      throw new IllegalArgumentException("database.poolSize must be at least 1, got " + settings.poolSize());
    }
    boolean postgres = url.startsWith("jdbc:postgresql:");
    if (!postgres && !url.startsWith("jdbc:h2:")) {
      throw new IllegalArgumentException("database.url must start with jdbc:h2: or jdbc:postgresql:, got " + redacted(url));
    }
    h2FileDirectory(url).ifPresent(Database::createDirectory);
    if (!postgres) url = closedOnlyByUs(url);
    HikariDataSource pool;
    try {
      pool = new HikariDataSource(poolConfig(url, settings, postgres));
    } catch (RuntimeException e) {
      throw new StoreException("Cannot connect to database " + redacted(url) + ": "
          + rootMessage(e, url, settings.password()), e);
    }
    try {
      FluentConfiguration flyway = Flyway.configure(Database.class.getClassLoader())
          .dataSource(pool)
          .locations(MIGRATIONS);
      // A schema named in the URL is where the tables live; Flyway creates it when it does not exist yet.
      if (postgres) currentSchema(url).ifPresent(flyway::schemas);
      int executed = flyway.load().migrate().migrationsExecuted;
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      LOG.info("Database ready ({}) in {} ms, {} migration(s) applied",
          postgres ? "PostgreSQL" : "H2", took.toMillis(), executed);
      return new Database(pool, postgres, executed, took);
    } catch (RuntimeException e) {
      pool.close();
      throw new StoreException("Cannot migrate database " + redacted(url) + ": "
          + rootMessage(e, url, settings.password()), e);
    }
  }

  /**
   * H2 closes a database from its own JVM shutdown hook by default, which races the gateway's: on SIGTERM the
   * request-log writer's last batch and the billing leases then met "Database is already closed" and were lost.
   * The pool's close (the last step of the gateway's shutdown) closes the database instead.
   */
  static String closedOnlyByUs(String h2Url) {
    return h2Url.toUpperCase(Locale.ROOT).contains(";DB_CLOSE_ON_EXIT=") ? h2Url : h2Url + ";DB_CLOSE_ON_EXIT=FALSE";
  }

  private static HikariConfig poolConfig(String url, DatabaseSettings settings, boolean postgres) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("switchboard-db");
    config.setJdbcUrl(url);
    config.setUsername(settings.user());
    config.setPassword(settings.password());
    config.setMaximumPoolSize(settings.poolSize());
    // One warm connection is enough at startup; the rest are opened on demand in the background.
    config.setMinimumIdle(1);
    config.setConnectionTimeout(3_000);
    config.setValidationTimeout(1_000);
    // Try exactly once while opening: an unreachable database is reported at once instead of after a retry loop.
    config.setInitializationFailTimeout(1);
    if (postgres) {
      // Turns a JDBC batch into multi-row INSERTs: one round trip per batch instead of one per row.
      config.addDataSourceProperty("reWriteBatchedInserts", "true");
      config.addDataSourceProperty("connectTimeout", "5");
      config.addDataSourceProperty("ApplicationName", "switchboard");
    }
    return config;
  }

  public DataSource dataSource() { return pool; }

  public boolean isPostgres() { return postgres; }

  /** Migrations this {@code open} applied: all of them on an empty database, 0 when the schema was current. */
  public int migrationsExecuted() { return migrationsExecuted; }

  /** Wall time {@link #open} took: pool start plus migrations. */
  public Duration startupTime() { return startupTime; }

  /** Readiness check bounded by one second; never throws. */
  public boolean ping() { return ping(DEFAULT_PING_TIMEOUT); }

  /**
   * True when a pooled connection can be obtained and validated within {@code timeout}. The check runs on its own
   * virtual thread so a hung connection attempt cannot hold the caller longer than the timeout.
   */
  public boolean ping(Duration timeout) {
    if (pool.isClosed()) return false;
    FutureTask<Boolean> check = new FutureTask<>(() -> {
      try (Connection c = pool.getConnection()) {
        return c.isValid((int) Math.max(1, (timeout.toMillis() + 999) / 1000));
      }
    });
    Thread.ofVirtual().name("switchboard-db-ping").start(check);
    try {
      return check.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException | ExecutionException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override public void close() { pool.close(); }

  /** The directory of an embedded H2 file database ({@code jdbc:h2:file:PATH} or {@code jdbc:h2:PATH}). */
  static Optional<Path> h2FileDirectory(String url) {
    if (!url.startsWith("jdbc:h2:")) return Optional.empty();
    String rest = url.substring("jdbc:h2:".length());
    int semi = rest.indexOf(';');
    if (semi >= 0) rest = rest.substring(0, semi);
    if (rest.startsWith("file:")) {
      rest = rest.substring("file:".length());
    } else if (rest.startsWith("mem:") || rest.startsWith("tcp:") || rest.startsWith("ssl:")
        || rest.startsWith("zip:") || rest.startsWith("split:") || rest.startsWith("nio")
        || rest.startsWith("async:") || rest.startsWith("memFS:") || rest.startsWith("memLZF:")) {
      return Optional.empty();
    }
    if (rest.isEmpty()) return Optional.empty();
    // H2 expands a leading ~ to the user's home directory.
    if (rest.startsWith("~")) rest = System.getProperty("user.home") + rest.substring(1);
    return Optional.ofNullable(Path.of(rest).toAbsolutePath().normalize().getParent());
  }

  private static void createDirectory(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new StoreException("Cannot create database directory " + dir + ": " + e.getMessage(), e);
    }
  }

  /** The first schema of a PostgreSQL URL's {@code currentSchema} parameter. */
  static Optional<String> currentSchema(String url) {
    int query = url.indexOf('?');
    if (query < 0) return Optional.empty();
    for (String param : url.substring(query + 1).split("&")) {
      if (param.startsWith("currentSchema=")) {
        String value = param.substring("currentSchema=".length());
        int comma = value.indexOf(',');
        if (comma >= 0) value = value.substring(0, comma);
        return value.isBlank() ? Optional.empty() : Optional.of(value);
      }
    }
    return Optional.empty();
  }

  /**
   * The URL without parameters and without {@code user:password@} after {@code //}: where a password could appear
   * (the PostgreSQL driver does not read user info there, takes it for part of the host and repeats it in its errors).
   */
  static String redacted(String url) {
    int cut = url.length();
    int q = url.indexOf('?');
    if (q >= 0) cut = q;
    int semi = url.indexOf(';');
    if (semi >= 0 && semi < cut) cut = semi;
    String out = url.substring(0, cut);
    int hostStart = out.indexOf("//");
    int at = hostStart < 0 ? -1 : out.indexOf('@', hostStart + 2);
    int slash = hostStart < 0 ? -1 : out.indexOf('/', hostStart + 2);
    if (at > 0 && (slash < 0 || at < slash)) out = out.substring(0, hostStart + 2) + "***@" + out.substring(at + 1);
    return out;
  }

  /** The failure's message and its root cause's, with the URL's user info and the password taken out. */
  private static String rootMessage(Throwable e, String url, String password) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) t = t.getCause();
    String message = t == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + t.getMessage() + ")";
    int hostStart = url.indexOf("//");
    int at = hostStart < 0 ? -1 : url.indexOf('@', hostStart + 2);
    if (at > 0) message = message.replace(url.substring(hostStart + 2, at), "***");
    if (password != null && !password.isEmpty()) message = message.replace(password, "***");
    return message;
  }
}

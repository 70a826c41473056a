package dev.switchboard.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The PostgreSQL server tests run against: {@code SWITCHBOARD_TEST_PG_URL} when set, else
 * {@code jdbc:postgresql://127.0.0.1:5432/test} as user postgres, then root (trust auth, no password).
 * When it is not reachable the tests are skipped with a visible reason, except with {@code CI=true}, where a missing
 * server is a failure: CI must never pass by silently skipping the PostgreSQL half of the suite.
 * As a JUnit extension ({@code @ExtendWith(PostgresTestServer.class)}) it applies that rule to a whole class, so the
 * skip is reported as skipped tests rather than silently running none.
 */
public final class PostgresTestServer implements ExecutionCondition {
  static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/test";
  private static final List<String> USERS = List.of("postgres", "root");
  private static Probe probe;

  private record Probe(Optional<String> url, String failure) {}

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    if (jdbcUrl().isPresent()) return ConditionEvaluationResult.enabled("PostgreSQL is reachable");
    String message = unreachableMessage();
    System.err.println("[PostgresTestServer] " + message);
    if (ci()) throw new AssertionError(message);
    return ConditionEvaluationResult.disabled(message);
  }

  /** A working JDBC URL (user included as a URL parameter), or empty when no server answers. Probed once. */
  public static synchronized Optional<String> jdbcUrl() {
    if (probe == null) probe = findServer();
    return probe.url();
  }

  /** The URL, or aborts the calling test (skip) with the reason, or fails it when {@code CI=true}. */
  public static String requireJdbcUrl() {
    Optional<String> url = jdbcUrl();
    if (url.isPresent()) return url.get();
    String message = unreachableMessage();
    System.err.println("[PostgresTestServer] " + message);
    if (ci()) Assertions.fail(message);
    Assumptions.abort(message);
    throw new AssertionError("unreachable");
  }

  private static boolean ci() { return "true".equalsIgnoreCase(System.getenv("CI")); }

  private static synchronized String unreachableMessage() {
    return "PostgreSQL is not reachable (" + probe.failure() + "): "
        + (ci() ? "failing because CI=true" : "skipping PostgreSQL tests (set CI=true to make this a failure)");
  }

  /** {@code url} with one more query parameter. */
  public static String withParameter(String url, String parameter) {
    return url + (url.indexOf('?') >= 0 ? "&" : "?") + parameter;
  }

  /** A schema name no other test run uses. */
  public static String uniqueSchema() {
    return "sb_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }

  public static void dropSchema(String url, String schema) throws SQLException {
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }
  }

  private static Probe findServer() {
    String configured = System.getenv("SWITCHBOARD_TEST_PG_URL");
    List<String> candidates = new ArrayList<>();
    if (configured != null && !configured.isBlank()) candidates.add(configured);
    else for (String user : USERS) candidates.add(withParameter(DEFAULT_URL, "user=" + user));
    List<String> failures = new ArrayList<>();
    for (String candidate : candidates) {
      try (Connection c = DriverManager.getConnection(withParameter(candidate, "connectTimeout=2&loginTimeout=3"))) {
        if (c.isValid(2)) return new Probe(Optional.of(candidate), null);
      } catch (SQLException e) {
        failures.add(Database.redacted(candidate) + " " + userOf(candidate) + ": " + e.getMessage());
      }
    }
    return new Probe(Optional.empty(), String.join("; ", failures));
  }

  private static String userOf(String url) {
    int at = url.indexOf("user=");
    if (at < 0) return "(default user)";
    int end = url.indexOf('&', at);
    return "as " + url.substring(at + "user=".length(), end < 0 ? url.length() : end);
  }
}

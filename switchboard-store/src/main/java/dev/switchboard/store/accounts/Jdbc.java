package dev.switchboard.store.accounts;

import dev.switchboard.store.StoreException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Parameterized statements only: every value is bound with {@code setObject}, never concatenated into SQL, so text
 * fields cannot inject SQL. Runs unchanged on H2 (PostgreSQL mode) and PostgreSQL.
 */
final class Jdbc {
  interface Row<T> { T map(ResultSet rs) throws SQLException; }

  private final DataSource ds;

  Jdbc(DataSource ds) { this.ds = ds; }

  <T> List<T> list(String sql, Row<T> row, Object... args) {
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, args);
      try (ResultSet rs = ps.executeQuery()) {
        List<T> out = new ArrayList<>();
        while (rs.next()) out.add(row.map(rs));
        return out;
      }
    } catch (SQLException e) {
      throw new StoreException("Query failed: " + e.getMessage(), e);
    }
  }

  <T> Optional<T> one(String sql, Row<T> row, Object... args) {
    List<T> l = list(sql, row, args);
    return l.isEmpty() ? Optional.empty() : Optional.ofNullable(l.get(0));
  }

  int update(String sql, Object... args) {
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, args);
      return ps.executeUpdate();
    } catch (SQLException e) {
      throw new StoreException("Update failed: " + e.getMessage(), e);
    }
  }

  /** An INSERT returning the generated id. */
  long insert(String sql, Object... args) {
    try (Connection c = ds.getConnection();
         PreparedStatement ps = c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
      bind(ps, args);
      ps.executeUpdate();
      try (ResultSet rs = ps.getGeneratedKeys()) {
        if (!rs.next()) throw new StoreException("No generated id for insert", null);
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      if (unique(e)) throw new DuplicateException(e);
      throw new StoreException("Insert failed: " + e.getMessage(), e);
    }
  }

  /** SQLSTATE 23505: unique violation on both PostgreSQL and H2. */
  static boolean unique(SQLException e) { return "23505".equals(e.getSQLState()); }

  private static void bind(PreparedStatement ps, Object[] args) throws SQLException {
    for (int i = 0; i < args.length; i++) {
      Object a = args[i];
      switch (a) {
        case null -> ps.setNull(i + 1, Types.NULL);
        case Instant t -> ps.setObject(i + 1, OffsetDateTime.ofInstant(t.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC),
            Types.TIMESTAMP_WITH_TIMEZONE);
        case Typed t -> ps.setNull(i + 1, t.sqlType());
        default -> ps.setObject(i + 1, a);
      }
    }
  }

  /** A typed SQL NULL (PostgreSQL needs the type for some nulls). */
  record Typed(int sqlType) {}

  static final Typed NULL_LONG = new Typed(Types.BIGINT);
  static final Typed NULL_TEXT = new Typed(Types.VARCHAR);
  static final Typed NULL_DECIMAL = new Typed(Types.NUMERIC);
  static final Typed NULL_TIME = new Typed(Types.TIMESTAMP_WITH_TIMEZONE);
  static final Typed NULL_INT = new Typed(Types.INTEGER);

  static Object orNull(Long v) { return v == null ? NULL_LONG : v; }
  static Object orNull(String v) { return v == null ? NULL_TEXT : v; }
  static Object orNull(BigDecimal v) { return v == null ? NULL_DECIMAL : v; }
  static Object orNull(Instant v) { return v == null ? NULL_TIME : v; }
  static Object orNull(Integer v) { return v == null ? NULL_INT : v; }

  static Instant time(ResultSet rs, String col) throws SQLException {
    OffsetDateTime t = rs.getObject(col, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  static Long longOrNull(ResultSet rs, String col) throws SQLException {
    long v = rs.getLong(col);
    return rs.wasNull() ? null : v;
  }

  static Integer intOrNull(ResultSet rs, String col) throws SQLException {
    int v = rs.getInt(col);
    return rs.wasNull() ? null : v;
  }

  /** Trailing zeros stripped so values compare equal across backends (NUMERIC scale differs). */
  static BigDecimal decimal(ResultSet rs, String col) throws SQLException {
    BigDecimal v = rs.getBigDecimal(col);
    return v == null ? null : v.stripTrailingZeros();
  }
}

package dev.switchboard.store.money;

import dev.switchboard.store.StoreException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import javax.sql.DataSource;

/** Small JDBC helpers shared by the money stores: one transaction around a body, retried on serialization failures. */
final class Sql {
  private Sql() {}

  interface TxBody<T> {
    T run(Connection c) throws SQLException;
  }

  /**
   * Runs {@code body} in one transaction (READ COMMITTED; row locks do the rest). A deadlock or serialization
   * failure (SQLState 40001 / 40P01) is retried a few times; a {@link MoneyException} rolls back and propagates.
   */
  static <T> T tx(DataSource ds, TxBody<T> body) {
    for (int attempt = 1; ; attempt++) {
      try (Connection c = ds.getConnection()) {
        c.setAutoCommit(false);
        try {
          T out = body.run(c);
          c.commit();
          return out;
        } catch (SQLException | RuntimeException e) {
          c.rollback();
          throw e;
        } finally {
          c.setAutoCommit(true);
        }
      } catch (SQLException e) {
        String state = e.getSQLState();
        boolean retry = "40001".equals(state) || "40P01".equals(state) || "HYT00".equals(state);
        if (retry && attempt < 5) continue;
        throw new StoreException("money store: " + e.getMessage(), e);
      }
    }
  }

  static Timestamp ts(Instant i) { return i == null ? null : Timestamp.from(i); }

  static Instant instant(Timestamp t) { return t == null ? null : t.toInstant(); }

  static BigDecimal money(BigDecimal d) { return d == null ? null : d.setScale(10, java.math.RoundingMode.HALF_EVEN); }

  static boolean duplicateKey(SQLException e) { return "23505".equals(e.getSQLState()); }

  static void bind(PreparedStatement ps, Object... values) throws SQLException {
    for (int i = 0; i < values.length; i++) ps.setObject(i + 1, values[i]);
  }
}

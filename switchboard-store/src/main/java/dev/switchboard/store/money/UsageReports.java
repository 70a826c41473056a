package dev.switchboard.store.money;

import dev.switchboard.billing.Money;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Usage and billing views over {@code usage_records} and the ledger: totals grouped by model, key or day (UTC),
 * for one tenant or, for operators, across tenants; CSV exports streamed row by row.
 */
public final class UsageReports {
  private final DataSource ds;

  public UsageReports(DataSource ds) { this.ds = ds; }

  public enum GroupBy { MODEL, KEY, DAY, TENANT }

  /** One group's totals; {@code group} is the model, key id, ISO day or tenant id as text. */
  public record Row(String group, long requests, long inputTokens, long outputTokens, long cachedTokens,
                    long cacheWriteTokens, long reasoningTokens, BigDecimal cost) {}

  /** Totals between {@code from} (inclusive) and {@code to} (exclusive); {@code tenants} says whose. */
  public List<Row> summary(TenantFilter tenants, Instant from, Instant to, GroupBy by) {
    String key = switch (by) {
      case MODEL -> "model";
      case KEY -> "key_id";
      case TENANT -> "tenant_id";
      case DAY -> "CAST(time AS DATE)";
    };
    StringBuilder sql = new StringBuilder("SELECT ").append(key).append(", COUNT(*), SUM(input_tokens),"
        + " SUM(output_tokens), SUM(cached_tokens), SUM(cache_write_tokens), SUM(reasoning_tokens), SUM(cost)"
        + " FROM usage_records WHERE time >= ? AND time < ?");
    List<Object> args = new ArrayList<>(List.of(Sql.ts(from), Sql.ts(to)));
    tenants.append(sql, args);
    sql.append(" GROUP BY ").append(key).append(" ORDER BY ").append(key);
    return Sql.tx(ds, c -> {
      if (by == GroupBy.DAY) utc(c);
      List<Row> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
        Sql.bind(ps, args.toArray());
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            Object g = rs.getObject(1);
            String group = g == null ? null : by == GroupBy.DAY ? rs.getDate(1).toLocalDate().toString() : g.toString();
            out.add(new Row(group, rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6),
                rs.getLong(7), Money.of(rs.getBigDecimal(8))));
          }
        }
      }
      return out;
    });
  }

  /** Days are UTC days whatever the server's zone. */
  private static void utc(java.sql.Connection c) throws java.sql.SQLException {
    try (var s = c.createStatement()) {
      s.execute(c.getMetaData().getDatabaseProductName().contains("H2") ? "SET TIME ZONE 'UTC'" : "SET LOCAL TIME ZONE 'UTC'");
    }
  }

  /** Every usage record in the window as CSV (header first), oldest first. */
  public void usageCsv(TenantFilter tenants, Instant from, Instant to, Writer out) {
    StringBuilder sql = new StringBuilder("SELECT time, request_id, tenant_id, key_id, model, endpoint, status,"
        + " input_tokens, cached_tokens, cache_write_tokens, output_tokens, reasoning_tokens, cost FROM usage_records"
        + " WHERE time >= ? AND time < ?");
    List<Object> args = new ArrayList<>(List.of(Sql.ts(from), Sql.ts(to)));
    tenants.append(sql, args);
    sql.append(" ORDER BY time, request_id");
    csv(sql.toString(), args, out, "time,request_id,tenant_id,key_id,model,endpoint,status,input_tokens,"
        + "cached_tokens,cache_write_tokens,output_tokens,reasoning_tokens,cost");
  }

  /** Ledger entries in the window as CSV, oldest first. */
  public void ledgerCsv(TenantFilter tenants, Instant from, Instant to, Writer out) {
    StringBuilder sql = new StringBuilder("SELECT created_at, id, tenant_id, kind, amount, balance_after, reason,"
        + " reference FROM ledger_entries WHERE created_at >= ? AND created_at < ?");
    List<Object> args = new ArrayList<>(List.of(Sql.ts(from), Sql.ts(to)));
    tenants.append(sql, args);
    sql.append(" ORDER BY id");
    csv(sql.toString(), args, out, "time,entry_id,tenant_id,kind,amount,balance_after,reason,reference");
  }

  private void csv(String sql, List<Object> args, Writer out, String header) {
    Sql.tx(ds, c -> {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setFetchSize(1000);
        Sql.bind(ps, args.toArray());
        try (ResultSet rs = ps.executeQuery()) {
          int n = rs.getMetaData().getColumnCount();
          out.write(header);
          out.write("\r\n");
          while (rs.next()) {
            for (int i = 1; i <= n; i++) {
              if (i > 1) out.write(',');
              Object v = rs.getObject(i);
              if (v instanceof java.sql.Timestamp t) out.write(t.toInstant().toString());
              else if (v instanceof BigDecimal d) out.write(Money.of(d).toPlainString());
              else if (v != null) out.write(cell(v.toString()));
            }
            out.write("\r\n");
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return null;
    });
  }

  /**
   * RFC 4180 quoting, plus a leading apostrophe for text starting with = + - @ (spreadsheet formula injection):
   * model names and reasons come from people.
   */
  static String cell(String s) {
    String v = s;
    if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) v = "'" + v;
    if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0 || !v.equals(s)) {
      return '"' + v.replace("\"", "\"\"") + '"';
    }
    return v;
  }

  /** Start of a UTC day. */
  public static Instant day(LocalDate d) { return d.atStartOfDay(ZoneOffset.UTC).toInstant(); }
}

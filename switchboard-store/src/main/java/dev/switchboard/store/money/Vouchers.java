package dev.switchboard.store.money;

import dev.switchboard.billing.Money;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Redeemable codes. Codes are random (100 bits, Crockford base32, grouped), stored as SHA-256 hex. Redemption is
 * one transaction: a conditional {@code UPDATE ... SET uses = uses + 1 WHERE uses < max_uses AND not expired}
 * (the row lock makes concurrent redemptions of the last use serialise: exactly one succeeds), the per-tenant
 * redemption row (a tenant redeems a voucher once) and the {@code voucher} ledger credit.
 */
public final class Vouchers {
  private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Ledger ledger;

  public Vouchers(Ledger ledger) { this.ledger = ledger; }

  /** The voucher and its code, shown this once. */
  public record Issued(Voucher voucher, String code) {
    @Override public String toString() { return "Issued[" + voucher + ", code=***]"; }
  }

  public Issued issue(BigDecimal amount, int maxUses, Instant expiresAt, String note, String actor) {
    if (maxUses < 1) throw MoneyException.invalid("max_uses", "max_uses must be at least 1");
    Instant now = ledger.clock().instant();
    if (expiresAt != null && !expiresAt.isAfter(now)) throw MoneyException.invalid("expires_at", "expires_at is in the past");
    String code = newCode();
    return Sql.tx(ledger.dataSource(), c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO vouchers (code_hash, code_prefix, amount, max_uses,"
          + " uses, expires_at, status, note, created_by, created_at) VALUES (?,?,?,?,0,?,'active',?,?,?)",
          Statement.RETURN_GENERATED_KEYS)) {
        Sql.bind(ps, hash(code), code.substring(0, 4), Money.of(amount), maxUses, Sql.ts(expiresAt), note, actor,
            Sql.ts(now));
        ps.executeUpdate();
        try (ResultSet k = ps.getGeneratedKeys()) {
          k.next();
          return new Issued(find(c, k.getLong(1)), code);
        }
      }
    });
  }

  /**
   * Redeems {@code code} for the tenant; returns the ledger credit. Refused (as {@link MoneyException}) when the
   * code is unknown or disabled ({@code not_found}), expired, used up or already redeemed by this tenant
   * ({@code conflict}).
   */
  public LedgerEntry redeem(long tenantId, String code, String actor) {
    if (code == null || code.isBlank()) throw MoneyException.invalid("code", "code is required");
    String h = hash(normalise(code));
    Instant now = ledger.clock().instant();
    return Sql.tx(ledger.dataSource(), c -> {
      Voucher v;
      try (PreparedStatement ps = c.prepareStatement(SELECT + " WHERE code_hash = ?")) {
        ps.setString(1, h);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) throw MoneyException.notFound("Voucher");
          v = voucher(rs);
        }
      }
      if (!"active".equals(v.status())) throw MoneyException.notFound("Voucher");
      if (v.expiresAt() != null && !v.expiresAt().isAfter(now)) throw MoneyException.conflict("The voucher has expired");
      try (PreparedStatement ps = c.prepareStatement("UPDATE vouchers SET uses = uses + 1 WHERE id = ?"
          + " AND uses < max_uses AND status = 'active' AND (expires_at IS NULL OR expires_at > ?)")) {
        Sql.bind(ps, v.id(), Sql.ts(now));
        if (ps.executeUpdate() == 0) throw MoneyException.conflict("The voucher has been used up");
      }
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT 1 FROM voucher_redemptions WHERE voucher_id = ? AND tenant_id = ?")) {
        Sql.bind(ps, v.id(), tenantId);
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next()) throw MoneyException.conflict("This tenant already redeemed the voucher");
        }
      }
      LedgerEntry e = Ledger.append(c, tenantId, LedgerKind.VOUCHER, v.amount(), "voucher " + v.codePrefix() + "...",
          "voucher:" + v.id() + ":tenant:" + tenantId, actor, now);
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO voucher_redemptions (voucher_id, tenant_id, redeemed_at, ledger_entry) VALUES (?,?,?,?)")) {
        Sql.bind(ps, v.id(), tenantId, Sql.ts(now), e.id());
        ps.executeUpdate();
      }
      return e;
    });
  }

  public List<Voucher> list(int limit) {
    return Sql.tx(ledger.dataSource(), c -> {
      List<Voucher> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(SELECT + " ORDER BY id DESC LIMIT ?")) {
        ps.setInt(1, Math.max(1, limit));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) out.add(voucher(rs));
        }
      }
      return out;
    });
  }

  /** Stops a voucher from being redeemed any more. */
  public Voucher disable(long id) {
    return Sql.tx(ledger.dataSource(), c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE vouchers SET status = 'disabled' WHERE id = ?")) {
        ps.setLong(1, id);
        if (ps.executeUpdate() == 0) throw MoneyException.notFound("Voucher " + id);
      }
      return find(c, id);
    });
  }

  private static final String SELECT = "SELECT id, code_prefix, amount, max_uses, uses, expires_at, status, note,"
      + " created_by, created_at FROM vouchers";

  private static Voucher find(java.sql.Connection c, long id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(SELECT + " WHERE id = ?")) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? voucher(rs) : null;
      }
    }
  }

  private static Voucher voucher(ResultSet rs) throws SQLException {
    return new Voucher(rs.getLong(1), rs.getString(2), Money.of(rs.getBigDecimal(3)), rs.getInt(4), rs.getInt(5),
        Sql.instant(rs.getTimestamp(6)), rs.getString(7), rs.getString(8), rs.getString(9),
        Sql.instant(rs.getTimestamp(10)));
  }

  /** 20 random symbols (100 bits) as XXXXX-XXXXX-XXXXX-XXXXX. */
  static String newCode() {
    StringBuilder sb = new StringBuilder(23);
    for (int i = 0; i < 20; i++) {
      if (i > 0 && i % 5 == 0) sb.append('-');
      sb.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
    }
    return sb.toString();
  }

  /** Upper case, dashes and spaces ignored: what the tenant types need not match the grouping. */
  static String normalise(String code) {
    String s = code.strip().toUpperCase(Locale.ROOT).replace("-", "").replace(" ", "");
    StringBuilder sb = new StringBuilder(23);
    for (int i = 0; i < s.length(); i++) {
      if (i > 0 && i % 5 == 0) sb.append('-');
      sb.append(s.charAt(i));
    }
    return sb.toString();
  }

  static String hash(String code) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(code.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

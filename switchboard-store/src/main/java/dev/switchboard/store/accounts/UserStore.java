package dev.switchboard.store.accounts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** Users and their login sessions. Passwords arrive already hashed; session ids arrive as SHA-256 hex. */
public final class UserStore {
  /** {@code passwordHash} is an Argon2id string; toString leaves it out. */
  public record User(long id, String email, String passwordHash, String role, Long tenantId, Long resellerId,
                     Instant createdAt) {
    @Override public String toString() { return "User[" + id + ", " + email + ", " + role + "]"; }
  }

  public record Session(String idHash, long userId, String csrfToken, Instant expiresAt) {
    @Override public String toString() { return "Session[user " + userId + "]"; }
  }

  private static final String COLS = "id, email, password_hash, role, tenant_id, reseller_id, created_at";
  private final Jdbc db;

  public UserStore(DataSource ds) { this.db = new Jdbc(ds); }

  /** @throws DuplicateException when the email is taken */
  public long create(String email, String passwordHash, String role, Long tenantId, Long resellerId, Instant now) {
    return db.insert("INSERT INTO users (email, password_hash, role, tenant_id, reseller_id, created_at,"
        + " password_changed_at) VALUES (?, ?, ?, ?, ?, ?, ?)", email, passwordHash, role, Jdbc.orNull(tenantId),
        Jdbc.orNull(resellerId), now, now);
  }

  public Optional<User> byEmail(String email) {
    return db.one("SELECT " + COLS + " FROM users WHERE email = ?", UserStore::user, email);
  }

  public Optional<User> find(long id) {
    return db.one("SELECT " + COLS + " FROM users WHERE id = ?", UserStore::user, id);
  }

  public List<User> ofTenant(long tenantId) {
    return db.list("SELECT " + COLS + " FROM users WHERE tenant_id = ? ORDER BY id", UserStore::user, tenantId);
  }

  public boolean anyWithRole(String role) {
    return db.one("SELECT id FROM users WHERE role = ? LIMIT 1", rs -> rs.getLong(1), role).isPresent();
  }

  /** Changes the password and ends every session of the user (a stolen session dies with the old password). */
  public void changePassword(long userId, String passwordHash, Instant now) {
    db.update("UPDATE users SET password_hash = ?, password_changed_at = ? WHERE id = ?", passwordHash, now, userId);
    db.update("DELETE FROM sessions WHERE user_id = ?", userId);
  }

  public boolean changeRole(long userId, long tenantId, String role) {
    return db.update("UPDATE users SET role = ? WHERE id = ? AND tenant_id = ?", role, userId, tenantId) == 1;
  }

  public boolean delete(long userId, long tenantId) {
    db.update("DELETE FROM sessions WHERE user_id = ?", userId);
    return db.update("DELETE FROM users WHERE id = ? AND tenant_id = ?", userId, tenantId) == 1;
  }

  public void createSession(String idHash, long userId, String csrfToken, Instant now, Instant expiresAt) {
    db.update("INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
        idHash, userId, csrfToken, now, expiresAt);
  }

  /** The live session with this id hash; expired ones are not returned. */
  public Optional<Session> session(String idHash, Instant now) {
    return db.one("SELECT id_hash, user_id, csrf_token, expires_at FROM sessions WHERE id_hash = ? AND expires_at > ?",
        rs -> new Session(rs.getString(1), rs.getLong(2), rs.getString(3), Jdbc.time(rs, "expires_at")), idHash, now);
  }

  public void deleteSession(String idHash) { db.update("DELETE FROM sessions WHERE id_hash = ?", idHash); }

  public int deleteExpiredSessions(Instant now) { return db.update("DELETE FROM sessions WHERE expires_at <= ?", now); }

  private static User user(ResultSet rs) throws SQLException {
    return new User(rs.getLong("id"), rs.getString("email"), rs.getString("password_hash"), rs.getString("role"),
        Jdbc.longOrNull(rs, "tenant_id"), Jdbc.longOrNull(rs, "reseller_id"), Jdbc.time(rs, "created_at"));
  }
}

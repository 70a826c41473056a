package dev.switchboard.store.accounts;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Failed-login counts per subject in the shared database, so every gateway instance enforces one allowance. Login
 * is off the request path (it already costs a password hash), so one or two indexed statements per attempt are fine.
 * Counts are incremented atomically in SQL; a count idle longer than {@code window} starts again at one.
 */
public final class LoginFailures {
  /** One subject's state: failures so far and, once over the allowance, when it may try again. */
  public record State(int failures, Instant lockedUntil) {}

  private final Jdbc db;

  public LoginFailures(DataSource ds) { this.db = new Jdbc(ds); }

  public Optional<State> find(String subject) {
    return db.one("SELECT failures, locked_until FROM login_failures WHERE subject = ?",
        rs -> new State(rs.getInt(1), Jdbc.time(rs, "locked_until")), subject);
  }

  /** Counts one failure and returns the new count. */
  public int fail(String subject, Instant now, Duration window) {
    Instant stale = now.minus(window);
    String bump = "UPDATE login_failures SET failures = CASE WHEN updated_at < ? THEN 1 ELSE failures + 1 END,"
        + " locked_until = CASE WHEN updated_at < ? THEN NULL ELSE locked_until END, updated_at = ? WHERE subject = ?";
    if (db.update(bump, stale, stale, now, subject) == 0) {
      try {
        db.update("INSERT INTO login_failures (subject, failures, updated_at) VALUES (?, 1, ?)", subject, now);
        return 1;
      } catch (RuntimeException e) {
        // Another instance inserted the row first: count on it.
        if (db.update(bump, stale, stale, now, subject) == 0) throw e;
      }
    }
    return find(subject).map(State::failures).orElse(1);
  }

  public void lock(String subject, Instant until) {
    db.update("UPDATE login_failures SET locked_until = ? WHERE subject = ?", until, subject);
  }

  public void clear(String subject) { db.update("DELETE FROM login_failures WHERE subject = ?", subject); }

  /** Forgets subjects idle since {@code before} (keeps the table small under an address spray). */
  public int purge(Instant before) { return db.update("DELETE FROM login_failures WHERE updated_at < ?", before); }
}

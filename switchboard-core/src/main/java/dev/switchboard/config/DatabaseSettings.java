package dev.switchboard.config;

/**
 * @param url      JDBC URL; default {@code jdbc:h2:file:./data/switchboard;MODE=PostgreSQL}. A
 *                 {@code jdbc:postgresql:} URL selects PostgreSQL with the same migrations.
 * @param poolSize HikariCP maximum pool size (default 4)
 */
public record DatabaseSettings(String url, String user, String password, int poolSize) {
  @Override public String toString() { return "DatabaseSettings[url=" + url + ", user=" + user + ", poolSize=" + poolSize + "]"; }

  public boolean isPostgres() { return url.startsWith("jdbc:postgresql:"); }
}

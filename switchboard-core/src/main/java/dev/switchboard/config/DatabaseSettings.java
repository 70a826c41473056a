package dev.switchboard.config;

/**
 * @param url      JDBC URL; default {@code jdbc:h2:file:./data/switchboard;MODE=PostgreSQL}. A
 *                 {@code jdbc:postgresql:} URL selects PostgreSQL with the same migrations.
 * @param poolSize HikariCP maximum pool size (default 4)
 */
public record DatabaseSettings(String url, String user, String password, int poolSize) {
  /**
   * The options of the embedded H2 store (used when the config gives no URL). PostgreSQL mode and lower-case
   * identifiers keep the SQL identical to PostgreSQL's. A 1 MB page cache: the request log's pages are written once
   * and rarely read, so a larger cache only holds them long enough to be promoted to the old generation and die there,
   * which grew the heap, and RSS, without bound under steady load (8 MB: old generation +2.7 MB/s, RSS 280 MB after
   * 35 s; 1 MB: flat, docs/benchmarks.md).
   */
  public static final String H2_OPTIONS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;CACHE_SIZE=1024";

  /** The embedded default database: {@link #H2_OPTIONS} on the file {@code ./data/switchboard}. */
  public static final String DEFAULT_H2_URL = "jdbc:h2:file:./data/switchboard" + H2_OPTIONS;

  @Override public String toString() { return "DatabaseSettings[url=" + url + ", user=" + user + ", poolSize=" + poolSize + "]"; }

  public boolean isPostgres() { return url.startsWith("jdbc:postgresql:"); }
}

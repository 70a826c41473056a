package dev.switchboard.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code request_log} table. Plain JDBC with SQL that runs unchanged on H2 (PostgreSQL mode) and PostgreSQL.
 * Times are stored with microsecond precision (PostgreSQL's), so a record reads back equal to what was written
 * once its time is truncated to microseconds.
 */
public final class RequestLogRepository implements RequestLogSink {
  private static final Logger LOG = LoggerFactory.getLogger(RequestLogRepository.class);
  /**
   * On H2, a batch ends with a CHECKPOINT (H2's store of what the MVStore holds unsaved, without fsync) once this
   * many rows are unsaved and {@link #H2_STORE_MIN_INTERVAL_NANOS} passed since the last one. Left alone, H2 keeps
   * committed rows as Java objects until its background store: at a few thousand requests a second they outlived
   * the young generation, were promoted, and filled the old generation (23 MB in 15 s of streaming). Storing after
   * each full batch fixed that but wrote ~70 small chunks a second, and H2's background compaction then rewrote
   * them whenever the load dropped (megabytes of garbage a second); at most ten stores a second keep rows young
   * and chunks large (docs/benchmarks.md). Below this many rows H2's own write delay is soon enough.
   */
  static final int H2_STORE_EVERY_ROWS = 256;
  static final long H2_STORE_MIN_INTERVAL_NANOS = 100_000_000L;
  private static final String COLUMNS = "time, request_id, client_key, endpoint, requested_model, served_model,"
      + " provider, upstream_key, attempts, status, error_key, stream, latency_micros, ttfb_micros, input_tokens,"
      + " output_tokens, cached_tokens, reasoning_tokens, attempts_detail, routing_detail, tenant_id, key_id";
  // The key is given, never generated: it orders the log by time (RequestLogIds), which V9 made its only index.
  private static final String INSERT = "INSERT INTO request_log (id, " + COLUMNS + ")"
      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  // Should a request id have been logged twice, the later time wins, then the higher key.
  private static final String BY_REQUEST_ID =
      "SELECT " + COLUMNS + " FROM request_log WHERE request_id = ? ORDER BY time DESC, id DESC LIMIT 1";
  // A gateway id names the millisecond of its row's key: a range of the primary key.
  private static final String BY_REQUEST_ID_IN_RANGE = "SELECT " + COLUMNS
      + " FROM request_log WHERE id >= ? AND id < ? AND request_id = ? ORDER BY time DESC, id DESC LIMIT 1";
  /**
   * Keys below this name 2020-01-01, a day no request was logged: they are identity counts, which V9 left as the
   * column's default, so a writer of a build before V9 still sharing the database (a rolling upgrade) stores its rows
   * there rather than losing them. A lookup that misses in its millisecond looks there last.
   */
  static final long IDENTITY_KEYS_BELOW = RequestLogIds.first(RequestLogIds.EPOCH_MILLI + 86_400_000L);
  /** Rows of builds before V8 read their time just after making the id; V9 keyed them by that time. */
  private static final long ID_TIME_SLACK_MILLIS = 1_000;
  private static final String RECENT = "SELECT " + COLUMNS + " FROM request_log ORDER BY id DESC LIMIT ?";
  private static final String COUNT = "SELECT COUNT(*) FROM request_log";
  // A bounded delete in two key-range steps. PostgreSQL has no DELETE ... LIMIT, and the portable
  // "DELETE ... WHERE id IN (SELECT id ... LIMIT ?)" made H2 run the subquery once per row of the table (not done
  // after 15 minutes on a million rows). Keys are ordered by the time a request started, so the oldest rows are the
  // first range of keys.
  // time < ? as well: a row whose key is older than its time (an identity-keyed row, or a row of the cutoff's
  // millisecond) must not take a place in the chunk, or a short chunk would read as "none older left".
  private static final String OLDEST_IDS = "SELECT id FROM request_log WHERE id < ? AND time < ? ORDER BY id LIMIT ?";
  private static final String DELETE_OLDER_IN_RANGE = "DELETE FROM request_log WHERE id BETWEEN ? AND ? AND time < ?";
  /** SQLSTATE of a unique violation, on PostgreSQL and H2 alike. */
  private static final String DUPLICATE_KEY = "23505";
  private static final int MAX_KEY_CLASHES = 32;

  private final DataSource dataSource;
  private final int storeEveryRows;
  private final AtomicInteger rowsSinceStore = new AtomicInteger();
  /** When the last store hint ran; only the writer thread reads and writes it. */
  private final long storeIntervalNanos;
  private long lastStoreNanos;
  private final AtomicBoolean storeRefused = new AtomicBoolean();
  /**
   * This writer's 8 bits in the keys it makes: random, so that instances sharing a PostgreSQL log rarely make the same
   * key, and drawn again when one of its keys was taken (insertBatch).
   */
  private volatile int instance;
  /** Sequence numbers for records whose request id is not the gateway's (tests, tools). */
  private final AtomicInteger otherSequence = new AtomicInteger();

  /** Reads and writes {@code request_log}; no store hints (any database). */
  public RequestLogRepository(DataSource dataSource) { this(dataSource, 0, 0); }

  RequestLogRepository(DataSource dataSource, int storeEveryRows, long storeIntervalNanos) {
    this(dataSource, storeEveryRows, storeIntervalNanos,
        ThreadLocalRandom.current().nextInt(RequestLogIds.MAX_INSTANCE + 1));
  }

  /** With a given instance number (tests of clashing keys). */
  RequestLogRepository(DataSource dataSource, int storeEveryRows, long storeIntervalNanos, int instance) {
    this.instance = instance & RequestLogIds.MAX_INSTANCE;
    this.dataSource = dataSource;
    this.storeEveryRows = storeEveryRows;
    this.storeIntervalNanos = storeIntervalNanos;
    this.lastStoreNanos = System.nanoTime() - storeIntervalNanos;
  }

  /** The request log of {@code database}: on H2, batches also tell H2 to store what they wrote (see above). */
  public static RequestLogRepository of(Database database) {
    return new RequestLogRepository(database.dataSource(), database.isPostgres() ? 0 : H2_STORE_EVERY_ROWS,
        H2_STORE_MIN_INTERVAL_NANOS);
  }

  /**
   * One JDBC batch in one transaction: on failure nothing of the batch is stored. Should a key be taken (another
   * instance drew the same 8 bits, or a made-up time reused a sequence number), the batch is written again row by row,
   * each row that clashes under a newly drawn instance number, so no record is lost to a clash.
   */
  @Override
  public void insertBatch(List<RequestRecord> batch) {
    if (batch.isEmpty()) return;
    long[] ids = new long[batch.size()];
    for (int i = 0; i < ids.length; i++) ids[i] = key(batch.get(i));
    try (Connection c = dataSource.getConnection()) {
      boolean autoCommit = c.getAutoCommit();
      c.setAutoCommit(false);
      try {
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
          for (int i = 0; i < ids.length; i++) {
            bind(ps, ids[i], batch.get(i));
            ps.addBatch();
          }
          ps.executeBatch();
        } catch (SQLException e) {
          if (!isDuplicateKey(e)) throw e;
          c.rollback();
          insertRowByRowAroundClashes(c, batch, ids);
        }
        c.commit();
        storeIfDue(c, batch.size());
      } catch (SQLException | RuntimeException e) {
        rollbackQuietly(c, e);
        throw e;
      } finally {
        c.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      throw new StoreException("Cannot insert " + batch.size() + " request log record(s): " + e.getMessage(), e);
    }
  }

  /** The row key of a record: its request id's millisecond and sequence number, or its time's and a local count. */
  private long key(RequestRecord r) {
    OptionalLong millis = RequestIds.epochMilli(r.requestId());
    if (millis.isPresent()) {
      return RequestLogIds.of(millis.getAsLong(), instance, RequestIds.sequenceOf(r.requestId()));
    }
    long time = r.time() == null ? RequestLogIds.EPOCH_MILLI : r.time().toEpochMilli();
    return RequestLogIds.of(time, instance, otherSequence.getAndIncrement());
  }

  private void insertRowByRowAroundClashes(Connection c, List<RequestRecord> batch, long[] ids) throws SQLException {
    instance = otherInstance(instance);
    try (PreparedStatement ps = c.prepareStatement(INSERT)) {
      for (int i = 0; i < ids.length; i++) {
        for (int clashes = 0; ; clashes++) {
          Savepoint before = c.setSavepoint();
          try {
            bind(ps, ids[i], batch.get(i));
            ps.executeUpdate();
            c.releaseSavepoint(before);
            break;
          } catch (SQLException e) {
            c.rollback(before);
            if (!isDuplicateKey(e) || clashes == MAX_KEY_CLASHES) throw e;
            ids[i] = RequestLogIds.withInstance(ids[i], otherInstance(RequestLogIds.instance(ids[i])));
          }
        }
      }
    }
    LOG.info("Request log: a row key was already taken; this writer now uses instance number {}", instance);
  }

  private static int otherInstance(int current) {
    return (current + 1 + ThreadLocalRandom.current().nextInt(RequestLogIds.MAX_INSTANCE)) & RequestLogIds.MAX_INSTANCE;
  }

  private static boolean isDuplicateKey(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s) {
        for (SQLException n = s; n != null; n = n.getNextException()) {
          if (DUPLICATE_KEY.equals(n.getSQLState())) return true;
        }
      }
    }
    return false;
  }

  /**
   * After a committed batch: a CHECKPOINT once enough rows are unsaved and the last one is old enough. A refusal
   * (CHECKPOINT needs H2 admin rights) never fails the batch, which is already committed: it is logged once and the
   * hint is dropped.
   */
  private void storeIfDue(Connection c, int rows) {
    if (storeEveryRows <= 0 || storeRefused.get() || rowsSinceStore.addAndGet(rows) < storeEveryRows) return;
    long now = System.nanoTime();
    if (now - lastStoreNanos < storeIntervalNanos) return;
    lastStoreNanos = now;
    rowsSinceStore.set(0);
    try (java.sql.Statement st = c.createStatement()) {
      st.execute("CHECKPOINT");
    } catch (SQLException e) {
      if (storeRefused.compareAndSet(false, true)) {
        LOG.warn("Request log: H2 refused CHECKPOINT ({}); rows are stored by H2's own write delay instead",
            e.getMessage());
      }
    }
  }

  /**
   * The record of a request; the newest one should a request id ever have been logged twice. A gateway id
   * ({@link RequestIds}) is looked up in its millisecond of the primary key, then in the second after it (rows of
   * builds before V8), then among identity-keyed rows ({@link #IDENTITY_KEYS_BELOW}); any other string by a scan of
   * the table.
   */
  public Optional<RequestRecord> findByRequestId(String requestId) {
    OptionalLong millis = RequestIds.epochMilli(requestId);
    try (Connection c = dataSource.getConnection()) {
      if (millis.isEmpty()) {
        try (PreparedStatement ps = c.prepareStatement(BY_REQUEST_ID)) {
          ps.setString(1, requestId);
          return first(ps);
        }
      }
      long ms = millis.getAsLong();
      try (PreparedStatement ps = c.prepareStatement(BY_REQUEST_ID_IN_RANGE)) {
        Optional<RequestRecord> found = inKeyRange(ps, RequestLogIds.first(ms), RequestLogIds.first(ms + 1), requestId);
        if (found.isEmpty()) {
          found = inKeyRange(ps, RequestLogIds.first(ms + 1), RequestLogIds.first(ms + 1 + ID_TIME_SLACK_MILLIS),
              requestId);
        }
        return found.isPresent() ? found : inKeyRange(ps, Long.MIN_VALUE, IDENTITY_KEYS_BELOW, requestId);
      }
    } catch (SQLException e) {
      throw new StoreException("Cannot read request log record: " + e.getMessage(), e);
    }
  }

  private static Optional<RequestRecord> inKeyRange(PreparedStatement ps, long fromKey, long toKey, String requestId)
      throws SQLException {
    ps.setLong(1, fromKey);
    ps.setLong(2, toKey);
    ps.setString(3, requestId);
    return first(ps);
  }

  private static Optional<RequestRecord> first(PreparedStatement ps) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      return rs.next() ? Optional.of(read(rs)) : Optional.empty();
    }
  }

  /** Up to {@code limit} records, newest first. */
  public List<RequestRecord> recent(int limit) {
    if (limit < 0) throw new IllegalArgumentException("limit must not be negative, got " + limit);
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(RECENT)) {
      ps.setInt(1, limit);
      try (ResultSet rs = ps.executeQuery()) {
        List<RequestRecord> out = new ArrayList<>(Math.min(limit, 1024));
        while (rs.next()) out.add(read(rs));
        return out;
      }
    } catch (SQLException e) {
      throw new StoreException("Cannot read recent request log records: " + e.getMessage(), e);
    }
  }

  /**
   * Deletes the {@code limit} oldest records older than {@code cutoff} (and any other record older than it whose id
   * lies among theirs) and says how many it deleted: fewer than {@code limit} means none older is left. Bounded so
   * that pruning a large backlog is a series of short statements beside the writer, never one huge transaction.
   */
  public int deleteOlderThan(Instant cutoff, int limit) {
    if (limit <= 0) throw new IllegalArgumentException("limit must be positive, got " + limit);
    try (Connection c = dataSource.getConnection()) {
      long min = Long.MAX_VALUE;
      long max = Long.MIN_VALUE;
      try (PreparedStatement ps = c.prepareStatement(OLDEST_IDS)) {
        // Keys up to the cutoff's millisecond; the delete keeps those of it that are not older.
        ps.setLong(1, RequestLogIds.first(cutoff.toEpochMilli() + 1));
        setTime(ps, 2, cutoff);
        ps.setInt(3, limit);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            long id = rs.getLong(1);
            min = Math.min(min, id);
            max = Math.max(max, id);
          }
        }
      }
      if (min > max) return 0;
      try (PreparedStatement ps = c.prepareStatement(DELETE_OLDER_IN_RANGE)) {
        ps.setLong(1, min);
        ps.setLong(2, max);
        setTime(ps, 3, cutoff);
        return ps.executeUpdate();
      }
    } catch (SQLException e) {
      throw new StoreException("Cannot delete old request log records: " + e.getMessage(), e);
    }
  }

  public long count() {
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(COUNT);
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new StoreException("Cannot count request log records: " + e.getMessage(), e);
    }
  }

  private static void bind(PreparedStatement ps, long id, RequestRecord r) throws SQLException {
    ps.setLong(1, id);
    setTime(ps, 2, r.time());
    ps.setString(3, r.requestId());
    ps.setString(4, r.clientKey());
    ps.setString(5, r.endpoint());
    ps.setString(6, r.requestedModel());
    ps.setString(7, r.servedModel());
    ps.setString(8, r.provider());
    ps.setString(9, r.upstreamKey());
    ps.setInt(10, r.attempts());
    ps.setInt(11, r.status());
    ps.setString(12, r.errorKey());
    ps.setBoolean(13, r.stream());
    ps.setLong(14, r.latencyMicros());
    setLong(ps, 15, r.ttfbMicros());
    setLong(ps, 16, r.inputTokens());
    setLong(ps, 17, r.outputTokens());
    setLong(ps, 18, r.cachedTokens());
    setLong(ps, 19, r.reasoningTokens());
    ps.setString(20, r.attemptsDetail());
    ps.setString(21, r.routingDetail());
    setLong(ps, 22, r.tenantId());
    setLong(ps, 23, r.keyId());
  }

  /** A time as both backends keep it: TIMESTAMP WITH TIME ZONE in UTC, to the microsecond; null stays null. */
  private static void setTime(PreparedStatement ps, int index, Instant time) throws SQLException {
    ps.setObject(index, time == null ? null : OffsetDateTime.ofInstant(storedTime(time), ZoneOffset.UTC),
        Types.TIMESTAMP_WITH_TIMEZONE);
  }

  private static void setLong(PreparedStatement ps, int index, Long value) throws SQLException {
    if (value == null) ps.setNull(index, Types.BIGINT);
    else ps.setLong(index, value);
  }

  private static RequestRecord read(ResultSet rs) throws SQLException {
    OffsetDateTime time = rs.getObject(1, OffsetDateTime.class);
    return new RequestRecord(
        time == null ? null : time.toInstant(),
        rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
        rs.getString(8), rs.getInt(9), rs.getInt(10), rs.getString(11), rs.getBoolean(12), rs.getLong(13),
        getLong(rs, 14), getLong(rs, 15), getLong(rs, 16), getLong(rs, 17), getLong(rs, 18), rs.getString(19),
        rs.getString(20), getLong(rs, 21), getLong(rs, 22));
  }

  /** SQL NULL stays null: a count the provider did not report is not a count of 0. */
  private static Long getLong(ResultSet rs, int index) throws SQLException {
    long value = rs.getLong(index);
    return rs.wasNull() ? null : value;
  }

  private static void rollbackQuietly(Connection c, Exception cause) {
    try {
      c.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  /** The time as the database keeps it: microsecond precision on both backends. */
  static Instant storedTime(Instant time) { return time.truncatedTo(ChronoUnit.MICROS); }
}

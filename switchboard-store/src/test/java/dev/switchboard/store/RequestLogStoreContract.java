package dev.switchboard.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.config.DatabaseSettings;
import dev.switchboard.config.RequestLogSettings;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The request log's behaviour, identical on every backend: each subclass only says how to get an empty database.
 * One database is shared by the class (emptied before each test); migration tests ask for fresh ones.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RequestLogStoreContract {
  private static final Instant T0 = Instant.parse("2025-03-01T10:15:30.123456Z");

  /** Settings for a new database that has never been migrated. */
  protected abstract DatabaseSettings newEmptyDatabase() throws Exception;

  /** Removes every database {@link #newEmptyDatabase()} made. */
  protected abstract void dropDatabases() throws Exception;

  private DatabaseSettings shared;
  private Database db;
  private RequestLogRepository repo;

  @BeforeAll
  void openSharedDatabase() throws Exception {
    shared = newEmptyDatabase();
    db = Database.open(shared);
    repo = new RequestLogRepository(db.dataSource());
  }

  @AfterAll
  void closeSharedDatabase() throws Exception {
    if (db != null) db.close();
    dropDatabases();
  }

  @BeforeEach
  void emptyTheLog() throws SQLException {
    try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
      s.executeUpdate("DELETE FROM request_log");
    }
  }

  // --- the repository the gateway writes with ---

  @Test
  void the_gateways_repository_for_this_database_writes_batches_that_read_back_unchanged() {
    RequestLogRepository writer = RequestLogRepository.of(db);
    List<RequestRecord> batch = new ArrayList<>();
    for (int i = 0; i < RequestLogRepository.H2_STORE_EVERY_ROWS + 1; i++) batch.add(full("of-" + i, T0.plusSeconds(i)));
    writer.insertBatch(batch);
    writer.insertBatch(List.of(sparse("of-sparse", T0)));
    assertThat(repo.count()).isEqualTo(batch.size() + 1L);
    assertThat(repo.findByRequestId("of-7")).contains(batch.get(7));
    assertThat(repo.findByRequestId("of-sparse")).contains(sparse("of-sparse", T0));
  }

  // --- schema ---

  @Test
  void migrations_create_the_schema_on_an_empty_database_and_rerunning_them_changes_nothing() throws Exception {
    DatabaseSettings fresh = newEmptyDatabase();
    try (Database first = Database.open(fresh)) {
      assertThat(first.migrationsExecuted()).isEqualTo(migrationFiles());
      RequestLogRepository r = new RequestLogRepository(first.dataSource());
      assertThat(r.count()).isZero();
      r.insertBatch(List.of(full("kept", T0)));
    }
    try (Database again = Database.open(fresh)) {
      assertThat(again.migrationsExecuted()).isZero();
      assertThat(new RequestLogRepository(again.dataSource()).findByRequestId("kept")).contains(full("kept", T0));
    }
  }

  @Test
  void the_log_is_indexed_only_by_its_time_ordered_key() throws SQLException {
    // Each index costs a B-tree insert per logged request, so none without a reader (V7 dropped tenant_id, V8
    // request_id) and none the key can stand in for: it orders the rows by time (V9 dropped time).
    Set<String> indexed = new TreeSet<>();
    try (Connection c = db.dataSource().getConnection();
        ResultSet rs = c.getMetaData().getIndexInfo(null, null, "request_log", false, false)) {
      while (rs.next()) {
        if (rs.getString("COLUMN_NAME") != null) indexed.add(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
      }
    }
    assertThat(indexed).containsExactly("id");
  }

  @Test
  void ping_is_true_while_open_and_false_once_closed() {
    Database second = Database.open(shared);
    assertThat(second.ping()).isTrue();
    second.close();
    assertThat(second.ping()).isFalse();
    assertThat(second.ping(Duration.ofMillis(50))).isFalse();
  }

  // --- repository ---

  @Test
  void batch_reads_back_equal_with_unreported_token_counts_still_null() {
    RequestRecord sparse = sparse("sparse-1", T0);
    RequestRecord complete = full("full-1", T0.plusSeconds(1));
    repo.insertBatch(List.of(sparse, complete));

    RequestRecord back = repo.findByRequestId("sparse-1").orElseThrow();
    assertThat(back).isEqualTo(sparse);
    assertThat(back.inputTokens()).isNull();
    assertThat(back.ttfbMicros()).isNull();
    assertThat(back.reasoningTokens()).isNull();
    assertThat(repo.findByRequestId("full-1")).contains(complete);
    assertThat(repo.count()).isEqualTo(2);
  }

  @Test
  void routing_detail_reads_back_and_stays_null_when_there_is_none() {
    repo.insertBatch(List.of(full("routed", T0), sparse("unrouted", T0)));
    assertThat(repo.findByRequestId("routed").orElseThrow().routingDetail()).contains("no capability: tools");
    assertThat(repo.findByRequestId("unrouted").orElseThrow().routingDetail()).isNull();
  }

  @Test
  void time_is_kept_to_the_microsecond_as_an_instant() {
    Instant nanos = Instant.parse("2025-03-01T23:59:59.987654321Z");
    repo.insertBatch(List.of(full("t", nanos)));
    assertThat(repo.findByRequestId("t").orElseThrow().time()).isEqualTo(Instant.parse("2025-03-01T23:59:59.987654Z"));
  }

  @Test
  void a_gateway_request_id_is_found_in_its_millisecond_among_its_neighbours() {
    Instant started = T0.plusMillis(5);
    String id = RequestIds.next(started);
    String sameMillisecond = RequestIds.next(started.plusNanos(400_000));
    String nextMillisecond = RequestIds.next(started.plusMillis(1));
    repo.insertBatch(List.of(full(sameMillisecond, started.plusNanos(400_000)), full(id, started),
        full(nextMillisecond, started.plusMillis(1)), full("other-format", started)));
    assertThat(repo.findByRequestId(id)).contains(full(id, started));
    assertThat(repo.findByRequestId(sameMillisecond)).contains(full(sameMillisecond, started.plusNanos(400_000)));
    assertThat(repo.findByRequestId(nextMillisecond)).contains(full(nextMillisecond, started.plusMillis(1)));
    assertThat(repo.findByRequestId("other-format")).contains(full("other-format", started));
    // An id of the gateway's format that was never logged: nothing, and nothing else of its millisecond.
    assertThat(repo.findByRequestId(RequestIds.next(started))).isEmpty();
  }

  @Test
  void a_row_logged_shortly_after_its_id_was_made_is_still_found() {
    // Builds before V8 read the row's time a moment after making the id.
    String id = RequestIds.next(T0);
    repo.insertBatch(List.of(full(id, T0.plusMillis(30))));
    assertThat(repo.findByRequestId(id)).contains(full(id, T0.plusMillis(30)));
  }

  @Test
  void rows_are_keyed_by_the_millisecond_their_request_started_in() throws SQLException {
    Instant started = T0.plusMillis(7);
    String gateway = RequestIds.next(started);
    repo.insertBatch(List.of(full(gateway, started), full("other-format", T0.plusSeconds(3))));
    try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT request_id, id FROM request_log ORDER BY id")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo(gateway);
      assertThat(RequestLogIds.epochMilli(rs.getLong(2))).isEqualTo(started.toEpochMilli());
      assertThat(rs.next()).isTrue();
      assertThat(RequestLogIds.epochMilli(rs.getLong(2))).isEqualTo(T0.plusSeconds(3).toEpochMilli());
      // What docs/architecture.md gives operators for a time range in SQL.
      try (ResultSet range = c.createStatement().executeQuery("SELECT COUNT(*) FROM request_log WHERE id >= ("
          + T0.plusSeconds(1).toEpochMilli() + " - 1577836800000) * 4194304")) {
        range.next();
        assertThat(range.getLong(1)).isEqualTo(1);
      }
    }
  }

  @Test
  void writers_that_drew_the_same_instance_number_both_keep_every_record() {
    // Two gateway instances sharing the log, each with a request that got the same sequence number in the same
    // millisecond: their keys clash, and the second batch is written again under another instance number.
    RequestLogRepository first = new RequestLogRepository(db.dataSource(), 0, 0, 7);
    RequestLogRepository second = new RequestLogRepository(db.dataSource(), 0, 0, 7);
    String a = sameKeyId(T0, 5, 0xabc), b = sameKeyId(T0, 5, 0xdef);
    first.insertBatch(List.of(full(a, T0), full("first-other", T0)));
    second.insertBatch(List.of(full("second-other", T0.plusMillis(1)), full(b, T0)));
    second.insertBatch(List.of(full(sameKeyId(T0, 6, 1), T0))); // a later batch uses the new number at once

    assertThat(repo.count()).isEqualTo(5);
    assertThat(repo.findByRequestId(a)).contains(full(a, T0));
    assertThat(repo.findByRequestId(b)).contains(full(b, T0));
    assertThat(repo.findByRequestId("second-other")).contains(full("second-other", T0.plusMillis(1)));
  }

  @Test
  void records_of_one_batch_whose_keys_clash_are_all_kept() {
    String a = sameKeyId(T0, 9, 1), b = sameKeyId(T0, 9, 2), c = sameKeyId(T0, 9, 3);
    repo.insertBatch(List.of(full(a, T0), full(b, T0), full(c, T0)));
    assertThat(repo.count()).isEqualTo(3);
    for (String id : List.of(a, b, c)) assertThat(repo.findByRequestId(id)).contains(full(id, T0));
  }

  @Test
  void a_key_clash_in_a_batch_with_a_bad_row_still_stores_nothing() {
    String a = sameKeyId(T0, 3, 1), b = sameKeyId(T0, 3, 2);
    assertThatThrownBy(() -> repo.insertBatch(List.of(full(a, T0), full(b, T0), sparse(null, T0))))
        .isInstanceOf(StoreException.class).hasMessageContaining("3 request log record(s)");
    assertThat(repo.count()).isZero();
  }

  @Test
  void rows_logged_before_the_time_ordered_key_are_keyed_by_their_time_and_still_found() throws Exception {
    DatabaseSettings old = newEmptyDatabase();
    var flyway = org.flywaydb.core.Flyway.configure().dataSource(old.url(), old.user(), old.password())
        .locations(Database.MIGRATIONS).target("8");
    Database.currentSchema(old.url()).ifPresent(flyway::schemas);
    flyway.load().migrate();
    String first = RequestIds.next(T0), second = RequestIds.next(T0.plusSeconds(2));
    try (Connection c = java.sql.DriverManager.getConnection(old.url(), old.user(), old.password());
        Statement s = c.createStatement()) {
      // What builds before V9 wrote: an identity key, the later row first.
      // ...and times beyond what a key can name, which V9 clamps as RequestLogIds does.
      for (String[] row : new String[][] {{second, "2025-03-01 10:15:32.123456+00"}, {first, "2025-03-01 10:15:30.123456+00"},
          {"other-format", "2025-03-01 10:15:31.5+00"}, {"far-future", "2150-01-01 00:00:00+00"},
          {"far-past", "1900-01-01 00:00:00+00"}}) {
        s.executeUpdate("INSERT INTO request_log (time, request_id, attempts, status, stream, latency_micros) VALUES ("
            + "TIMESTAMP WITH TIME ZONE '" + row[1] + "', '" + row[0] + "', 1, 200, FALSE, 10)");
      }
    }
    try (Database upgraded = Database.open(old)) {
      assertThat(upgraded.migrationsExecuted()).isEqualTo(migrationFiles() - 8);
      RequestLogRepository r = new RequestLogRepository(upgraded.dataSource());
      assertThat(r.recent(10)).extracting(RequestRecord::requestId)
          .containsExactly("far-future", second, "other-format", first, "far-past");
      assertThat(r.findByRequestId(first)).hasValueSatisfying(rec -> assertThat(rec.time()).isEqualTo(T0));
      assertThat(r.findByRequestId(second)).isPresent();
      assertThat(r.deleteOlderThan(T0.plusSeconds(1), 10)).isEqualTo(2);
      r.insertBatch(List.of(full(RequestIds.next(T0.plusSeconds(5)), T0.plusSeconds(5))));
      assertThat(r.count()).isEqualTo(4);
    }
  }

  @Test
  void rows_an_older_build_keys_by_identity_are_found_and_never_stall_retention() throws SQLException {
    // A gateway of a build before V9 still sharing the database (a rolling upgrade) inserts without a key: the
    // identity default keys its row as 2020-01-01, ahead of every row, with a recent time.
    String olderBuilds = RequestIds.next(T0.plusSeconds(60));
    try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
      s.executeUpdate("INSERT INTO request_log (time, request_id, attempts, status, stream, latency_micros) VALUES ("
          + "TIMESTAMP WITH TIME ZONE '2025-03-01 10:16:30.123456+00', '" + olderBuilds + "', 1, 200, FALSE, 10)");
    }
    List<RequestRecord> old = new ArrayList<>();
    for (int i = 0; i < 5; i++) old.add(full(RequestIds.next(T0.minusSeconds(100 - i)), T0.minusSeconds(100 - i)));
    repo.insertBatch(old);

    assertThat(repo.findByRequestId(olderBuilds)).hasValueSatisfying(r -> assertThat(r.time()).isEqualTo(T0.plusSeconds(60)));
    // Chunks of 2: the identity-keyed row is not old enough and takes no place in a chunk.
    assertThat(repo.deleteOlderThan(T0, 2)).isEqualTo(2);
    assertThat(repo.deleteOlderThan(T0, 2)).isEqualTo(2);
    assertThat(repo.deleteOlderThan(T0, 2)).isEqualTo(1);
    assertThat(repo.count()).isEqualTo(1);
  }

  @Test
  void a_request_id_logged_twice_reads_back_as_its_later_record() {
    String id = RequestIds.next(T0);
    RequestLogRepository writer = new RequestLogRepository(db.dataSource(), 0, 0, 200);
    writer.insertBatch(List.of(sparse(id, T0)));
    writer.insertBatch(List.of(full(id, T0.plusNanos(1_000)))); // the same key: moved to another instance number
    assertThat(repo.findByRequestId(id)).contains(full(id, T0.plusNanos(1_000)));
    repo.insertBatch(List.of(sparse("twice", T0), full("twice", T0.plusSeconds(1))));
    assertThat(repo.findByRequestId("twice")).contains(full("twice", T0.plusSeconds(1)));
  }

  /** A gateway request id of {@code time}'s millisecond with the given sequence number and random bits. */
  private static String sameKeyId(Instant time, int sequence, long random) {
    return String.format("req_%012x%012x", time.toEpochMilli(), (long) sequence << 34 | random);
  }

  @Test
  void unknown_request_id_finds_nothing() {
    repo.insertBatch(List.of(full("known", T0)));
    assertThat(repo.findByRequestId("unknown")).isEmpty();
  }

  @Test
  void recent_returns_newest_first_up_to_the_limit() {
    List<RequestRecord> records = new ArrayList<>();
    for (int i = 0; i < 5; i++) records.add(full("r" + i, T0.plusMillis(i)));
    Collections.shuffle(records);
    repo.insertBatch(records);

    assertThat(repo.recent(3)).extracting(RequestRecord::requestId).containsExactly("r4", "r3", "r2");
    assertThat(repo.recent(10)).hasSize(5);
    assertThat(repo.recent(0)).isEmpty();
  }

  @Test
  void a_batch_with_a_bad_row_stores_nothing() {
    RequestRecord bad = sparse(null, T0); // request_id is NOT NULL
    assertThatThrownBy(() -> repo.insertBatch(List.of(full("a", T0), bad, full("b", T0))))
        .isInstanceOf(StoreException.class).hasMessageContaining("3 request log record(s)");
    assertThat(repo.count()).isZero();
  }

  // --- writer ---

  @Test
  void writer_writes_each_full_batch_at_once_without_waiting_for_the_flush_interval() throws Exception {
    // Flush interval 30 s, wait at most 10 s: the two full batches are written because every batch-size-th offer
    // wakes the writer; the partial one waits for the flush interval (here: close).
    RecordingSink sink = new RecordingSink(repo);
    RequestLogWriter writer = new RequestLogWriter(sink, settings(100, Duration.ofSeconds(30), 1_000));
    for (int i = 0; i < 250; i++) assertThat(writer.offer(full("b" + i, T0.plusMillis(i)))).isTrue();

    awaitAtLeast(writer::written, 200);
    assertThat(sink.sizes).containsExactly(100, 100);
    assertThat(writer.pending()).isEqualTo(50);

    assertThat(writer.close(Duration.ofSeconds(10))).isTrue();
    assertThat(sink.sizes).containsExactly(100, 100, 50);
    assertThat(repo.count()).isEqualTo(250);
  }

  @Test
  void writer_writes_a_partial_batch_once_the_flush_interval_passes() throws Exception {
    RecordingSink sink = new RecordingSink(repo);
    try (RequestLogWriter writer = new RequestLogWriter(sink, settings(1_000, Duration.ofMillis(100), 1_000))) {
      for (int i = 0; i < 5; i++) writer.offer(full("f" + i, T0));
      awaitAtLeast(writer::written, 5);
      assertThat(repo.count()).isEqualTo(5);
      assertThat(writer.pending()).isZero();
    }
  }

  @Test
  void closing_the_writer_writes_everything_that_was_queued() {
    RequestLogWriter writer = new RequestLogWriter(repo, settings(500, Duration.ofMillis(200), 100_000));
    for (int i = 0; i < 10_000; i++) assertThat(writer.offer(sparse("c" + i, T0.plusMillis(i)))).isTrue();

    assertThat(writer.close(Duration.ofSeconds(60))).isTrue();
    assertThat(repo.count()).isEqualTo(10_000);
    assertThat(writer.written()).isEqualTo(10_000);
    assertThat(writer.pending()).isZero();
    assertThat(writer.dropped()).isZero();
  }

  @Test
  void writer_survives_failing_writes_without_losing_records() {
    AtomicInteger failuresLeft = new AtomicInteger(3);
    RequestLogSink flaky = batch -> {
      if (failuresLeft.getAndDecrement() > 0) throw new StoreException("database is down", null);
      repo.insertBatch(batch);
    };
    RequestLogWriter writer = new RequestLogWriter(flaky, settings(100, Duration.ofMillis(50), 10_000),
        Duration.ofMillis(10), Duration.ofMillis(40));
    for (int i = 0; i < 1_000; i++) writer.offer(full("s" + i, T0.plusMillis(i)));

    assertThat(writer.close(Duration.ofSeconds(30))).isTrue();
    assertThat(writer.failures()).isEqualTo(3);
    assertThat(repo.count()).isEqualTo(1_000);
    assertThat(repo.findByRequestId("s0")).contains(full("s0", T0));
    assertThat(repo.findByRequestId("s999")).contains(full("s999", T0.plusMillis(999)));
  }

  @Test
  void await_idle_returns_once_everything_offered_is_stored_and_times_out_while_the_store_is_down() throws Exception {
    try (RequestLogWriter writer = new RequestLogWriter(repo, settings(1_000, Duration.ofMillis(100), 1_000))) {
      for (int i = 0; i < 7; i++) writer.offer(full("w" + i, T0));
      assertThat(writer.awaitIdle(Duration.ofSeconds(10))).isTrue();
      assertThat(repo.count()).isEqualTo(7);
    }
    RequestLogSink down = batch -> { throw new StoreException("database is down", null); };
    RequestLogWriter stuck = new RequestLogWriter(down, settings(10, Duration.ofMillis(10), 100),
        Duration.ofMillis(5), Duration.ofMillis(20));
    stuck.offer(full("s0", T0));
    assertThat(stuck.awaitIdle(Duration.ofMillis(200))).isFalse();
    assertThat(stuck.pending()).isEqualTo(1);
    stuck.close(Duration.ofMillis(50));
  }

  @Test
  void writer_close_gives_up_after_the_timeout_while_writes_keep_failing_and_reports_pending() {
    RequestLogSink down = batch -> { throw new StoreException("database is down", null); };
    RequestLogWriter writer = new RequestLogWriter(down, settings(10, Duration.ofMillis(10), 100),
        Duration.ofMillis(5), Duration.ofMillis(20));
    for (int i = 0; i < 25; i++) writer.offer(full("d" + i, T0));

    long start = System.nanoTime();
    assertThat(writer.close(Duration.ofMillis(300))).isFalse();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    assertThat(writer.pending()).isEqualTo(25);
    assertThat(writer.failures()).isPositive();
  }

  @Test
  void offer_never_blocks_when_the_queue_is_full_and_counts_what_it_drops() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch writing = new CountDownLatch(1);
    RequestLogSink stalled = batch -> {
      writing.countDown();
      try {
        release.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      repo.insertBatch(batch);
    };
    RequestLogWriter writer = new RequestLogWriter(stalled, settings(5, Duration.ofMillis(10), 10));
    writer.offer(full("first", T0));
    assertThat(writing.await(10, TimeUnit.SECONDS)).isTrue();

    int accepted = 1;
    long start = System.nanoTime();
    for (int i = 0; i < 10_000; i++) if (writer.offer(full("o" + i, T0))) accepted++;
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(took).isLessThan(Duration.ofSeconds(2));
    assertThat(accepted).isEqualTo(11); // the stalled batch's one record plus a full queue
    assertThat(writer.dropped()).isEqualTo(10_001 - accepted);
    assertThat(writer.pending()).isEqualTo(accepted);

    release.countDown();
    assertThat(writer.close(Duration.ofSeconds(10))).isTrue();
    assertThat(repo.count()).isEqualTo(accepted);
  }

  @Test
  void a_closed_writer_refuses_records_and_counts_them_dropped() {
    RequestLogWriter writer = new RequestLogWriter(repo, settings(10, Duration.ofMillis(10), 10));
    assertThat(writer.close(Duration.ofSeconds(5))).isTrue();
    assertThat(writer.offer(full("late", T0))).isFalse();
    assertThat(writer.dropped()).isEqualTo(1);
    assertThat(repo.count()).isZero();
  }

  // --- helpers ---

  static RequestLogSettings settings(int batchSize, Duration flushInterval, int queueCapacity) {
    return new RequestLogSettings(true, batchSize, flushInterval, queueCapacity);
  }

  // --- retention ---

  @Test
  void deleting_old_records_takes_only_those_strictly_older_than_the_cutoff_a_chunk_at_a_time() {
    List<RequestRecord> batch = new ArrayList<>();
    for (int i = 0; i < 5; i++) batch.add(full("old-" + i, T0.minusSeconds(100 - i)));
    batch.add(sparse("at-cutoff", T0));
    batch.add(full("new", T0.plusSeconds(1)));
    repo.insertBatch(batch);

    assertThat(repo.deleteOlderThan(T0, 3)).isEqualTo(3);
    assertThat(repo.count()).isEqualTo(4);
    assertThat(repo.deleteOlderThan(T0, 3)).as("fewer than the limit: none older left").isEqualTo(2);
    assertThat(repo.deleteOlderThan(T0, 3)).isZero();
    assertThat(repo.recent(10)).extracting(RequestRecord::requestId).containsExactly("new", "at-cutoff");
    assertThatThrownBy(() -> repo.deleteOlderThan(T0, 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void records_written_out_of_time_order_are_deleted_by_their_time_not_their_position() {
    // Batches arrive in about time order, not exactly: a newer record may precede an older one.
    repo.insertBatch(List.of(full("old-a", T0.minusSeconds(50)), full("newer-between", T0.plusSeconds(5)),
        full("old-b", T0.minusSeconds(60)), full("old-c", T0.minusSeconds(40))));
    // The two oldest (old-b, old-a) go first, then the last old one; the newer record stays.
    assertThat(repo.deleteOlderThan(T0, 2)).isEqualTo(2);
    assertThat(repo.recent(10)).extracting(RequestRecord::requestId).containsExactly("newer-between", "old-c");
    assertThat(repo.deleteOlderThan(T0, 2)).isEqualTo(1);
    assertThat(repo.deleteOlderThan(T0, 2)).isZero();
    assertThat(repo.recent(10)).extracting(RequestRecord::requestId).containsExactly("newer-between");
  }

  @Test
  void retention_deletes_everything_older_than_the_retention_in_chunks_and_counts_it() {
    List<RequestRecord> batch = new ArrayList<>();
    for (int i = 0; i < 25; i++) batch.add(full("expired-" + i, T0.minus(Duration.ofDays(31)).plusSeconds(i)));
    batch.add(full("kept-recent", T0.minus(Duration.ofDays(29))));
    batch.add(full("kept-now", T0));
    repo.insertBatch(batch);
    java.time.Clock clock = java.time.Clock.fixed(T0, java.time.ZoneOffset.UTC);

    try (RequestLogRetention retention = new RequestLogRetention(repo, Duration.ofDays(30), clock, 10)) {
      assertThat(retention.pruneNow()).isEqualTo(25);
      assertThat(retention.pruneNow()).isZero();
      assertThat(retention.deleted()).isEqualTo(25);
    }
    assertThat(repo.recent(10)).extracting(RequestRecord::requestId).containsExactly("kept-now", "kept-recent");
  }

  @Test
  void retention_prunes_on_its_own_timer() throws InterruptedException {
    repo.insertBatch(List.of(full("expired", T0.minus(Duration.ofHours(2))), full("kept", T0)));
    java.time.Clock clock = java.time.Clock.fixed(T0, java.time.ZoneOffset.UTC);
    try (RequestLogRetention retention = new RequestLogRetention(repo, Duration.ofHours(1), clock)
        .start(Duration.ofMillis(10))) {
      awaitAtLeast(retention::deleted, 1);
    }
    assertThat(repo.recent(10)).extracting(RequestRecord::requestId).containsExactly("kept");
  }

  static RequestRecord full(String id, Instant time) {
    return new RequestRecord(time, id, "team-a", "/v1/chat/completions", "gpt-fast", "claude-sonnet-4-5",
        "anthropic", "anthropic-key-2", 2, 200, null, true, 812_345L, 120_000L, 1_234L, 567L, 1_000L, 89L,
        "[{\"provider\":\"openai\",\"status\":429},{\"provider\":\"anthropic\",\"status\":200,\"note\":\"ünïcödé ✓\"}]",
        "{\"pool\":\"free\",\"skipped\":[{\"candidate\":\"groq/llama\",\"reason\":\"no capability: tools\"}]}");
  }

  static RequestRecord sparse(String id, Instant time) {
    return new RequestRecord(time, id, null, "/v1/chat/completions", "gpt-fast", null, null, null, 1, 502,
        "upstream_unavailable", false, 3_000L, null, null, null, null, null, null);
  }

  static void awaitAtLeast(LongSupplier value, long target) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (value.getAsLong() < target && System.nanoTime() < deadline) Thread.sleep(10);
    assertThat(value.getAsLong()).isGreaterThanOrEqualTo(target);
  }

  /** Passes batches through and remembers their sizes. */
  static final class RecordingSink implements RequestLogSink {
    final List<Integer> sizes = Collections.synchronizedList(new ArrayList<>());
    private final RequestLogSink delegate;

    RecordingSink(RequestLogSink delegate) { this.delegate = delegate; }

    @Override public void insertBatch(List<RequestRecord> batch) {
      delegate.insertBatch(batch);
      sizes.add(batch.size());
    }
  }

  /** Every V*.sql migration on the classpath (target/classes in tests): an empty database gets all of them. */
  static int migrationFiles() throws Exception {
    var url = RequestLogStoreContract.class.getClassLoader().getResource("db/migration");
    try (var files = java.nio.file.Files.list(java.nio.file.Path.of(url.toURI()))) {
      return (int) files.filter(f -> f.getFileName().toString().matches("V\\d+__.*\\.sql")).count();
    }
  }
}

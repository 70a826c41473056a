package dev.switchboard.server.billing;

import dev.switchboard.store.money.ChargeRecord;
import dev.switchboard.store.money.ChargeStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves durable charges into the database in batches (one transaction each), in journal order, on one virtual
 * thread. Never drops: the queue is unbounded (the journal holds the same charges on disk anyway) and a failed
 * batch is retried with capped backoff. After each stored batch the journal learns how far the database is.
 */
final class ChargeWriter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ChargeWriter.class);

  private final ChargeStore store;
  private final int batchSize;
  private final long flushNanos;
  private final LongConsumer written;
  private final java.util.function.Consumer<List<ChargeRecord>> stored;
  private final LinkedBlockingQueue<Journal.Sequenced> queue = new LinkedBlockingQueue<>();
  private final AtomicLong storedCount = new AtomicLong();
  private final AtomicLong accepted = new AtomicLong();
  private final Thread thread;
  private volatile boolean closing;

  ChargeWriter(ChargeStore store, int batchSize, Duration flush, LongConsumer written) {
    this(store, batchSize, flush, written, batch -> {});
  }

  /** @param stored told of each batch once it is in the database (key spend totals follow it) */
  ChargeWriter(ChargeStore store, int batchSize, Duration flush, LongConsumer written,
               java.util.function.Consumer<List<ChargeRecord>> stored) {
    this.stored = stored;
    this.store = store;
    this.batchSize = batchSize;
    this.flushNanos = flush.toNanos();
    this.written = written;
    this.thread = Thread.ofVirtual().name("switchboard-billing-writer").start(this::run);
  }

  void offer(List<Journal.Sequenced> charges) {
    accepted.addAndGet(charges.size());
    queue.addAll(charges);
  }

  /** Charges durable in the journal but not yet in the database. */
  long pending() { return accepted.get() - storedCount.get(); }

  long stored() { return storedCount.get(); }

  /** Waits, at most {@code timeout}, until every charge handed over so far is in the database; woken per batch. */
  synchronized boolean awaitIdle(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (pending() > 0) {
      long left = deadline - System.nanoTime();
      if (left <= 0) return false;
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    return true;
  }

  private void run() {
    List<Journal.Sequenced> batch = new ArrayList<>(batchSize);
    while (true) {
      try {
        Journal.Sequenced first = queue.poll(closing ? 10 : 200, TimeUnit.MILLISECONDS);
        if (first == null) {
          if (closing) return;
          continue;
        }
        batch.add(first);
        long deadline = System.nanoTime() + flushNanos;
        while (batch.size() < batchSize) {
          queue.drainTo(batch, batchSize - batch.size());
          long left = deadline - System.nanoTime();
          if (batch.size() >= batchSize || left <= 0 || closing) break;
          Journal.Sequenced next = queue.poll(left, TimeUnit.NANOSECONDS);
          if (next == null) break;
          batch.add(next);
        }
      } catch (InterruptedException e) {
        Thread.interrupted();
        continue;
      }
      writeWithRetry(batch);
      batch.clear();
    }
  }

  private void writeWithRetry(List<Journal.Sequenced> batch) {
    List<ChargeRecord> records = new ArrayList<>(batch.size());
    for (Journal.Sequenced s : batch) records.add(s.record());
    long backoff = 100;
    while (true) {
      try {
        store.write(records);
        storedCount.addAndGet(batch.size());
        synchronized (this) {
          notifyAll(); // awaitIdle
        }
        written.accept(batch.get(batch.size() - 1).seq());
        try {
          stored.accept(records);
        } catch (RuntimeException e) {
          LOG.warn("after a billing batch: {}", e.getMessage());
        }
        return;
      } catch (RuntimeException e) {
        LOG.warn("billing batch of {} charge(s) failed, retrying in {} ms: {}", batch.size(), backoff, e.getMessage());
        if (closing && backoff >= 1600) {
          LOG.error("billing writer gives up at shutdown; {} charge(s) stay in the journal for the next start",
              batch.size());
          return;
        }
        try {
          Thread.sleep(backoff);
        } catch (InterruptedException ie) {
          Thread.interrupted();
        }
        backoff = Math.min(backoff * 2, 5_000);
      }
    }
  }

  /** Writes what is queued (bounded wait), then stops. */
  @Override
  public void close() {
    closing = true;
    try {
      thread.join(Duration.ofSeconds(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

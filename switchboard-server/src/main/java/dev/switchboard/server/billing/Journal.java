package dev.switchboard.server.billing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.store.money.ChargeRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The money path's durability: every charge is appended to an append-only file and fsync'd before the client gets
 * the end of its answer, so a process killed at any moment loses no completed request's charge. Appends are
 * group-committed by one thread (one write + one fsync for everything queued meanwhile), so the cost per request
 * is a share of one fsync, not one each. Durable charges go on to the database writer; a segment is deleted once
 * every charge in it is in the database. At startup the remaining segments are replayed; the store skips request
 * ids it already has, so replaying twice bills once.
 *
 * <p>Format: one JSON object per line; a torn last line (killed mid-write, never acknowledged) is ignored.
 */
final class Journal implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Journal.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long SEGMENT_BYTES = 8L << 20;
  private static final String PREFIX = "charges-";
  private static final String SUFFIX = ".jnl";

  private record Pending(ChargeRecord record, CompletableFuture<Void> done) {}

  private record Segment(Path path, long lastSeq) {}

  private final Path dir;
  private final boolean fsync;
  private final Consumer<List<Sequenced>> durable;
  private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final ArrayDeque<Segment> closed = new ArrayDeque<>();
  private final Thread thread;
  private FileChannel channel;
  private Path current;
  private long seq;
  private volatile long writtenSeq;
  private volatile boolean closing;
  private volatile long fsyncs;
  private volatile long fsyncNanos;

  /** A durable charge and its position, handed to the database writer in order. */
  record Sequenced(long seq, ChargeRecord record) {}

  Journal(Path dir, boolean fsync, Consumer<List<Sequenced>> durable) {
    this.dir = dir;
    this.fsync = fsync;
    this.durable = durable;
    try {
      Files.createDirectories(dir);
      openSegment();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot open the billing journal in " + dir + ": " + e.getMessage(), e);
    }
    this.thread = Thread.ofPlatform().name("switchboard-billing-journal").daemon(true).start(this::run);
  }

  /** Appends the charge; the future completes once it is on disk (fsync'd). */
  CompletableFuture<Void> append(ChargeRecord record) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    if (closing) {
      done.completeExceptionally(new IllegalStateException("billing journal is closed"));
      return done;
    }
    queue.add(new Pending(record, done));
    return done;
  }

  /** The database has every charge up to {@code seq}: segments entirely below it can go. */
  void written(long seq) {
    writtenSeq = seq;
  }

  long fsyncs() { return fsyncs; }

  long fsyncNanos() { return fsyncNanos; }

  private long lastTidyNanos = System.nanoTime();

  private void run() {
    List<Pending> group = new ArrayList<>(256);
    while (true) {
      try {
        Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          // Idle: tidy written segments now and then, not on every 100 ms wake-up (it lists the directory).
          long now = System.nanoTime();
          if (now - lastTidyNanos > 5_000_000_000L) {
            lastTidyNanos = now;
            dropWrittenSegments();
          }
          if (closing && queue.isEmpty()) return;
          continue;
        }
        group.add(first);
        queue.drainTo(group, 4096);
        writeGroup(group);
      } catch (InterruptedException e) {
        if (closing && queue.isEmpty()) return;
      } catch (IOException | RuntimeException e) {
        LOG.error("billing journal write failed; {} charge(s) not acknowledged", group.size(), e);
        for (Pending p : group) p.done().completeExceptionally(e);
      }
      group.clear();
    }
  }

  private void writeGroup(List<Pending> group) throws IOException {
    StringBuilder sb = new StringBuilder(group.size() * 320);
    List<Sequenced> out = new ArrayList<>(group.size());
    for (Pending p : group) {
      long s = ++seq;
      sb.append(encode(s, p.record())).append('\n');
      out.add(new Sequenced(s, p.record()));
    }
    ByteBuffer buf = ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.UTF_8));
    while (buf.hasRemaining()) channel.write(buf);
    if (fsync) {
      long t = System.nanoTime();
      channel.force(false);
      fsyncNanos += System.nanoTime() - t;
      fsyncs++;
    }
    // Handed to the writer before the requests learn they are durable: whoever sees an answer end also sees its
    // charge pending (pendingWrites), never a moment where it is in neither place.
    durable.accept(out);
    for (Pending p : group) p.done().complete(null);
    if (channel.size() >= SEGMENT_BYTES) {
      channel.close();
      closed.add(new Segment(current, seq));
      openSegment();
    }
    dropWrittenSegments();
  }

  private void openSegment() throws IOException {
    current = dir.resolve(PREFIX + System.currentTimeMillis() + "-" + (seq + 1) + SUFFIX);
    channel = FileChannel.open(current, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
  }

  private void dropWrittenSegments() {
    long w = writtenSeq;
    while (!closed.isEmpty() && closed.peekFirst().lastSeq() <= w) {
      Path p = closed.pollFirst().path();
      try {
        Files.deleteIfExists(p);
      } catch (IOException e) {
        LOG.warn("cannot delete billed journal segment {}: {}", p, e.getMessage());
      }
    }
  }

  /** Stops accepting charges and writes what is queued; the files stay until {@link #dropIfWritten}. */
  @Override
  public void close() {
    closing = true;
    thread.interrupt();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      channel.close();
    } catch (IOException e) {
      LOG.warn("closing the billing journal: {}", e.getMessage());
    }
  }

  /** After close: deletes every segment when the database has all their charges (else they stay for replay). */
  void dropIfWritten() {
    if (writtenSeq < seq) return;
    closed.add(new Segment(current, seq));
    dropWrittenSegments();
  }

  /** Every charge in the journal files of {@code dir} (previous processes), oldest segment first. */
  static List<ChargeRecord> replay(Path dir) {
    List<ChargeRecord> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) return out;
    for (Path p : segments(dir)) {
      try {
        List<String> lines = Files.readAllLines(p, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
          String line = lines.get(i);
          if (line.isBlank()) continue;
          try {
            out.add(decode(JSON.readTree(line)));
          } catch (IOException | RuntimeException e) {
            // Only the last line can be torn (never acknowledged); anything else is worth a loud warning.
            if (i < lines.size() - 1) LOG.warn("journal {} line {} unreadable, skipped: {}", p, i + 1, e.getMessage());
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read billing journal " + p, e);
      }
    }
    return out;
  }

  /** Deletes the journal files of previous processes once replayed into the database. */
  static void deleteReplayed(Dir d) {
    for (Path p : d.files()) {
      try {
        Files.deleteIfExists(p);
      } catch (IOException e) {
        LOG.warn("cannot delete replayed journal {}: {}", p, e.getMessage());
      }
    }
  }

  /** The segment files present before this process opened its own. */
  record Dir(List<Path> files) {
    static Dir snapshot(Path dir) { return new Dir(segments(dir)); }
  }

  private static List<Path> segments(Path dir) {
    if (!Files.isDirectory(dir)) return List.of();
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> {
        String n = p.getFileName().toString();
        return n.startsWith(PREFIX) && n.endsWith(SUFFIX);
      }).sorted((a, b) -> Long.compare(order(a), order(b))).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long order(Path p) {
    String n = p.getFileName().toString();
    try {
      return Long.parseLong(n.substring(PREFIX.length(), n.indexOf('-', PREFIX.length())));
    } catch (RuntimeException e) {
      return Long.MAX_VALUE;
    }
  }

  static String encode(long seq, ChargeRecord r) {
    ObjectNode n = JSON.createObjectNode();
    n.put("seq", seq).put("id", r.requestId()).put("tenant", r.tenantId());
    if (r.keyId() != null) n.put("key", r.keyId());
    n.put("model", r.model()).put("endpoint", r.endpoint()).put("status", r.status())
        .put("time", r.time().toString()).put("in", r.inputTokens()).put("uncached", r.uncachedTokens())
        .put("cached", r.cachedTokens()).put("cache_write", r.cacheWriteTokens()).put("out", r.outputTokens())
        .put("reasoning", r.reasoningTokens()).put("cost", r.cost().toPlainString());
    if (r.rawUsage() != null) n.put("raw", r.rawUsage());
    if (r.instanceId() != null) n.put("instance", r.instanceId());
    return n.toString();
  }

  static ChargeRecord decode(JsonNode n) {
    return new ChargeRecord(n.get("id").asText(), n.get("tenant").asLong(), n.hasNonNull("key") ? n.get("key").asLong() : null,
        n.get("model").asText(), n.path("endpoint").asText(null), n.get("status").asInt(),
        Instant.parse(n.get("time").asText()), n.get("in").asLong(), n.get("uncached").asLong(),
        n.get("cached").asLong(), n.get("cache_write").asLong(), n.get("out").asLong(), n.get("reasoning").asLong(),
        new BigDecimal(n.get("cost").asText()), n.path("raw").asText(null), n.path("instance").asText(null));
  }
}

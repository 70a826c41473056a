package dev.switchboard.server.billing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.accounts.ModelPrices;
import dev.switchboard.accounts.PriceBook;
import dev.switchboard.accounts.Principal;
import dev.switchboard.billing.Charge;
import dev.switchboard.billing.Estimate;
import dev.switchboard.billing.Meter;
import dev.switchboard.billing.Money;
import dev.switchboard.billing.Rates;
import dev.switchboard.config.BillingSettings;
import dev.switchboard.config.DatabaseSettings;
import dev.switchboard.config.PublicModelConfig;
import dev.switchboard.error.ErrorKey;
import dev.switchboard.error.GatewayError;
import dev.switchboard.model.MediaUsage;
import dev.switchboard.model.Usage;
import dev.switchboard.protocol.openai.OpenAiJson;
import dev.switchboard.server.exec.Exchange;
import dev.switchboard.store.Database;
import dev.switchboard.store.money.ChargeRecord;
import dev.switchboard.store.money.ChargeStore;
import dev.switchboard.store.money.Leases;
import dev.switchboard.store.money.Ledger;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prepaid billing on the request path: {@link #reserve} before a tenant-key request goes upstream (the estimate
 * held from the in-memory wallet; 402 {@code insufficient_quota} when the balance cannot cover it), {@link #settle}
 * when it ends, whatever way (success, partial stream, client gone, failure): the reservation is released and
 * the actual cost, metered from the provider's usage (tokens) and the media figures (images, seconds of audio),
 * is journaled durably and then written to the ledger in batches. Requests of config client keys are not billed.
 */
public final class Billing implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Billing.class);
  private static final Future<Void> DONE = Future.succeededFuture();

  private final BillingSettings settings;
  private final String instanceId;
  private final Wallets wallets;
  private final KeySpend keySpend;
  private final Journal journal;
  private final ChargeWriter writer;
  private final Ledger ledger;
  private final ExecutorService blocking = Executors.newVirtualThreadPerTaskExecutor();
  private final ScheduledExecutorService timer;
  private final long estimateMarginPermille;
  private final long minimumUnits;
  private volatile PriceBook prices;

  private final java.nio.channels.FileChannel lockChannel;

  private Billing(BillingSettings settings, Database db, PriceBook prices, Clock clock, Path dir) {
    this.settings = settings;
    this.lockChannel = lock(dir);
    this.instanceId = settings.instanceId() != null ? settings.instanceId() : instanceId(dir);
    this.ledger = new Ledger(db.dataSource(), clock);
    Leases leases = new Leases(db.dataSource(), clock);
    ChargeStore store = new ChargeStore(db.dataSource());
    recover(dir, store, leases);
    this.wallets = new Wallets(leases, instanceId, settings.leaseChunk(), settings.overdraft(), blocking);
    this.keySpend = new KeySpend(new dev.switchboard.store.accounts.KeyStore(db.dataSource()), blocking);
    Journal[] j = new Journal[1];
    this.writer = new ChargeWriter(store, settings.batchSize(), settings.flushInterval(), seq -> j[0].written(seq),
        keySpend::written);
    this.journal = j[0] = new Journal(dir, settings.journalFsync(), writer::offer);
    this.prices = prices;
    this.estimateMarginPermille = settings.estimateMargin().movePointRight(3).longValue();
    this.minimumUnits = Wallets.units(settings.minimumReservation());
    this.timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("switchboard-billing-timer")
        .daemon(true).factory());
    // Unused balance of tenants this instance stopped serving goes back for the other instances.
    timer.scheduleWithFixedDelay(() -> safely(() -> wallets.releaseIdle(TimeUnit.SECONDS.toNanos(60))), 30, 30,
        TimeUnit.SECONDS);
    // Other instances' charges against limited keys: the bound on how late this instance sees them.
    timer.scheduleWithFixedDelay(() -> safely(keySpend::refresh), 5, 5, TimeUnit.SECONDS);
  }

  /**
   * Replays previous processes' journals into the database, then drops this instance's leases (whatever the old
   * process had reserved in memory died with it), then starts a new journal.
   */
  public static Billing start(BillingSettings settings, DatabaseSettings database, Database db, PriceBook prices,
                              Clock clock) {
    return new Billing(settings, db, prices, clock, journalDir(settings, database));
  }

  /** billing.journal-dir, else beside an H2 file database, else a temporary one for in-memory H2, else ./data. */
  static Path journalDir(BillingSettings settings, DatabaseSettings database) {
    if (settings.journalDir() != null) return Path.of(settings.journalDir());
    String url = database == null || database.url() == null || database.url().isBlank() ? DatabaseSettings.DEFAULT_H2_URL
        : database.url();
    if (url.startsWith("jdbc:h2:mem:")) {
      try {
        return Files.createTempDirectory("switchboard-journal");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    if (url.startsWith("jdbc:h2:")) {
      String rest = url.substring("jdbc:h2:".length());
      int semi = rest.indexOf(';');
      if (semi >= 0) rest = rest.substring(0, semi);
      if (rest.startsWith("file:")) rest = rest.substring(5);
      if (rest.startsWith("~")) rest = System.getProperty("user.home") + rest.substring(1);
      Path parent = Path.of(rest).toAbsolutePath().getParent();
      if (parent != null) return parent.resolve("journal");
    }
    return Path.of("data", "journal");
  }

  /** One live process per journal directory: a second would replay (and delete) the first one's journal. */
  private static java.nio.channels.FileChannel lock(Path dir) {
    try {
      Files.createDirectories(dir);
      var ch = java.nio.channels.FileChannel.open(dir.resolve("lock"), java.nio.file.StandardOpenOption.CREATE,
          java.nio.file.StandardOpenOption.WRITE);
      try {
        if (ch.tryLock() != null) return ch;
      } catch (java.nio.channels.OverlappingFileLockException e) {
        // held by this same JVM
      }
      ch.close();
      throw new IllegalStateException("The billing journal " + dir + " is in use by another gateway process; give each"
          + " instance its own billing.journal-dir");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot lock the billing journal " + dir + ": " + e.getMessage(), e);
    }
  }

  private void recover(Path dir, ChargeStore store, Leases leases) {
    Journal.Dir old = Journal.Dir.snapshot(dir);
    List<ChargeRecord> charges = Journal.replay(dir);
    int fresh = 0;
    for (int i = 0; i < charges.size(); i += 1000) {
      fresh += store.write(charges.subList(i, Math.min(charges.size(), i + 1000)));
    }
    if (!charges.isEmpty()) {
      LOG.info("billing journal replayed: {} charge(s), {} were not yet in the database", charges.size(), fresh);
    }
    Journal.deleteReplayed(old);
    leases.releaseAll(instanceId);
  }

  /** The price book of public models and tenant multipliers (the accounts catalog, once it is up). */
  public void prices(PriceBook book) { this.prices = book; }

  public String instanceId() { return instanceId; }

  public Ledger ledger() { return ledger; }

  public BillingSettings settings() { return settings; }

  /** Billing applies to tenant keys only. */
  public boolean applies(Exchange exchange) {
    Principal p = exchange.principal();
    return settings.enabled() && p != null && p.tenantKey();
  }

  /**
   * Holds the estimated cost of the request from the tenant's wallet. Completes at once from memory in the common
   * case; fails with 402 {@code insufficient_quota} when the balance does not cover it.
   *
   * @param promptTokens    the prompt's token count (o200k), or 0 when unknown
   * @param maxOutputTokens the output budget (request max_tokens, else the model's max, else the configured default),
   *                        or 0 when the endpoint has no output tokens
   */
  public Future<Void> reserve(Exchange exchange, long promptTokens, long maxOutputTokens) {
    return reserve(exchange, Estimate.tokens(promptTokens, maxOutputTokens));
  }

  /**
   * As above, with the images asked for and the seconds of audio known in advance priced in too, so a tenant
   * cannot overdraw by asking for many images. Without a token estimate at least {@code minimum-reservation} is
   * held (the tokens of a priced model are then unknown).
   */
  public Future<Void> reserve(Exchange exchange, Estimate estimate) {
    Principal p = exchange.principal();
    long tenant = p.tenantId();
    String model = exchange.publicModel() != null ? exchange.publicModel() : String.valueOf(exchange.requestedModel());
    Rates rates = rates(model);
    BigDecimal multiplier = prices == null ? BigDecimal.ONE : prices.multiplier(tenant);
    long margined = estimate.promptTokens() * estimateMarginPermille / 1000;
    Estimate e = new Estimate(margined, estimate.outputTokens(), estimate.images(), estimate.audioSeconds());
    long estimated = Wallets.units(Meter.estimate(e, rates, multiplier));
    long units = estimate.noTokens() && !rates.free() ? Math.max(estimated, minimumUnits) : estimated;
    long keyLimit = p.spendLimit() == null || p.keyId() == null ? -1 : Wallets.units(p.spendLimit());
    long keyUnits = keyLimit >= 0 ? units : 0;
    Reservation r = new Reservation(tenant, p.keyId(), model, units, keyUnits, rates, multiplier);
    if (units == 0) {
      exchange.reserved(r);
      return DONE;
    }
    Boolean keyHeld = keyUnits == 0 ? Boolean.TRUE : keySpend.tryHold(p.keyId(), keyLimit, keyUnits);
    if (Boolean.FALSE.equals(keyHeld)) return Future.failedFuture(new dev.switchboard.error.GatewayException(keyLimitReached(p, units)));
    if (keyHeld != null && wallets.tryReserve(tenant, units)) {
      exchange.reserved(r);
      return DONE;
    }
    // Slow path: the key's figure or more balance comes from the database, off the event loop.
    CompletableFuture<Boolean> key = keyHeld != null ? CompletableFuture.completedFuture(true)
        : keySpend.hold(p.keyId(), keyLimit, keyUnits);
    CompletableFuture<GatewayError> outcome = key.thenCompose(held -> {
      if (!held) return CompletableFuture.completedFuture(keyLimitReached(p, units));
      return wallets.reserve(tenant, units).handle((ok, err) -> {
        if (err == null && ok) return (GatewayError) null;
        if (keyUnits != 0) keySpend.settle(p.keyId(), keyUnits, 0);
        if (err != null) throw new java.util.concurrent.CompletionException(err);
        return insufficient(units);
      });
    });
    Promise<Void> promise = Promise.promise();
    var context = Vertx.currentContext();
    outcome.whenComplete((refused, err) -> {
      Runnable done = () -> {
        if (err != null) {
          LOG.warn("balance reservation for tenant {} failed: {}", tenant, err.getMessage());
          promise.fail(new dev.switchboard.error.GatewayException(GatewayError.of(ErrorKey.INTERNAL,
              "Billing is unavailable (request " + exchange.requestId() + ")")));
        } else if (refused != null) {
          promise.fail(new dev.switchboard.error.GatewayException(refused));
        } else {
          exchange.reserved(r);
          promise.complete();
        }
      };
      if (context != null) context.runOnContext(v -> done.run());
      else done.run();
    });
    return promise.future();
  }

  private GatewayError keyLimitReached(Principal p, long units) {
    return GatewayError.of(ErrorKey.INSUFFICIENT_QUOTA, "This API key's spend limit of "
        + Money.text(p.spendLimit()) + " is reached: it has spent " + Money.text(keySpend.spent(p.keyId()))
        + " and this request may cost up to " + Money.text(Wallets.money(units))
        + "; raise the key's spend_limit or use another key");
  }

  private static GatewayError insufficient(long units) {
    return GatewayError.of(ErrorKey.INSUFFICIENT_QUOTA, "Insufficient balance: this request may cost up to "
        + Money.text(Wallets.money(units)) + "; recharge or redeem a voucher to continue");
  }

  /**
   * Ends the request's money: releases the reservation and charges the metered cost when an upstream served it
   * (or reported usage: partial streams, answers drained after a disconnect). The future completes once the
   * charge is durable (journal fsync), so the caller ends the client's answer after that.
   */
  public Future<Void> settle(Exchange exchange) {
    Reservation r = exchange.reservation();
    if (r == null) return DONE;
    exchange.reserved(null);
    Usage usage = exchange.usage();
    MediaUsage media = exchange.media();
    boolean billable = exchange.served() || (usage != null && !usage.isEmpty()) || (media != null && !media.isEmpty());
    if (!billable) {
      wallets.settle(r.tenantId(), r.units(), 0);
      if (r.keyUnits() != 0) keySpend.settle(r.keyId(), r.keyUnits(), 0);
      return DONE;
    }
    Charge c = Meter.charge(usage, media, r.rates(), r.multiplier());
    long cost = Wallets.units(c.cost());
    wallets.settle(r.tenantId(), r.units(), cost);
    if (r.keyId() != null) keySpend.settle(r.keyId(), r.keyUnits(), cost);
    ChargeRecord record = new ChargeRecord(exchange.requestId(), r.tenantId(), r.keyId(), r.model(),
        exchange.endpoint(), exchange.status(), exchange.time(), c.inputTokens(), c.uncachedInputTokens(),
        c.cachedReadTokens(), c.cacheWriteTokens(), c.outputTokens(), c.reasoningTokens(), c.cost(),
        rawUsage(usage, media), instanceId);
    CompletableFuture<Void> durable = journal.append(record);
    var context = Vertx.currentContext();
    if (context == null) return Future.fromCompletionStage(durable);
    return Future.fromCompletionStage(durable, context).recover(e -> {
      // The journal failed (disk full?): the answer still goes out; the charge is logged for manual booking.
      LOG.error("CHARGE NOT JOURNALED request={} tenant={} cost={}: {}", record.requestId(), record.tenantId(),
          record.cost().toPlainString(), e.getMessage());
      return DONE;
    });
  }

  /**
   * What is stored as the record's raw usage: the provider's own usage object as it came, plus, when images or
   * audio seconds were metered, a {@code "switchboard"} member with the figures charged
   * ({@code {"images":2,"audio_seconds":8.470,"audio_seconds_from":"response.duration"}}), so every charge can be
   * explained from its row (usage_records has no media columns).
   */
  static String rawUsage(Usage usage, MediaUsage media) {
    JsonNode raw = usage == null ? null : usage.raw();
    if (media == null || media.isEmpty()) return raw == null ? null : raw.toString();
    ObjectNode out;
    if (raw instanceof ObjectNode o) {
      out = o.deepCopy();
    } else {
      out = OpenAiJson.MAPPER.createObjectNode();
      if (raw != null) out.set("raw", raw);
    }
    ObjectNode m = out.putObject("switchboard");
    if (media.images() > 0) m.put("images", media.images());
    if (media.audioSeconds() != null) {
      m.put("audio_seconds", media.audioSeconds());
      m.put("audio_seconds_from", media.audioSource());
    }
    return out.toString();
  }

  /** The tenant's rates for a public model; free when it is not priced. */
  Rates rates(String model) {
    PriceBook book = prices;
    Optional<ModelPrices> p = book == null ? Optional.empty() : book.prices(model);
    if (p.isEmpty()) return Rates.FREE;
    ModelPrices m = p.get();
    return new Rates(m.input(), m.output(), m.cachedRead(), m.cacheWrite(), m.perRequest(), m.perImage(),
        m.perAudioSecond());
  }

  /** Charges durable in the journal but not yet in the database. */
  public long pendingWrites() { return writer.pending(); }

  /**
   * Waits, at most {@code timeout}, until every charge of a finished request is in the database (the journal hands
   * a charge to the writer before its request ends); true when it is.
   */
  public boolean awaitWritten(Duration timeout) throws InterruptedException { return writer.awaitIdle(timeout); }

  /** Runs the reconciliation check every day at {@code billing.reconcile-at} (UTC). */
  public void scheduleReconciliation(Clock clock) {
    if (settings.reconcileAt() == null) return;
    var now = java.time.ZonedDateTime.now(clock.withZone(java.time.ZoneOffset.UTC));
    var next = now.with(settings.reconcileAt());
    if (!next.isAfter(now)) next = next.plusDays(1);
    long delay = Duration.between(now, next).toMillis();
    timer.scheduleAtFixedRate(() -> safely(() -> {
      var r = ledger.reconcile();
      if (r.ok()) LOG.info("daily reconciliation: {} tenant balance(s) equal their ledgers", r.tenants());
      else LOG.error("daily reconciliation found {} mismatch(es): {}", r.mismatches().size(), r.mismatches());
    }), delay, TimeUnit.DAYS.toMillis(1), TimeUnit.MILLISECONDS);
  }

  private static void safely(Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      LOG.warn("billing background task failed: {}", e.getMessage());
    }
  }

  /** Journal drained, charges written, leases returned. */
  @Override
  public void close() {
    timer.shutdownNow();
    journal.close();
    writer.close();
    if (writer.pending() > 0) LOG.error("{} charge(s) not written at shutdown; they stay in the journal", writer.pending());
    else journal.dropIfWritten();
    try {
      wallets.releaseAll();
    } catch (RuntimeException e) {
      LOG.warn("returning balance leases at shutdown failed (they are dropped at the next start): {}", e.getMessage());
    }
    blocking.shutdown();
    try {
      lockChannel.close();
    } catch (IOException e) {
      LOG.debug("journal lock: {}", e.getMessage());
    }
  }

  /** A stable id for this instance: kept in the journal directory so a restart finds its own leases. */
  static String instanceId(Path dir) {
    Path file = dir.resolve("instance-id");
    try {
      Files.createDirectories(dir);
      if (Files.exists(file)) return Files.readString(file, StandardCharsets.UTF_8).strip();
      String id = "gw-" + UUID.randomUUID().toString().substring(0, 13);
      Files.writeString(file, id, StandardCharsets.UTF_8);
      return id;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot keep the instance id in " + dir + ": " + e.getMessage(), e);
    }
  }

  /** Prices from the config catalog, multiplier 1: used until the accounts catalog is wired. */
  public static PriceBook configPrices(List<PublicModelConfig> catalog) {
    Map<String, ModelPrices> byName = new HashMap<>();
    for (PublicModelConfig m : catalog) byName.put(m.name(), m.prices());
    return new PriceBook() {
      @Override public Optional<ModelPrices> prices(String publicModel) { return Optional.ofNullable(byName.get(publicModel)); }

      @Override public BigDecimal multiplier(long tenantId) { return BigDecimal.ONE; }
    };
  }
}

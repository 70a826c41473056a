package dev.switchboard.server.warmup;

import dev.switchboard.config.ConfigLoader;
import dev.switchboard.config.GatewayConfig;
import dev.switchboard.config.RequestLogSettings;
import dev.switchboard.routing.Router;
import dev.switchboard.server.accounts.Accounts;
import dev.switchboard.server.exec.GatewayMetrics;
import dev.switchboard.server.exec.GatewayServices;
import dev.switchboard.server.exec.Redactor;
import dev.switchboard.server.http.Health;
import dev.switchboard.server.http.HttpRoutes;
import dev.switchboard.server.http.LoopServers;
import dev.switchboard.server.upstream.UpstreamClient;
import dev.switchboard.store.RequestLogRepository;
import dev.switchboard.store.RequestLogWriter;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JIT warm-up. A JVM runs a request path interpreted, then compiled by C1, and only after thousands of calls compiled
 * by C2; on 2 cores that compilation alone takes ~10 s of CPU, during which requests cost 3-4x their steady-state
 * CPU (docs/benchmarks.md). Instead of making the first real clients pay for it, the gateway can drive synthetic
 * requests through its own code first: a private HTTP server with the real routes, codecs, routing and upstream
 * client, in front of an in-process {@link CannedUpstream}, on the same Vert.x instance. Nothing of it reaches the
 * configured providers, the request log, billing or the gateway's metrics. It stops when the JIT compiler has been
 * (nearly) idle for three seconds in a row, or at the configured maximum.
 */
public final class Warmup {
  private static final Logger LOG = LoggerFactory.getLogger(Warmup.class);
  /** Requests in flight at once (and client connections): enough to keep the event loops busy. */
  private static final int CONCURRENCY = 16;
  /**
   * How long the end of the warm-up waits for its last exchanges before it closes its connections, and again after
   * (closed connections end the rest at once).
   */
  private static final Duration DRAIN = Duration.ofSeconds(2);
  /** Before this, a quiet JIT only means the load has not started yet. */
  private static final Duration MIN_TIME = Duration.ofSeconds(2);
  /** Compilation time per second of wall time below which the JIT counts as idle (2% of one core). */
  private static final long QUIET_MS_PER_S = 20;
  /**
   * Idle seconds in a row that end the warm-up. One was not enough: the compiler pauses between waves (a run that
   * stopped after one quiet second, at 28 s, was followed by 217 µs/request instead of 146, docs/benchmarks.md).
   */
  private static final int QUIET_SECONDS = 3;

  /**
   * What a warm-up did: requests answered, wall time, whether it ended because the JIT went quiet, and the warm-up
   * request-log records its writer refused (0: every exchange ended before that log closed).
   */
  public record Result(int requests, Duration took, boolean jitQuiet, String failure, long logDropped) {
    public Result(int requests, Duration took, boolean jitQuiet, String failure) {
      this(requests, took, jitQuiet, failure, 0);
    }

    Result withLogDropped(long dropped) { return new Result(requests, took, jitQuiet, failure, dropped); }
  }

  private final Vertx vertx;
  private final GatewayServices gateway;
  private final Accounts accounts;
  private final BooleanSupplier shuttingDown;
  private final LongSupplier nanoClock;
  private final Duration max;
  private final AtomicBoolean stop = new AtomicBoolean();
  private final AtomicInteger answered = new AtomicInteger();
  /** The warm-up client's requests not answered yet. */
  private final AtomicInteger sending = new AtomicInteger();
  private final AtomicReference<String> failure = new AtomicReference<>();
  private final CompilationMXBean jit = ManagementFactory.getCompilationMXBean();

  /**
   * The warm-up's private stack reuses the gateway's own objects wherever that is harmless (upstream client,
   * billing, accounts, clock, shutdown flag) and mirrors the rest (a request log when the gateway has one, on the
   * same kind of store): C2 compiles only the branches and receiver types it saw, so a warm-up that differed from
   * the real path would leave code that the first real requests deoptimize and recompile.
   *
   * @param gateway  the gateway's services; the warm-up uses its upstream client and billing (config keys are
   *                 never billed) and, when its request log is on, logs too, into a throwaway database
   * @param accounts the gateway's accounts (read-only here: the public catalog lookup); null when off
   */
  public Warmup(Vertx vertx, GatewayServices gateway, Accounts accounts, BooleanSupplier shuttingDown,
                LongSupplier nanoClock, Duration max) {
    this.vertx = vertx;
    this.gateway = gateway;
    this.accounts = accounts;
    this.shuttingDown = shuttingDown;
    this.nanoClock = nanoClock;
    this.max = max;
  }

  /** Stops a running warm-up early (shutdown). */
  public void cancel() { stop.set(true); }

  public Future<Result> run() {
    long t0 = System.nanoTime();
    RequestLogSettings logSettings = gateway.requestLog() == null ? null : gateway.config().requestLog();
    Future<ThrowawayStore> store = logSettings == null ? Future.succeededFuture(null)
        : vertx.executeBlocking(() -> ThrowawayStore.open(gateway.config().database().isPostgres()));
    return store.compose(db -> CannedUpstream.start(vertx).compose(canned -> {
      RequestLogWriter writer = db == null ? null
          : new RequestLogWriter(RequestLogRepository.of(db.database()), logSettings);
      // Keys of three lengths (hashing and header parsing see more than one shape).
      List<String> keys = List.of("sk-w-" + hex(8), "sk-warmup-" + hex(32), "sk-warmup-project-" + hex(64));
      GatewayConfig config = ConfigLoader.parse("<warm-up>", """
          auto-providers: false
          request-log: {enabled: false}
          routing: {discovery: {enabled: false}}
          client-keys: [{name: w1, secret: "%s"}, {name: warm-up-2, secret: "%s"}, {name: warm-up-three, secret: "%s"}]
          providers:
            - name: warmup
              protocol: openai
              base-url: "http://127.0.0.1:%d/v1"
              api-key: sk-warmup-upstream
              include-preset-models: false
              models:
                - {id: warmup-model, aliases: [warmup-alias], capabilities: [tools, json, streaming]}
                - {id: warmup-basic, capabilities: [streaming]}
            # A second provider for one model: bare ids served by several providers rank candidates; configs
            # differ in both shapes, and routing branches the warm-up never took were deoptimized by real traffic.
            - name: warmup-b
              protocol: openai
              base-url: "http://127.0.0.1:%d/v1"
              api-key: sk-warmup-upstream-b
              include-preset-models: false
              models: [{id: warmup-basic, capabilities: [streaming]}]
          """.formatted(keys.get(0), keys.get(1), keys.get(2), canned.port(), canned.port()), Map.of());
      Router router = new Router(config, nanoClock);
      AtomicInteger inFlight = new AtomicInteger();
      GatewayServices services = new GatewayServices(config, router, gateway.upstream(), writer,
          new Redactor(keys), new GatewayMetrics(), inFlight, gateway.billing());
      // Like the gateway: one server per event loop, and workers on every loop, so each loop's thread-local state
      // (buffer caches, its upstream pool) is set up and its first-time branches are taken here, not by real traffic
      // (with the warm-up on one loop of two, C2 still spent ~35 µs per request recompiling in the first real run).
      int loops = gateway.config().server().eventLoops();
      List<HttpServer> servers = new ArrayList<>();
      for (int i = 0; i < loops; i++) {
        servers.add(vertx.createHttpServer(new HttpServerOptions().setTcpNoDelay(true).setCompressionSupported(false))
            .requestHandler(new HttpRoutes(services, vertx, new Health(vertx, null, router), shuttingDown, null, accounts)));
      }
      HttpClientAgent client = vertx.httpClientBuilder()
          .with(new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true))
          .with(new PoolOptions().setHttp1MaxSize(CONCURRENCY))
          .build();
      return LoopServers.listen(vertx, servers, "127.0.0.1", 0)
          .compose(port -> load(client, port, loops, WarmupTraffic.calls(keys), t0))
          // The connections close once idle: closing them under exchanges still in flight reset some of them, and
          // Vert.x logged "Connection reset by peer" at ERROR at the end of 2 warm-ups in 15 (docs/benchmarks.md).
          .eventually(() -> ended(() -> sending.get() == 0 && inFlight.get() == 0, System.nanoTime() + DRAIN.toNanos())
              .transform(idle -> Future.join(client.close(),
                  Future.join(servers.stream().map(HttpServer::close).toList()), canned.close()))
              // Exchanges still running at the gateway's side record themselves when they end: the writer closes
              // after them (it used to close first and log "record dropped" at the end of every warm-up).
              .transform(closed -> ended(() -> inFlight.get() == 0, System.nanoTime() + DRAIN.toNanos()))
              .transform(ended -> db == null ? Future.succeededFuture() : vertx.executeBlocking(() -> {
                writer.close(Duration.ofSeconds(5));
                db.close();
                return null;
              })))
          .map(result -> writer == null ? result : result.withLogDropped(writer.dropped()));
    })).recover(e -> Future.succeededFuture(new Result(answered.get(), Duration.ofNanos(System.nanoTime() - t0), false,
        e.getMessage())));
  }

  /** Completes once {@code idle} holds (checked every 5 ms), or at {@code deadline} (nanoTime). */
  private Future<Void> ended(BooleanSupplier idle, long deadline) {
    if (idle.getAsBoolean() || System.nanoTime() >= deadline) return Future.succeededFuture();
    Promise<Void> ended = Promise.promise();
    vertx.setTimer(5, t -> ended(idle, deadline).onComplete(ended));
    return ended.future();
  }

  private Future<Result> load(HttpClientAgent client, int port, int loops, List<WarmupTraffic.Call> calls, long t0) {
    Promise<Result> done = Promise.promise();
    List<ContextInternal> contexts = new ArrayList<>();
    for (int i = 0; i < loops; i++) contexts.add(((VertxInternal) vertx).createEventLoopContext());
    for (int i = 0; i < CONCURRENCY; i++) {
      int worker = i;
      contexts.get(i % loops).runOnContext(v -> next(client, port, calls, worker * 7, t0));
    }
    long[] lastCompileMs = {jit.getTotalCompilationTime()};
    int[] quietSeconds = {0};
    vertx.setPeriodic(1000, timer -> {
      long now = System.nanoTime();
      long compileMs = jit.getTotalCompilationTime();
      quietSeconds[0] = compileMs - lastCompileMs[0] < QUIET_MS_PER_S ? quietSeconds[0] + 1 : 0;
      boolean quiet = now - t0 >= MIN_TIME.toNanos() && quietSeconds[0] >= QUIET_SECONDS;
      lastCompileMs[0] = compileMs;
      if (quiet || now - t0 >= max.toNanos() || stop.get() || failure.get() != null) {
        stop.set(true);
        vertx.cancelTimer(timer);
        done.complete(new Result(answered.get(), Duration.ofNanos(now - t0), quiet, failure.get()));
      }
    });
    return done.future();
  }

  /**
   * One worker: a request, then the next, until stopped. The four kinds cover both front doors and both modes.
   * Every other second the workers pause 1-4 ms between requests: under steady back-to-back load the event loops
   * never go idle, so C2 would compile their loop without the sleep-and-wake path (epoll wait with a deadline,
   * timers) and real traffic with idle moments would deoptimize it (seen at 500 req/s after a busy-only warm-up).
   */
  private void next(HttpClientAgent client, int port, List<WarmupTraffic.Call> calls, int n, long t0) {
    if (stop.get()) return;
    if (((System.nanoTime() - t0) / 1_000_000_000L & 1) == 1) {
      vertx.setTimer(1 + ThreadLocalRandom.current().nextInt(4), id -> send(client, port, calls, n, t0));
    } else {
      send(client, port, calls, n, t0);
    }
  }

  private void send(HttpClientAgent client, int port, List<WarmupTraffic.Call> calls, int n, long t0) {
    if (stop.get()) return; // a paced worker's timer may fire after the end, when the client is closed
    WarmupTraffic.Call call = calls.get(n % calls.size());
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1").setPort(port)
        .setURI(call.path());
    call.headers().forEach(options::addHeader);
    Future<io.vertx.core.http.HttpClientRequest> opened;
    sending.incrementAndGet();
    try {
      opened = client.request(options);
    } catch (IllegalStateException closed) {
      sending.decrementAndGet();
      return; // the warm-up ended between the check above and here, and its client is closed
    }
    opened
        .compose(req -> req.send(call.body()).compose(resp -> resp.body().map(body -> resp.statusCode())))
        .onComplete(ar -> {
          sending.decrementAndGet();
          if (ar.succeeded() && ar.result() == 200) {
            answered.incrementAndGet();
            next(client, port, calls, n + 1, t0);
          } else {
            failure.compareAndSet(null, call.path() + " #" + (n % calls.size()) + ": "
                + (ar.succeeded() ? "HTTP " + ar.result() : ar.cause().getMessage()));
          }
        });
  }

  private static String hex(int digits) {
    StringBuilder b = new StringBuilder(digits);
    for (int i = 0; i < digits; i++) b.append(Character.forDigit(ThreadLocalRandom.current().nextInt(16), 16));
    return b.toString();
  }

  public static void log(Result r) {
    if (r.failure() != null) {
      LOG.warn("JIT warm-up stopped after {} request(s) in {} ms: {}", r.requests(), r.took().toMillis(), r.failure());
    } else {
      LOG.info("JIT warm-up: {} requests in {} ms ({})", r.requests(), r.took().toMillis(),
          r.jitQuiet() ? "the compiler went quiet" : "time limit reached");
    }
  }
}

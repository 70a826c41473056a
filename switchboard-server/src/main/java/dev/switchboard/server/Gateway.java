package dev.switchboard.server;

import dev.switchboard.config.ClientKey;
import dev.switchboard.config.GatewayConfig;
import dev.switchboard.config.KeyConfig;
import dev.switchboard.config.ProviderConfig;
import dev.switchboard.routing.Router;
import dev.switchboard.server.billing.Billing;
import dev.switchboard.server.accounts.Accounts;
import dev.switchboard.server.accounts.PasswordHasher;
import dev.switchboard.server.exec.GatewayMetrics;
import dev.switchboard.server.exec.GatewayServices;
import dev.switchboard.server.exec.Redactor;
import dev.switchboard.server.http.Health;
import dev.switchboard.server.http.HttpRoutes;
import dev.switchboard.server.http.LoopServers;
import dev.switchboard.server.manage.ManagementContext;
import dev.switchboard.server.manage.ManagementHandler;
import dev.switchboard.server.manage.ManagementModules;
import dev.switchboard.server.upstream.ModelDiscovery;
import dev.switchboard.server.upstream.UpstreamClient;
import dev.switchboard.server.warmup.Warmup;
import dev.switchboard.store.Database;
import dev.switchboard.store.RequestLogRepository;
import dev.switchboard.store.RequestLogRetention;
import dev.switchboard.store.RequestLogWriter;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running gateway: store, request log, router, Vert.x server. Built from a compiled config; used by
 * {@link GatewayMain} and by the end-to-end tests (in-process).
 */
public final class Gateway implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);

  private final GatewayConfig config;
  private final Vertx vertx;
  private final Database database;
  private final RequestLogWriter requestLog;
  /** Deletes request-log records past {@code request-log.retention}; null when records are kept for good. */
  private final RequestLogRetention retention;
  private final UpstreamClient upstream;
  private final GatewayServices services;
  private final AtomicBoolean shuttingDown = new AtomicBoolean();
  /** One supplier instance for every route set (the warm-up's too): one receiver type for C2. */
  private final java.util.function.BooleanSupplier stopping = shuttingDown::get;
  private final List<HttpServer> servers = new ArrayList<>();
  private final int port;
  private final ModelDiscovery discovery;
  private Warmup warmup;
  private Future<Warmup.Result> warmedUp;
  /** One clock instance for the real router and the warm-up's, so that C2 sees one receiver type. */
  private static final java.util.function.LongSupplier NANO_CLOCK = System::nanoTime;
  private final Billing billing;
  private final Accounts accounts;

  private Gateway(GatewayConfig config) {
    this.config = config;
    // The store (H2 file open + Flyway) and Vert.x start in parallel: startup is the slower of the two, not the sum.
    CompletableFuture<Database> opening = new CompletableFuture<>();
    Thread.ofVirtual().name("switchboard-store-open").start(() -> {
      try {
        opening.complete(Database.open(config.database()));
      } catch (Throwable t) {
        opening.completeExceptionally(t);
      }
    });
    this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(config.server().eventLoops())
        .setPreferNativeTransport(true));
    Database db = null;
    RequestLogWriter writer = null;
    RequestLogRetention retention = null;
    Billing billing = null;
    Accounts accounts = null;
    try {
      this.upstream = new UpstreamClient(vertx, config.upstream(), config.server().eventLoops());
      Router router = new Router(config, NANO_CLOCK);
      db = awaitStore(opening);
      if (config.requestLog().enabled()) writer = new RequestLogWriter(RequestLogRepository.of(db), config.requestLog());
      this.database = db;
      this.requestLog = writer;
      // Also with the log off: rows written before it was turned off still age out.
      if (config.requestLog().retention().isPositive()) {
        retention = new RequestLogRetention(new RequestLogRepository(db.dataSource()),
            config.requestLog().retention(), java.time.Clock.systemUTC()).start(RequestLogRetention.FIRST_RUN_AFTER);
      }
      this.retention = retention;
      if (config.billing().enabled()) {
        billing = Billing.start(config.billing(), config.database(), db,
            Billing.configPrices(config.accounts().catalog()), java.time.Clock.systemUTC());
        billing.scheduleReconciliation(java.time.Clock.systemUTC());
      }
      this.billing = billing;
      this.services = new GatewayServices(config, router, upstream, requestLog,
          new Redactor(secrets(config)), new GatewayMetrics(), new AtomicInteger(), billing);
      if (writer != null) services.metrics().watch(writer);
      if (retention != null) services.metrics().watch(retention);
      this.discovery = new ModelDiscovery(vertx, upstream, services.router(), config.smart().discovery());
      Health health = new Health(vertx, database, services.router());
      HttpServerOptions options = new HttpServerOptions().setHost(config.server().host()).setPort(config.server().port())
          .setTcpNoDelay(true).setCompressionSupported(false).setIdleTimeout(0);
      // No WebSocket endpoints: without compression negotiation Netty skips its extension handler per request.
      options.getWebSocketConfig().setUsePerFrameCompression(false).setUsePerMessageCompression(false);
      ManagementHandler management = null;
      if (config.accounts().enabled()) {
        accounts = new Accounts(config.accounts(), database.dataSource(), new PasswordHasher(), java.time.Clock.systemUTC());
        // Provider keys stored through the admin API join the key pools before the first request.
        accounts.useProviderKeys(services.router(), services.redactor());
        // Charges are priced from the live public catalog (database + config) and tenant multipliers.
        if (billing != null) billing.prices(accounts.catalog());
        management = new ManagementHandler(ManagementModules.router(new ManagementContext(services, database, accounts)),
            accounts);
      }
      this.accounts = accounts;
      int port = config.server().port();
      // One server per event loop on the same port; Vert.x spreads connections across them.
      for (int i = 0; i < config.server().eventLoops(); i++) {
        servers.add(vertx.createHttpServer(options)
            .requestHandler(new HttpRoutes(services, vertx, health, stopping, management, accounts)));
      }
      port = LoopServers.listen(vertx, servers, config.server().host(), port).await();
      this.port = port;
      discovery.start(); // after listening: discovery never delays startup
      if (config.server().warmUp().isPositive()) {
        // After listening, so startup is not delayed; readiness waits for it, requests are served meanwhile.
        warmup = new Warmup(vertx, services, accounts, stopping, NANO_CLOCK, config.server().warmUp());
        LOG.info("JIT warm-up running (at most {}; /health/ready waits for it, requests are served meanwhile;"
            + " server.warm-up: 0s turns it off)", config.server().warmUp());
        health.warmingUp(true);
        warmedUp = warmup.run().andThen(ar -> {
          health.warmingUp(false);
          if (ar.succeeded()) Warmup.log(ar.result());
        });
      }

    } catch (RuntimeException e) {
      if (accounts != null) accounts.close();
      if (retention != null) retention.close();
      if (writer != null) writer.close(Duration.ofSeconds(1));
      if (billing != null) billing.close();
      if (db != null) db.close();
      else opening.thenAccept(Database::close);
      vertx.close();
      throw e;
    }
  }

  private static Database awaitStore(CompletableFuture<Database> opening) {
    try {
      return opening.join();
    } catch (java.util.concurrent.CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) throw r;
      throw e;
    }
  }

  /** Starts the gateway and blocks until it listens. Port 0 picks a free port (tests). */
  public static Gateway start(GatewayConfig config) {
    return new Gateway(config);
  }

  public int port() { return port; }

  public boolean nativeTransport() { return vertx.isNativeTransportEnabled(); }

  public GatewayServices services() { return services; }

  public Database database() { return database; }

  /** Tenants, keys and the public catalog; null when accounts.enabled is false. */
  public Accounts accounts() { return accounts; }

  public RequestLogWriter requestLog() { return requestLog; }

  /** The request log's pruning; null when {@code request-log.retention} keeps records for good. */
  public RequestLogRetention requestLogRetention() { return retention; }

  public String baseUrl() { return "http://" + (config.server().host().equals("0.0.0.0") ? "127.0.0.1" : config.server().host()) + ":" + port; }

  /**
   * Graceful shutdown: readiness turns false and new requests get 503, in-flight requests get up to
   * {@code server.shutdown-grace} to finish, then the request log is drained to the store (nothing queued is lost).
   * Requests still running when the grace ends are cut: their upstream calls are reset and they answer and are
   * recorded as 503 SHUTTING_DOWN, so the whole drain takes the grace plus at most a few {@link #CUT_MARGIN}s.
   */
  @Override
  public void close() {
    if (!shuttingDown.compareAndSet(false, true)) return;
    Duration grace = config.server().shutdownGrace();
    long deadline = System.nanoTime() + grace.toNanos();
    // Synthetic traffic has nothing left to warm: it stops while real requests drain (awaited below).
    if (warmup != null) warmup.cancel();
    discovery.stop();
    awaitInFlight(deadline);
    int left = services.inFlight().get();
    if (left > 0) LOG.warn("shutdown grace {} elapsed with {} request(s) still in flight; cutting them", grace, left);
    services.graceOver().set(true);
    if (warmup != null) {
      // It ends at its next once-a-second check and then deletes its throwaway store (~10 MB, which a SIGTERM
      // during the warm-up used to leave in the temp directory); before the upstream client it uses is closed.
      awaitStep(warmedUp, STEP_LIMIT, "ending the JIT warm-up");
    }
    // Resetting the upstream calls ends the cut requests: each answers 503 (or ends its stream with that error) and
    // is recorded, while its connection is still open to carry the answer.
    awaitStep(upstream.close(), CUT_MARGIN, "resetting upstream calls");
    awaitInFlight(System.nanoTime() + CUT_MARGIN.toNanos());
    // Every server at once: one after another, each had waited for its own stuck connections (a 1 s grace took 17 s
    // with 4 event loops). shutdown() lets a connection finish the response it is writing, within what is left of
    // the grace but at least CUT_MARGIN; a request cut by this close is recorded as SHUTTING_DOWN too. Not waited
    // for longer: closing Vert.x below closes what is left.
    Duration rest = Duration.ofNanos(Math.max(CUT_MARGIN.toNanos(), deadline - System.nanoTime()));
    List<Future<Void>> closing = new ArrayList<>();
    for (HttpServer s : servers) closing.add(s.shutdown(rest));
    awaitStep(Future.join(closing), rest.plus(CUT_MARGIN), "closing the HTTP servers");
    awaitInFlight(System.nanoTime() + CUT_MARGIN.toNanos());
    if (services.inFlight().get() > 0) {
      LOG.warn("shutdown: {} cut request(s) did not end in time; their request-log rows may be missing",
          services.inFlight().get());
    }
    if (accounts != null) accounts.close();
    // Bounded: a Vert.x close that never completed once kept a SIGTERMed gateway alive (and its request log
    // undrained) for good; after the limit the log is still drained and the store closed below.
    awaitStep(vertx.close(), STEP_LIMIT, "closing Vert.x");
    if (requestLog != null && !requestLog.close(Duration.ofSeconds(30))) {
      LOG.error("request log could not be fully written at shutdown ({} pending)", requestLog.pending());
    }
    if (billing != null) billing.close();
    if (retention != null) retention.close();
    database.close();
  }

  /** Past the grace, how long the cut requests get to answer and the servers to close their connections. */
  static final Duration CUT_MARGIN = Duration.ofMillis(500);

  /** Waits until no request is in flight or {@code deadline} (System.nanoTime) passes. */
  private void awaitInFlight(long deadline) {
    while (services.inFlight().get() > 0 && System.nanoTime() < deadline) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** How long one step of {@link #close} may take before shutdown goes on without it. */
  static final Duration STEP_LIMIT = Duration.ofSeconds(10);

  /** Waits for one shutdown step for at most {@code limit}; a step that hangs or fails is logged, not fatal. */
  static boolean awaitStep(Future<?> step, Duration limit, String what) {
    try {
      step.await(limit);
      return true;
    } catch (java.util.concurrent.TimeoutException e) {
      LOG.warn("shutdown: {} did not finish within {}; going on without it", what, limit);
    } catch (Exception e) {
      LOG.warn("shutdown: {} failed: {}", what, e.getMessage());
    }
    return false;
  }

  /** The port each event loop's server listens on: all the same, one shared socket. */
  public List<Integer> listeningPorts() { return servers.stream().map(HttpServer::actualPort).toList(); }

  /** The JIT warm-up's outcome once it ends; null when {@code server.warm-up} is zero. */
  public Future<Warmup.Result> warmedUp() { return warmedUp; }

  /** Prepaid billing of tenant keys; null when billing.enabled is false. */
  public Billing billing() { return billing; }

  private static List<String> secrets(GatewayConfig config) {
    List<String> s = new ArrayList<>();
    for (ProviderConfig p : config.providers()) for (KeyConfig k : p.keys()) s.add(k.secret());
    for (ClientKey k : config.clientKeys()) s.add(k.secret());
    return s;
  }
}

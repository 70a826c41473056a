package dev.switchboard.server.upstream;

import dev.switchboard.config.SmartRouting;
import dev.switchboard.routing.Discovery;
import dev.switchboard.routing.KeyState;
import dev.switchboard.routing.ProviderRuntime;
import dev.switchboard.routing.Router;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists every provider's models at startup and then every {@code routing.discovery.interval}, and merges unknown
 * ids into the router's catalog. All I/O is asynchronous with bounded timeouts and starts after the server
 * listens, so unreachable providers never delay startup; merging (which re-indexes the catalog) runs on a worker.
 */
public final class ModelDiscovery {
  private static final Logger LOG = LoggerFactory.getLogger(ModelDiscovery.class);

  private final Vertx vertx;
  private final UpstreamClient client;
  private final Router router;
  private final SmartRouting.Discovery settings;
  private long timer = -1;

  public ModelDiscovery(Vertx vertx, UpstreamClient client, Router router, SmartRouting.Discovery settings) {
    this.vertx = vertx;
    this.client = client;
    this.router = router;
    this.settings = settings;
  }

  public void start() {
    if (!settings.enabled()) return;
    vertx.runOnContext(v -> runOnce());
    timer = vertx.setPeriodic(settings.interval().toMillis(), id -> runOnce());
  }

  public void stop() { if (timer >= 0) vertx.cancelTimer(timer); }

  /** One round over every provider; completes when all answered, failed or timed out. */
  public Future<Void> runOnce() {
    List<Future<Void>> all = new java.util.ArrayList<>();
    for (ProviderRuntime p : router.providers()) {
      if (p.needsAccountId() || !Discovery.supports(p.config().protocol())) continue;
      var key = p.keys().pick(Set.of());
      if (key.isEmpty()) continue;
      all.add(list(p, key.get()).recover(e -> {
        LOG.debug("model discovery for {} failed: {}", p.name(), e.getMessage());
        return Future.succeededFuture();
      }));
    }
    return Future.join(all).mapEmpty();
  }

  private Future<Void> list(ProviderRuntime p, KeyState key) {
    var request = Discovery.listRequest(p, key);
    long timeoutMs = settings.timeout().toMillis();
    return client.open(request).compose(req -> {
      long t = vertx.setTimer(timeoutMs, id -> req.reset(0, new java.util.concurrent.TimeoutException("timeout")));
      return req.send().compose(resp -> resp.body().compose(body -> resp.statusCode() / 100 == 2
              ? Future.succeededFuture(body)
              : Future.failedFuture("HTTP " + resp.statusCode())))
          .andThen(ar -> vertx.cancelTimer(t))
          .compose(body -> merge(p, body));
    });
  }

  private Future<Void> merge(ProviderRuntime p, Buffer body) {
    return vertx.executeBlocking(() -> {
      int added = router.mergeDiscovered(p.name(), Discovery.parseIds(p.config().protocol(), body.getBytes()));
      if (added > 0) LOG.info("model discovery: {} new model(s) on {}", added, p.name());
      return null;
    }, false);
  }
}

package dev.switchboard.server.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.config.UpstreamSettings;
import dev.switchboard.provider.UpstreamRequest;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class UpstreamClientTest {

  /** A request on one event loop never gets a connection opened by another (which would cross threads twice). */
  @Test
  void each_event_loop_uses_its_own_upstream_connections() throws Exception {
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
    try {
      Map<Integer, String> portToLoop = new ConcurrentHashMap<>();
      HttpServer upstream = vertx.createHttpServer().requestHandler(req ->
          req.response().end(String.valueOf(req.remoteAddress().port()))).listen(0, "127.0.0.1")
          .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
      UpstreamClient client = new UpstreamClient(vertx, new UpstreamSettings(Duration.ofSeconds(2), Duration.ofSeconds(5),
          Duration.ofSeconds(5), 8), 2);
      UpstreamRequest request = new UpstreamRequest("POST", "http://127.0.0.1:" + upstream.actualPort() + "/v1/x",
          Map.of("content-type", "application/json"), "{}".getBytes());
      VertxInternal vx = (VertxInternal) vertx;
      List<ContextInternal> loops = List.of(vx.createEventLoopContext(), vx.createEventLoopContext());
      assertThat(loops.get(0).nettyEventLoop()).isNotSameAs(loops.get(1).nettyEventLoop());

      // Alternate between the loops, one request at a time: a shared LIFO pool would hand every request the same
      // connection whichever loop asked.
      Set<String> wrongThread = ConcurrentHashMap.newKeySet();
      for (int i = 0; i < 6; i++) {
        ContextInternal loop = loops.get(i % 2);
        String name = "loop" + (i % 2);
        Promise<String> port = Promise.promise();
        loop.runOnContext(v -> client.open(request)
            .compose(req -> req.send(UpstreamClient.body(request)))
            .compose(resp -> resp.body().map(b -> b.toString()))
            .onComplete(ar -> {
              if (!loop.nettyEventLoop().inEventLoop()) wrongThread.add(name);
              port.handle(ar);
            }));
        String seen = port.future().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        String before = portToLoop.putIfAbsent(Integer.parseInt(seen), name);
        assertThat(before == null || before.equals(name)).as("connection on port %s used by %s and %s", seen, before, name)
            .isTrue();
      }
      assertThat(portToLoop.values()).containsOnly("loop0", "loop1").contains("loop0", "loop1");
      assertThat(wrongThread).isEmpty();
      client.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }
  }
}

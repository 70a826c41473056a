package dev.switchboard.server.http;

import dev.switchboard.protocol.openai.OpenAiJson;
import dev.switchboard.routing.Router;
import dev.switchboard.store.Database;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.time.Duration;
import java.time.Instant;

/** Liveness, readiness (the store answers) and a detailed health view. JDBC pings run off the event loop. */
public final class Health {
  private final Vertx vertx;
  private final Database database;
  private final Router router;
  private final Instant started = Instant.now();
  /** True while the JIT warm-up runs: the gateway answers, but a load balancer should wait for the warm code. */
  private volatile boolean warmingUp;

  public Health(Vertx vertx, Database database, Router router) {
    this.vertx = vertx;
    this.database = database;
    this.router = router;
  }

  public void warmingUp(boolean on) { warmingUp = on; }

  void ready(HttpServerResponse resp, boolean shuttingDown) {
    ping().onComplete(ar -> {
      boolean storeOk = ar.succeeded() && ar.result();
      boolean warming = warmingUp;
      boolean ready = storeOk && !shuttingDown && !warming;
      resp.setStatusCode(ready ? 200 : 503).putHeader("content-type", "application/json")
          .end(Buffer.buffer(OpenAiJson.write(96, g -> {
            g.writeStartObject();
            g.writeStringField("status", ready ? "ready" : "not_ready");
            g.writeStringField("store", storeOk ? "up" : "down");
            if (shuttingDown) g.writeBooleanField("shutting_down", true);
            if (warming) g.writeBooleanField("warming_up", true);
            g.writeEndObject();
          })));
    });
  }

  void details(HttpServerResponse resp, boolean shuttingDown) {
    ping().onComplete(ar -> {
      boolean storeOk = ar.succeeded() && ar.result();
      resp.setStatusCode(storeOk ? 200 : 503).putHeader("content-type", "application/json")
          .end(Buffer.buffer(OpenAiJson.write(512, g -> {
            g.writeStartObject();
            g.writeStringField("status", storeOk && !shuttingDown ? "ok" : "degraded");
            g.writeStringField("store", storeOk ? "up" : "down");
            g.writeStringField("database", database == null ? "none" : database.isPostgres() ? "postgresql" : "h2");
            g.writeNumberField("uptime_seconds", Duration.between(started, Instant.now()).toSeconds());
            if (warmingUp) g.writeBooleanField("warming_up", true);
            g.writeArrayFieldStart("providers");
            for (var p : router.providers()) {
              g.writeStartObject();
              g.writeStringField("name", p.name());
              g.writeStringField("protocol", p.config().protocol().configName());
              g.writeNumberField("models", p.models().size());
              long now = System.nanoTime();
              g.writeArrayFieldStart("keys");
              for (var k : p.keys().keys()) {
                g.writeStartObject();
                g.writeStringField("name", k.name());
                g.writeBooleanField("enabled", k.enabled());
                if (k.disabledReason() != null) g.writeStringField("disabled_reason", k.disabledReason());
                long left = k.cooldownUntilNanos() - now;
                if (left > 0) {
                  g.writeNumberField("cooldown_seconds", (left + 999_999_999L) / 1_000_000_000L);
                  g.writeStringField("cooldown_reason", k.cooldownReason());
                }
                g.writeEndObject();
              }
              g.writeEndArray();
              g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
          })));
    });
  }

  private io.vertx.core.Future<Boolean> ping() {
    if (database == null) return io.vertx.core.Future.succeededFuture(true);
    return vertx.executeBlocking(database::ping, false);
  }
}

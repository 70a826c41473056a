package dev.switchboard.server.http;

import dev.switchboard.protocol.openai.OpenAiJson;
import dev.switchboard.routing.Router;
import dev.switchboard.store.Database;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.time.Duration;
import java.time.Instant;

/**
 * Liveness, readiness (the store answers) and a detailed health view, whose provider key details depend on who
 * asks ({@link Audience}). JDBC pings run off the event loop.
 */
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

  /** How much of the detailed view a caller sees: /api/health answers anyone, load balancers included. */
  enum Audience {
    /** No config client key (none, a wrong or a tenant's), status view private: what an uptime check needs. */
    ANONYMOUS,
    /** No config client key, {@code routing.status.public}: also the keys, as /v1/routing/status shows them. */
    PUBLIC,
    /** A config client key: also the reasons keys are disabled or cooling down (upstream texts, redacted). */
    OPERATOR
  }

  /** @param hideKeyNames {@code routing.status.hide-key-names}: keys are shown as key-1, key-2... */
  void details(HttpServerResponse resp, boolean shuttingDown, Audience audience, boolean hideKeyNames) {
    ping().onComplete(ar -> {
      boolean storeOk = ar.succeeded() && ar.result();
      resp.setStatusCode(storeOk ? 200 : 503).putHeader("content-type", "application/json")
          .end(Buffer.buffer(OpenAiJson.write(512, g -> {
            g.writeStartObject();
            g.writeStringField("status", storeOk && !shuttingDown ? "ok" : "degraded");
            g.writeStringField("store", storeOk ? "up" : "down");
            if (audience != Audience.ANONYMOUS) {
              g.writeStringField("database", database == null ? "none" : database.isPostgres() ? "postgresql" : "h2");
              g.writeNumberField("uptime_seconds", Duration.between(started, Instant.now()).toSeconds());
            }
            if (warmingUp) g.writeBooleanField("warming_up", true);
            g.writeArrayFieldStart("providers");
            long now = router.nanoTime();
            // The reasons are upstream texts: they can name the account, the key's project, its masked echo.
            boolean reasons = audience == Audience.OPERATOR;
            for (var p : router.providers()) {
              var keys = p.keys().keys();
              g.writeStartObject();
              g.writeStringField("name", p.name());
              // Up when routing could send it a request now: its breaker allows it and some key can serve.
              g.writeStringField("status", p.health().allows(now) && p.keys().anyRoutable(now) ? "up" : "down");
              g.writeNumberField("models", p.models().size());
              g.writeNumberField("keys_total", keys.size());
              g.writeNumberField("keys_available", keys.stream().filter(k -> k.routableAt(now)).count());
              if (audience == Audience.ANONYMOUS) {
                g.writeEndObject();
                continue;
              }
              g.writeStringField("protocol", p.config().protocol().configName());
              g.writeArrayFieldStart("keys");
              int i = 0;
              for (var k : keys) {
                i++;
                g.writeStartObject();
                g.writeStringField("name", hideKeyNames ? "key-" + i : k.name());
                g.writeBooleanField("enabled", k.enabled());
                if (reasons && k.disabledReason() != null) g.writeStringField("disabled_reason", k.disabledReason());
                long left = k.cooldownUntilNanos() - now;
                if (left > 0) {
                  g.writeNumberField("cooldown_seconds", (left + 999_999_999L) / 1_000_000_000L);
                  if (reasons) g.writeStringField("cooldown_reason", k.cooldownReason());
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

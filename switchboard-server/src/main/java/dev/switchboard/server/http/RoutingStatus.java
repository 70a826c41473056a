package dev.switchboard.server.http;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.switchboard.config.ModelConfig;
import dev.switchboard.protocol.openai.OpenAiJson;
import dev.switchboard.routing.DailyUsage;
import dev.switchboard.routing.Health;
import dev.switchboard.routing.KeyState;
import dev.switchboard.routing.Pool;
import dev.switchboard.routing.ProviderRuntime;
import dev.switchboard.routing.Router;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * GET /v1/routing/status: per provider, model and key the live health (latency and TTFB EWMA, error rate, breaker,
 * cooldown, headroom left today, degraded), per provider why no key can serve when none can ({@code keys_unavailable},
 * e.g. a keys-from-store provider with no key yet), plus the pools. Key names can be hidden (config). Models are
 * listed only once they have traffic or a daily cap, so the view stays small with large catalogs.
 */
final class RoutingStatus {
  private final Router router;
  private final boolean hideKeyNames;

  RoutingStatus(Router router, boolean hideKeyNames) {
    this.router = router;
    this.hideKeyNames = hideKeyNames;
  }

  byte[] render() {
    long now = router.nanoTime();
    Instant wall = router.days().now();
    return OpenAiJson.write(1024, g -> {
      g.writeStartObject();
      g.writeStringField("object", "routing.status");
      g.writeStringField("time", wall.truncatedTo(ChronoUnit.SECONDS).toString());
      g.writeStringField("caps_reset_at", router.days().nextReset().toString());
      g.writeStringField("default_strategy", router.settings().strategy().configName());
      g.writeArrayFieldStart("providers");
      for (ProviderRuntime p : router.providers()) {
        g.writeStartObject();
        g.writeStringField("name", p.name());
        health(g, p.health(), now, wall, false);
        g.writeArrayFieldStart("models");
        for (ModelConfig m : p.models()) {
          var state = p.state(m);
          if (state.health().samples() == 0 && !m.dailyCap().limited()) continue;
          g.writeStartObject();
          g.writeStringField("id", state.qualifiedId());
          if (m.discovered()) g.writeBooleanField("discovered", true);
          health(g, state.health(), now, wall, !state.usage().hasHeadroom());
          headroom(g, state.usage());
          g.writeEndObject();
        }
        g.writeEndArray();
        if (p.config().keysFromStore()) g.writeBooleanField("keys_from_store", true);
        // Why no key of this provider can serve now (e.g. none added yet), the text skipped candidates carry.
        if (!p.keys().anyRoutable(now)) g.writeStringField("keys_unavailable", p.keys().unavailableReason(wall));
        g.writeArrayFieldStart("keys");
        int i = 0;
        for (KeyState k : p.keys().keys()) {
          i++;
          g.writeStartObject();
          g.writeStringField("name", hideKeyNames ? "key-" + i : k.name());
          g.writeBooleanField("enabled", k.enabled());
          long left = k.cooldownUntilNanos() - now;
          health(g, k.health(), now, wall, !k.enabled() || left > 0 || !k.usage().hasHeadroom());
          if (left > 0) g.writeStringField("cooldown_until", at(wall, left));
          headroom(g, k.usage());
          g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("pools");
      for (Pool pool : router.pools()) {
        g.writeStartObject();
        g.writeStringField("name", pool.name());
        g.writeStringField("strategy", pool.strategyKind().configName());
        g.writeNumberField("members", pool.members().size());
        g.writeBooleanField("builtin", pool.builtin());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    });
  }

  /** @param alsoDegraded degraded for a reason outside the health record (cooldown, cap, disabled key) */
  private static void health(JsonGenerator g, Health h, long now, Instant wall, boolean alsoDegraded) throws IOException {
    number(g, "latency_ms", h.latencyMs());
    number(g, "ttfb_ms", h.ttfbMs());
    g.writeNumberField("error_rate", Math.round(h.errorRate() * 1000) / 1000.0);
    g.writeNumberField("samples", h.samples());
    g.writeStringField("breaker", h.state(now).wireName());
    if (h.state(now) != dev.switchboard.routing.BreakerState.CLOSED && h.openUntilNanos() - now > 0) {
      g.writeStringField("breaker_open_until", at(wall, h.openUntilNanos() - now));
    }
    g.writeBooleanField("degraded", alsoDegraded || h.degraded(now));
  }

  private static void headroom(JsonGenerator g, DailyUsage u) throws IOException {
    if (!u.cap().limited()) return;
    g.writeObjectFieldStart("headroom_today");
    if (u.cap().requests() > 0) g.writeNumberField("requests", u.requestsLeft());
    if (u.cap().tokens() > 0) g.writeNumberField("tokens", u.tokensLeft());
    g.writeEndObject();
  }

  private static void number(JsonGenerator g, String name, double v) throws IOException {
    if (Double.isNaN(v)) g.writeNullField(name);
    else g.writeNumberField(name, Math.round(v * 10) / 10.0);
  }

  private static String at(Instant wall, long nanosFromNow) {
    return wall.plusNanos(nanosFromNow).truncatedTo(ChronoUnit.SECONDS).toString();
  }
}

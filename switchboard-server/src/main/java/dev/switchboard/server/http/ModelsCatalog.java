package dev.switchboard.server.http;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.switchboard.config.ModelConfig;
import dev.switchboard.config.Prices;
import dev.switchboard.protocol.openai.OpenAiJson;
import dev.switchboard.provider.Capability;
import dev.switchboard.routing.ProviderRuntime;
import dev.switchboard.routing.Router;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * GET /v1/models in OpenAI's list shape: {@code provider/model} ids plus aliases, with context window,
 * capabilities and prices as extra fields. Rendered once at startup since the catalog is immutable.
 */
final class ModelsCatalog {
  private final byte[] list;
  private final Map<String, byte[]> single = new LinkedHashMap<>();

  final int version;

  ModelsCatalog(Router router, long created) {
    this.version = router.catalogVersion();
    Map<String, Entry> entries = new LinkedHashMap<>();
    for (ProviderRuntime p : router.providers()) {
      for (ModelConfig m : p.models()) {
        String qualified = p.name() + "/" + m.publicId();
        entries.putIfAbsent(qualified, new Entry(qualified, p.name(), m, null));
        for (String alias : m.aliases()) entries.putIfAbsent(alias, new Entry(alias, p.name(), m, qualified));
      }
    }
    for (Entry e : entries.values()) single.put(e.id, OpenAiJson.write(256, g -> write(g, e, created)));
    this.list = OpenAiJson.write(256 + entries.size() * 256, g -> {
      g.writeStartObject();
      g.writeStringField("object", "list");
      g.writeArrayFieldStart("data");
      for (Entry e : entries.values()) write(g, e, created);
      g.writeEndArray();
      g.writeEndObject();
    });
  }

  byte[] list() { return list; }

  Optional<byte[]> model(String id) { return Optional.ofNullable(single.get(id)); }

  private record Entry(String id, String provider, ModelConfig model, String aliasOf) {}

  private static void write(JsonGenerator g, Entry e, long created) throws IOException {
    ModelConfig m = e.model;
    g.writeStartObject();
    g.writeStringField("id", e.id);
    g.writeStringField("object", "model");
    g.writeNumberField("created", created);
    g.writeStringField("owned_by", e.provider);
    g.writeStringField("provider", e.provider);
    g.writeStringField("upstream_id", m.upstreamId());
    if (e.aliasOf != null) g.writeStringField("alias_of", e.aliasOf);
    // Listed by the provider but absent from the catalog: the values below are conservative defaults.
    if (m.discovered()) g.writeBooleanField("discovered", true);
    if (!m.tags().isEmpty()) {
      g.writeArrayFieldStart("tags");
      for (String t : new java.util.TreeSet<>(m.tags())) g.writeString(t);
      g.writeEndArray();
    }
    if (m.contextWindow() != null) g.writeNumberField("context_window", m.contextWindow());
    if (m.maxOutputTokens() != null) g.writeNumberField("max_output_tokens", m.maxOutputTokens());
    g.writeArrayFieldStart("capabilities");
    for (Capability c : Capability.values()) if (m.has(c)) g.writeString(c.configName());
    g.writeEndArray();
    Prices p = m.prices();
    if (p.input() != null || p.output() != null || p.cachedInput() != null) {
      g.writeObjectFieldStart("pricing");
      g.writeStringField("unit", "USD per 1M tokens");
      price(g, "input", p.input());
      price(g, "output", p.output());
      price(g, "cached_input", p.cachedInput());
      g.writeEndObject();
    }
    if (!m.fallbacks().isEmpty()) {
      g.writeArrayFieldStart("fallbacks");
      for (String f : m.fallbacks()) g.writeString(f);
      g.writeEndArray();
    }
    g.writeEndObject();
  }

  private static void price(JsonGenerator g, String name, BigDecimal v) throws IOException {
    if (v != null) g.writeNumberField(name, v);
  }
}

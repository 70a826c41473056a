package dev.switchboard.server.http;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.switchboard.accounts.ModelPrices;
import dev.switchboard.accounts.Principal;
import dev.switchboard.config.PublicModelConfig;
import dev.switchboard.protocol.openai.OpenAiJson;
import dev.switchboard.server.accounts.PublicCatalog;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * GET /v1/models for a tenant key: only the public names its scope allows, never providers or upstream ids, with
 * the tenant's prices. Rendered per call: the list is small and scopes differ per key.
 */
final class TenantModels {
  private TenantModels() {}

  static byte[] list(PublicCatalog catalog, Principal p, long created) {
    List<PublicModelConfig> visible = catalog.models().stream().filter(m -> p.scope().allows(m.name())).toList();
    BigDecimal mult = catalog.multiplier(p.tenantId());
    return OpenAiJson.write(128 + visible.size() * 192, g -> {
      g.writeStartObject();
      g.writeStringField("object", "list");
      g.writeArrayFieldStart("data");
      for (PublicModelConfig m : visible) write(g, m, mult, created);
      g.writeEndArray();
      g.writeEndObject();
    });
  }

  static Optional<byte[]> model(PublicCatalog catalog, Principal p, String id, long created) {
    return catalog.model(id).filter(m -> p.scope().allows(m.name()))
        .map(m -> OpenAiJson.write(192, g -> write(g, m, catalog.multiplier(p.tenantId()), created)));
  }

  private static void write(JsonGenerator g, PublicModelConfig m, BigDecimal mult, long created) throws IOException {
    g.writeStartObject();
    g.writeStringField("id", m.name());
    g.writeStringField("object", "model");
    g.writeNumberField("created", created);
    g.writeStringField("owned_by", "switchboard");
    if (m.description() != null) g.writeStringField("description", m.description());
    ModelPrices pr = m.prices();
    g.writeObjectFieldStart("pricing");
    g.writeStringField("unit", "USD per 1M tokens");
    price(g, "input", pr.input(), mult);
    price(g, "output", pr.output(), mult);
    price(g, "cached_read", pr.cachedRead(), mult);
    price(g, "cache_write", pr.cacheWrite(), mult);
    price(g, "per_request", pr.perRequest(), mult);
    price(g, "per_image", pr.perImage(), mult);
    price(g, "per_audio_second", pr.perAudioSecond(), mult);
    g.writeEndObject();
    g.writeEndObject();
  }

  private static void price(JsonGenerator g, String name, BigDecimal v, BigDecimal mult) throws IOException {
    if (v != null) g.writeNumberField(name, v.multiply(mult).stripTrailingZeros());
  }
}

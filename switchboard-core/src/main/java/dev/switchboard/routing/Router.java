package dev.switchboard.routing;

import dev.switchboard.config.GatewayConfig;
import dev.switchboard.config.ModelConfig;
import dev.switchboard.config.ProviderConfig;
import dev.switchboard.error.ErrorKey;
import dev.switchboard.error.GatewayError;
import dev.switchboard.error.GatewayException;
import dev.switchboard.provider.Providers;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Resolves what a client asked for into a {@link RoutePlan}: {@code provider/model}, a bare model id or alias
 * (every provider serving it, in config order), or an explicit provider from the X-Provider header; then appends
 * the model's fallback chain. Pure and immutable after construction: safe to share across event loops.
 */
public final class Router {
  private final Map<String, ProviderRuntime> providers = new LinkedHashMap<>();
  private final Map<String, List<Candidate>> byBareName = new HashMap<>();

  public Router(GatewayConfig config, LongSupplier nanoClock) {
    for (ProviderConfig p : config.providers()) {
      ProviderRuntime rt = new ProviderRuntime(p, Providers.adapter(p.protocol()),
          new KeyPool(p.keys(), config.routing(), nanoClock));
      providers.put(p.name(), rt);
      for (ModelConfig m : p.models()) {
        Set<String> names = new LinkedHashSet<>();
        names.add(m.publicId());
        names.add(m.upstreamId());
        names.addAll(m.aliases());
        for (String n : names) byBareName.computeIfAbsent(n, k -> new ArrayList<>()).add(new Candidate(rt, m));
      }
    }
  }

  public Collection<ProviderRuntime> providers() { return providers.values(); }

  public java.util.Optional<ProviderRuntime> provider(String name) { return java.util.Optional.ofNullable(providers.get(name)); }

  /**
   * @param providerHeader the X-Provider header value, or null
   * @throws GatewayException 404 naming the model when nothing serves it
   */
  public RoutePlan plan(String model, String providerHeader) {
    List<Candidate> primary = resolve(model, providerHeader);
    if (primary.isEmpty()) {
      String where = providerHeader != null && !providerHeader.isEmpty() ? " on provider '" + providerHeader + "'" : "";
      throw new GatewayException(GatewayError.field(ErrorKey.MODEL_NOT_FOUND, "model",
          "The model '" + model + "' does not exist" + where + "; GET /v1/models lists the available models"));
    }
    if (primary.size() == 1 && primary.get(0).model().fallbacks().isEmpty()) return new RoutePlan(model, primary);
    LinkedHashMap<String, Candidate> ordered = new LinkedHashMap<>();
    for (Candidate c : primary) ordered.putIfAbsent(c.qualifiedId(), c);
    for (Candidate c : primary) {
      for (String fb : c.model().fallbacks()) {
        for (Candidate f : resolve(fb, null)) ordered.putIfAbsent(f.qualifiedId(), f);
      }
    }
    return new RoutePlan(model, new ArrayList<>(ordered.values()));
  }

  private List<Candidate> resolve(String model, String providerHeader) {
    if (providerHeader != null && !providerHeader.isEmpty()) {
      ProviderRuntime p = providers.get(providerHeader);
      if (p == null) {
        throw new GatewayException(GatewayError.field(ErrorKey.INVALID_REQUEST, "X-Provider",
            "The X-Provider header names an unknown provider '" + providerHeader + "'; known: " + providers.keySet()));
      }
      String name = model.startsWith(providerHeader + "/") ? model.substring(providerHeader.length() + 1) : model;
      return List.of(explicit(p, name));
    }
    int slash = model.indexOf('/');
    if (slash > 0) {
      ProviderRuntime p = providers.get(model.substring(0, slash));
      if (p != null) return List.of(explicit(p, model.substring(slash + 1)));
    }
    List<Candidate> bare = byBareName.get(model);
    return bare == null ? List.of() : bare;
  }

  /**
   * A model named together with its provider. Ids missing from the catalog are passed through as-is (aggregators
   * and local servers serve far more models than any catalog lists), with no capability data.
   */
  private static Candidate explicit(ProviderRuntime p, String name) {
    return new Candidate(p, p.model(name).orElseGet(() -> new ModelConfig(name, name, List.of(), null, null,
        null, null, List.of())));
  }
}

package dev.switchboard.config;

import dev.switchboard.config.Specs.ModelSpec;
import dev.switchboard.config.Specs.PricesSpec;
import dev.switchboard.provider.Capability;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Compiles model entries (shared by config files and the preset catalogue) and merges them over preset models. */
final class Models {
  private Models() {}

  /** A compiled config model plus what was written, so that a merge only overrides the fields actually given. */
  record Compiled(String path, ModelSpec spec, ModelConfig model) {}

  static List<Compiled> compileAll(Problems p, String path, List<ModelSpec> specs) {
    List<Compiled> out = new ArrayList<>();
    if (specs == null) return out;
    Map<String, String> seenIds = new LinkedHashMap<>();
    for (int i = 0; i < specs.size(); i++) {
      String mp = path + "[" + i + "]";
      ModelSpec s = specs.get(i);
      if (s == null) {
        p.add(mp, "empty model entry");
        continue;
      }
      ModelConfig m = compile(p, mp, s);
      if (m == null) continue;
      String prev = seenIds.putIfAbsent(m.upstreamId(), mp);
      if (prev != null) p.add(mp + ".id", "duplicate model id '" + m.upstreamId() + "' (also at " + prev + ")");
      else out.add(new Compiled(mp, s, m));
    }
    return out;
  }

  static ModelConfig compile(Problems p, String path, ModelSpec s) {
    if (s.id() == null || s.id().isBlank()) {
      p.add(path + ".id", "missing model id");
      return null;
    }
    if (s.publicId() != null && s.publicId().isBlank()) p.add(path + ".public-id", "must not be empty");
    nonBlank(p, path + ".aliases", s.aliases());
    nonBlank(p, path + ".fallbacks", s.fallbacks());
    if (s.contextWindow() != null) Values.atLeast(p, path + ".context-window", s.contextWindow(), 0, 1);
    if (s.maxOutputTokens() != null) Values.atLeast(p, path + ".max-output-tokens", s.maxOutputTokens(), 0, 1);
    Set<Capability> caps = null;
    if (s.capabilities() != null) {
      caps = EnumSet.noneOf(Capability.class);
      for (int i = 0; i < s.capabilities().size(); i++) {
        String c = s.capabilities().get(i);
        Capability cap = c == null ? null : Values.capability(p, path + ".capabilities[" + i + "]", c.strip());
        if (cap != null) caps.add(cap);
      }
    }
    Prices prices = null;
    if (s.prices() != null) {
      PricesSpec ps = s.prices();
      prices = new Prices(price(p, path + ".prices.input", ps.input()), price(p, path + ".prices.output", ps.output()),
          price(p, path + ".prices.cached-input", ps.cachedInput()));
    }
    nonBlank(p, path + ".tags", s.tags());
    List<String> tags = clean(s.tags());
    return new ModelConfig(s.id().strip(), s.publicId() == null || s.publicId().isBlank() ? null : s.publicId().strip(),
        clean(s.aliases()), s.contextWindow(), s.maxOutputTokens(), caps, prices, clean(s.fallbacks()),
        tags == null ? null : new HashSet<>(tags), dailyCap(p, path, s.requestsPerDay(), s.tokensPerDay()), false);
  }

  /** requests-per-day / tokens-per-day of a model or key; absent means unlimited. */
  static DailyCap dailyCap(Problems p, String path, Long requests, Long tokens) {
    if (requests == null && tokens == null) return null;
    if (requests != null && requests < 1) p.add(path + ".requests-per-day", "must be at least 1 (got " + requests + ")");
    if (tokens != null && tokens < 1) p.add(path + ".tokens-per-day", "must be at least 1 (got " + tokens + ")");
    return new DailyCap(requests == null || requests < 1 ? 0 : requests, tokens == null || tokens < 1 ? 0 : tokens);
  }

  /**
   * Preset models (when included) overlaid by config models with the same id, config fields winning; the config's
   * models come first, in the order written, then the remaining preset models in catalogue order.
   */
  static List<ModelConfig> merge(List<ModelConfig> preset, List<Compiled> config) {
    Map<String, ModelConfig> base = new LinkedHashMap<>();
    for (ModelConfig m : preset) base.put(m.upstreamId(), m);
    List<ModelConfig> out = new ArrayList<>(preset.size() + config.size());
    for (Compiled c : config) {
      ModelConfig b = base.remove(c.model().upstreamId());
      out.add(b == null ? c.model() : overlay(b, c.spec(), c.model()));
    }
    out.addAll(base.values());
    return out;
  }

  private static ModelConfig overlay(ModelConfig b, ModelSpec s, ModelConfig m) {
    Prices prices = b.prices();
    if (s.prices() != null) {
      Prices o = m.prices();
      prices = new Prices(o.input() != null ? o.input() : b.prices().input(),
          o.output() != null ? o.output() : b.prices().output(),
          o.cachedInput() != null ? o.cachedInput() : b.prices().cachedInput());
    }
    return new ModelConfig(b.upstreamId(),
        s.publicId() != null ? m.publicId() : b.publicId(),
        s.aliases() != null ? m.aliases() : b.aliases(),
        s.contextWindow() != null ? m.contextWindow() : b.contextWindow(),
        s.maxOutputTokens() != null ? m.maxOutputTokens() : b.maxOutputTokens(),
        s.capabilities() != null ? m.capabilities() : b.capabilities(),
        prices,
        s.fallbacks() != null ? m.fallbacks() : b.fallbacks(),
        s.tags() != null ? m.tags() : b.tags(),
        s.requestsPerDay() != null || s.tokensPerDay() != null ? m.dailyCap() : b.dailyCap(),
        false);
  }

  /**
   * Every name a client may call a model by within one provider ({@code provider/<name>}: public id, alias, upstream
   * id) must pick one model: the runtime index keeps the first model with a name, so a clash would silently answer
   * with the wrong model. The same name on other providers is fine (that is how one model spans providers).
   */
  static void checkNames(Problems p, String providerPath, List<ModelConfig> merged, List<Compiled> config) {
    Map<String, Compiled> written = new HashMap<>();
    for (Compiled c : config) written.put(c.model().upstreamId(), c);
    Map<String, Name> owners = new HashMap<>();
    for (ModelConfig m : merged) {
      for (Name name : names(m, written.get(m.upstreamId()))) {
        Name prev = owners.putIfAbsent(name.name(), name);
        if (prev == null || prev.model() == m) continue;
        // Reported where the config wrote it: at the later model, or at the config model clashing with a preset's.
        Name at = name.written() ? name : prev;
        Name other = name.written() ? prev : name;
        p.add(at.written() ? providerPath + "." + at.where() : providerPath + ".models", "name '" + name.name()
            + "' is already used by " + other.where() + " (public ids and aliases must be unique within a provider)");
      }
    }
  }

  /** A name of a model and where it is written: {@code models[i].aliases[j]}, or the preset model it came from. */
  private record Name(String name, ModelConfig model, String where, boolean written) {}

  private static List<Name> names(ModelConfig m, Compiled c) {
    List<Name> names = new ArrayList<>();
    if (c == null) {
      String preset = "preset model '" + m.upstreamId() + "'";
      names.add(new Name(m.publicId(), m, preset, false));
      for (String a : m.aliases()) names.add(new Name(a, m, preset, false));
      names.add(new Name(m.upstreamId(), m, preset, false));
      return distinct(names);
    }
    String model = c.path().substring(c.path().lastIndexOf(".models[") + 1);
    ModelSpec s = c.spec();
    names.add(new Name(m.publicId(), m, model + (s.publicId() != null ? ".public-id" : ".id"), true));
    for (String a : m.aliases()) {
      int j = s.aliases() == null ? -1 : indexOf(s.aliases(), a);
      names.add(new Name(a, m, model + (j >= 0 ? ".aliases[" + j + "]" : ".id"), true));
    }
    names.add(new Name(m.upstreamId(), m, model + ".id", true));
    return distinct(names);
  }

  /** The first place of each name (public id and upstream id are often the same name). */
  private static List<Name> distinct(List<Name> names) {
    Set<String> seen = new HashSet<>();
    return names.stream().filter(n -> seen.add(n.name())).toList();
  }

  private static int indexOf(List<String> written, String alias) {
    for (int j = 0; j < written.size(); j++) if (written.get(j) != null && written.get(j).strip().equals(alias)) return j;
    return -1;
  }

  private static BigDecimal price(Problems p, String path, BigDecimal v) {
    if (v != null && v.signum() < 0) {
      p.add(path, "price must not be negative");
      return null;
    }
    return v;
  }

  private static List<String> clean(List<String> values) {
    if (values == null) return null;
    return values.stream().filter(v -> v != null && !v.isBlank()).map(String::strip).toList();
  }

  private static void nonBlank(Problems p, String path, List<String> values) {
    if (values == null) return;
    for (int i = 0; i < values.size(); i++) {
      if (values.get(i) == null || values.get(i).isBlank()) p.add(path + "[" + i + "]", "must not be empty");
    }
  }
}

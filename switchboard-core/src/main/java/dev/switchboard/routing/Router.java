package dev.switchboard.routing;

import dev.switchboard.config.GatewayConfig;
import dev.switchboard.config.ModelConfig;
import dev.switchboard.config.ProviderConfig;
import dev.switchboard.config.SmartRouting;
import dev.switchboard.error.ErrorKey;
import dev.switchboard.error.FailureClass;
import dev.switchboard.error.GatewayError;
import dev.switchboard.error.GatewayException;
import dev.switchboard.provider.Providers;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * The routing decision: resolves what a client asked for ({@code provider/model}, a bare id or alias, X-Provider,
 * {@code auto}, X-Pool or {@code pool/<name>}) into an ordered {@link RoutePlan}, dropping candidates that cannot
 * serve the request (capabilities, context window) or cannot serve now (breaker open, daily cap reached, no healthy
 * key) with the reason for each; then takes back what each attempt showed ({@link #report}).
 *
 * <p>Thread-safe: the catalog is an immutable snapshot swapped when discovery adds models; live state is in
 * {@link Health}, {@link DailyUsage} and {@link KeyState}. Time comes from the injected clocks only.
 */
public final class Router {
  private final Map<String, ProviderRuntime> providers = new LinkedHashMap<>();
  private final SmartRouting smart;
  private final LongSupplier nanoClock;
  private final DayClock days;
  private final StickySessions sticky;
  private final ThreadLocal<Candidate[]> scratch = ThreadLocal.withInitial(() -> new Candidate[64]);
  /** Fronts of large pools (see {@link Leaders}); rebuilt with the catalog. */
  private final java.util.concurrent.ConcurrentHashMap<String, Leaders> leaders = new java.util.concurrent.ConcurrentHashMap<>();
  private volatile Snapshot snapshot;
  private volatile int catalogVersion;

  private record Snapshot(Map<String, List<Candidate>> byBareName, Map<String, Pool> pools) {}

  public Router(GatewayConfig config, LongSupplier nanoClock) { this(config, nanoClock, Clock.systemUTC()); }

  /** @param wallClock for daily caps (midnight in the caps time zone) and the instants shown in skip reasons */
  public Router(GatewayConfig config, LongSupplier nanoClock, Clock wallClock) {
    this.smart = config.smart();
    this.nanoClock = nanoClock;
    this.days = new DayClock(wallClock, smart.capsZone());
    this.sticky = new StickySessions(smart.stickySessions());
    for (ProviderConfig p : config.providers()) {
      providers.put(p.name(), new ProviderRuntime(p, Providers.adapter(p.protocol()),
          new KeyPool(p.keys(), p.keysFromStore(), config.routing(), nanoClock, smart, days), smart, days));
    }
    this.snapshot = index();
    // Large pools get their front built now, so no request pays the first full ordering.
    for (Pool pool : snapshot.pools().values()) {
      if (pool.members().size() > Leaders.THRESHOLD) {
        leaders.put(pool.name(), new Leaders(pool, this::unusable, nanoClock.getAsLong()));
      }
    }
  }

  private Snapshot index() {
    Map<String, List<Candidate>> bare = new HashMap<>();
    for (ProviderRuntime rt : providers.values()) {
      for (ModelConfig m : rt.models()) {
        Set<String> names = new LinkedHashSet<>();
        names.add(m.publicId());
        names.add(m.upstreamId());
        names.addAll(m.aliases());
        Candidate c = new Candidate(rt, m);
        for (String n : names) bare.computeIfAbsent(n, k -> new ArrayList<>()).add(c);
      }
    }
    return new Snapshot(bare, Pools.build(providers.values(), smart, Candidate::new));
  }

  public Collection<ProviderRuntime> providers() { return providers.values(); }

  public Optional<ProviderRuntime> provider(String name) { return Optional.ofNullable(providers.get(name)); }

  public Collection<Pool> pools() { return snapshot.pools().values(); }

  public DayClock days() { return days; }

  public long nanoTime() { return nanoClock.getAsLong(); }

  public SmartRouting settings() { return smart; }

  /** Changes whenever discovery adds models (views rendered from the catalog re-render then). */
  public int catalogVersion() { return catalogVersion; }

  /** Plans without capability requirements (embeddings, tests). */
  public RoutePlan plan(String model, String providerHeader) { return plan(RouteQuery.of(model, providerHeader)); }

  /**
   * @throws GatewayException 404 naming the model when nothing serves it; 400 for an unknown pool or when no
   *                          candidate is capable of serving the request (saying why)
   */
  public RoutePlan plan(RouteQuery q) {
    Snapshot snap = snapshot;
    String poolName = poolName(q);
    long now = nanoClock.getAsLong();
    List<Skip> skips = new ArrayList<>(0);
    if (poolName != null) {
      Pool pool = snap.pools().get(poolName);
      if (pool == null) {
        boolean header = q.poolHeader() != null && !q.poolHeader().isEmpty();
        throw new GatewayException(GatewayError.field(ErrorKey.INVALID_REQUEST, header ? "X-Pool" : "model",
            "Unknown pool '" + poolName + "'; known pools: " + String.join(", ", snap.pools().keySet())));
      }
      List<Candidate> out = new ArrayList<>(Math.min(pool.members().size(), 8));
      int capable = 0;
      if (pool.members().size() > Leaders.THRESHOLD) {
        // Catalog-wide pools: decide over the pool's front, keep the session's candidate in play.
        Leaders lead = leaders.computeIfAbsent(pool.name(), k -> new Leaders(pool, this::unusable, now));
        List<Candidate> front = lead.front(this::unusable, nanoClock, now);
        Candidate stuck = lead.member(sticky.get(q.session()));
        if (stuck != null && !front.contains(stuck)) {
          front = new ArrayList<>(front);
          front.add(stuck);
        }
        List<Skip> frontSkips = new ArrayList<>(0);
        capable = decide(front, pool.strategy(), false, q, now, frontSkips, out);
        if (out.isEmpty()) capable = 0; // nothing in front can serve: the full scan below decides (and explains)
        else skips.addAll(frontSkips);
      }
      if (out.isEmpty()) capable = decide(pool.members(), pool.strategy(), false, q, now, skips, out);
      if (capable == 0) {
        throw new GatewayException(GatewayError.field(ErrorKey.CAPABILITY_UNSUPPORTED, "model",
            "No model in pool '" + poolName + "' can serve this request" + (skips.isEmpty() ? " (the pool is empty)" : ": " + join(skips))));
      }
      return new RoutePlan(q.model(), out, skips, poolName, q.session());
    }
    List<Candidate> primary = resolve(snap, q.model(), q.providerHeader());
    if (primary.isEmpty()) {
      String h = q.providerHeader();
      String where = h != null && !h.isEmpty() ? " on provider '" + h + "'" : "";
      throw new GatewayException(GatewayError.field(ErrorKey.MODEL_NOT_FOUND, "model",
          "The model '" + q.model() + "' does not exist" + where + "; GET /v1/models lists the available models"));
    }
    List<Candidate> out = new ArrayList<>(primary.size() + 2);
    int capable = decide(primary, Strategy.priority(), true, q, now, skips, out);
    if (capable == 0) {
      // A pinned model is not silently swapped for another: the client learns why it cannot serve.
      throw new GatewayException(GatewayError.field(ErrorKey.CAPABILITY_UNSUPPORTED, "model",
          "The model '" + q.model() + "' cannot serve this request: " + join(skips)));
    }
    boolean anyFallback = false;
    for (Candidate c : primary) anyFallback |= !c.model().fallbacks().isEmpty();
    if (anyFallback) {
      LinkedHashMap<String, Candidate> fallbacks = new LinkedHashMap<>();
      for (Candidate c : primary) {
        for (String fb : c.model().fallbacks()) {
          for (Candidate f : resolve(snap, fb, null)) {
            boolean seen = false;
            for (Candidate p : primary) seen |= p.qualifiedId().equals(f.qualifiedId());
            if (!seen) fallbacks.putIfAbsent(f.qualifiedId(), f);
          }
        }
      }
      decide(new ArrayList<>(fallbacks.values()), Strategy.priority(), true, q, now, skips, out);
    }
    return new RoutePlan(q.model(), out, skips, null, q.session());
  }

  private static String poolName(RouteQuery q) {
    if (q.poolHeader() != null && !q.poolHeader().isEmpty()) return q.poolHeader().strip();
    String m = q.model();
    if (m == null) return null;
    if (m.equals("auto")) return Pools.GENERAL;
    if (m.startsWith("pool/")) return m.substring(5);
    return null;
  }

  /**
   * Filters {@code members} into {@code out} (appended, strategy order, the sticky session's candidate first) and
   * records every skipped one in {@code skips}.
   *
   * @return how many members were capable of serving the request (usable now or not)
   */
  private int decide(List<Candidate> members, Strategy strategy, boolean pinned, RouteQuery q, long now,
                     List<Skip> skips, List<Candidate> out) {
    Candidate[] buf = scratch.get();
    if (buf.length < members.size()) {
      buf = new Candidate[Integer.highestOneBit(members.size()) << 1];
      scratch.set(buf);
    }
    int n = 0;
    int capable = 0;
    for (int i = 0; i < members.size(); i++) {
      Candidate c = members.get(i);
      String why = q.needs().unmet(c.model(), c.provider().config().protocol(), pinned);
      if (why == null) {
        capable++;
        why = unusable(c, now);
      }
      if (why != null) skips.add(new Skip(c.qualifiedId(), why));
      else buf[n++] = c;
    }
    strategy.order(buf, n);
    String stuck = sticky.get(q.session());
    if (stuck != null) {
      for (int i = 1; i < n; i++) {
        if (buf[i].qualifiedId().equals(stuck)) {
          Candidate s = buf[i];
          System.arraycopy(buf, 0, buf, 1, i);
          buf[0] = s;
          break;
        }
      }
    }
    for (int i = 0; i < n; i++) {
      out.add(buf[i]);
      buf[i] = null;
    }
    return capable;
  }

  /** Why a candidate cannot take a request now (null when it can); the leaderboard of large pools uses it too. */
  @FunctionalInterface
  interface Usability { String unusable(Candidate c, long now); }

  /** Null when the candidate can take a request now, else why not. */
  private String unusable(Candidate c, long now) {
    ProviderRuntime p = c.provider();
    if (!p.health().allows(now)) return breakerReason(p.health(), now, " (provider)");
    Health h = c.state().health();
    if (!h.allows(now)) return breakerReason(h, now, "");
    if (!c.state().usage().hasHeadroom()) {
      String why = c.state().usage().exhausted();
      if (why != null) return why;
    }
    if (!p.keys().anyRoutable(now)) return p.keys().unavailableReason(days.now());
    return null;
  }

  private String breakerReason(Health h, long now, String suffix) {
    String cached = h.openReason();
    if (cached != null) return cached;
    String text = "breaker open until " + wall(h.openUntilNanos(), now) + suffix;
    h.openReason(text);
    return text;
  }

  private Instant wall(long atNanos, long now) {
    return days.now().plusNanos(Math.max(0, atNanos - now)).truncatedTo(ChronoUnit.SECONDS);
  }

  private static String join(List<Skip> skips) {
    StringBuilder sb = new StringBuilder();
    for (Skip s : skips) sb.append(sb.isEmpty() ? "" : "; ").append(s);
    return sb.toString();
  }

  /**
   * Admits an attempt: the provider's and the model's breakers let it through (an expired open breaker lets it
   * through as the half-open probe) and the day's request counters are charged.
   *
   * @return null when admitted, else why not
   */
  public String admit(Candidate c, KeyState key) {
    long now = nanoClock.getAsLong();
    if (!c.provider().health().tryAcquire(now)) return "breaker half-open, probe in flight (provider)";
    if (!c.state().health().tryAcquire(now)) return "breaker half-open, probe in flight";
    if (!key.health().tryAcquire(now)) return "key breaker half-open, probe in flight";
    c.state().usage().addRequest();
    key.usage().addRequest();
    return null;
  }

  /** What an attempt showed: health, breakers, key cooldowns and the rate-limit budget. */
  public void report(Candidate c, KeyState key, Outcome o) {
    long now = nanoClock.getAsLong();
    KeyPool keys = c.provider().keys();
    FailureClass f = o.failure();
    if (f == null) {
      c.provider().health().success(o.latencyNanos(), o.ttfbNanos());
      c.state().health().success(o.latencyNanos(), o.ttfbNanos());
      key.health().success(o.latencyNanos(), o.ttfbNanos());
      keys.onSuccess(key);
      if (o.budgetSpentFor() != null) keys.exhaustedFor(key, o.budgetSpentFor(), "rate-limit budget spent (x-ratelimit headers)");
      return;
    }
    switch (f) {
      case TRANSIENT -> {
        c.provider().health().failure(now, o.latencyNanos());
        c.state().health().failure(now, o.latencyNanos());
        key.health().rejected(o.latencyNanos());
      }
      case RATE_LIMIT, QUOTA -> {
        key.health().rejected(o.latencyNanos());
        c.state().health().rejected(o.latencyNanos());
        keys.onFailure(key, f, o.retryAfter() != null ? o.retryAfter() : o.budgetSpentFor(), o.reason());
      }
      case CREDENTIAL -> keys.onFailure(key, f, null, o.reason());
      case CALLER_FAULT -> { } // the request's fault says nothing about health
    }
  }

  /** A stream that broke after its first byte: the client already got a partial answer, but it counts against health. */
  public void reportBrokenStream(Candidate c, KeyState key, long latencyNanos) {
    report(c, key, Outcome.failed(FailureClass.TRANSIENT, latencyNanos, null, null, "stream broke after first byte"));
  }

  /** Tokens a served request used, for the daily token caps. */
  public void chargeTokens(Candidate c, KeyState key, long tokens) {
    if (tokens <= 0) return;
    c.state().usage().addTokens(tokens);
    key.usage().addTokens(tokens);
  }

  /** The candidate that served a plan: its session sticks to it. */
  public void served(RoutePlan plan, Candidate c) {
    if (plan.session() != null && plan.candidates().size() + plan.skipped().size() > 1) sticky.remember(plan.session(), c.qualifiedId());
  }

  /**
   * Merges a provider's listed model ids into the catalog: unknown ids become discovered models with conservative
   * defaults, routable by name and in the general pool.
   *
   * @return how many models were added
   */
  public synchronized int mergeDiscovered(String provider, List<String> ids) {
    ProviderRuntime p = providers.get(provider);
    if (p == null) return 0;
    int added = p.addDiscovered(ids).size();
    if (added > 0) {
      snapshot = index();
      leaders.clear();
      catalogVersion++;
    }
    return added;
  }

  private List<Candidate> resolve(Snapshot snap, String model, String providerHeader) {
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
    List<Candidate> bare = snap.byBareName().get(model);
    return bare == null ? List.of() : bare;
  }

  /**
   * A model named together with its provider. Ids missing from the catalog are passed through as-is (aggregators
   * and local servers serve far more models than any catalog lists), with no capability data.
   */
  private static Candidate explicit(ProviderRuntime p, String name) {
    return new Candidate(p, p.model(name).orElseGet(() -> passThrough(name)));
  }

  static ModelConfig passThrough(String name) {
    return new ModelConfig(name, name, List.of(), null, null, null, null, List.of());
  }
}

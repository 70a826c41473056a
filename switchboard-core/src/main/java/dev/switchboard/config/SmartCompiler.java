package dev.switchboard.config;

import dev.switchboard.config.Specs.BreakerSpec;
import dev.switchboard.config.Specs.ClientIpLimitSpec;
import dev.switchboard.config.Specs.DiscoverySpec;
import dev.switchboard.config.Specs.PoolSpec;
import dev.switchboard.config.Specs.RoutingSpec;
import dev.switchboard.config.Specs.StatusSpec;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Compiles the smart-routing settings of {@code routing:} and the {@code pools:} section. */
final class SmartCompiler {
  private final Problems p;

  SmartCompiler(Problems problems) { this.p = problems; }

  SmartRouting compile(RoutingSpec s, List<PoolSpec> pools, List<ProviderConfig> providers) {
    SmartRouting d = SmartRouting.DEFAULTS;
    StrategyKind strategy = s.strategy() == null ? d.strategy() : strategy("routing.strategy", s.strategy());
    String header = d.sessionHeader();
    if (s.sessionHeader() != null) {
      header = s.sessionHeader().strip().toLowerCase(Locale.ROOT);
      if (header.isEmpty() || !header.chars().allMatch(c -> c > 32 && c < 127 && c != ':')) {
        p.add("routing.session-header", "bad header name '" + s.sessionHeader() + "'");
      }
    }
    int sticky = Values.atLeast(p, "routing.sticky-sessions", s.stickySessions(), d.stickySessions(), 0);
    BreakerSpec b = s.breaker() == null ? new BreakerSpec(null, null) : s.breaker();
    int failures = Values.atLeast(p, "routing.breaker.failures", b.failures(), d.breakerFailures(), 1);
    Duration openFor = Values.duration(p, "routing.breaker.open-for", b.openFor(), d.breakerOpenFor(), false);
    ZoneId zone = d.capsZone();
    if (s.capsTimeZone() != null) {
      try {
        zone = ZoneId.of(s.capsTimeZone().strip());
      } catch (DateTimeException e) {
        p.add("routing.caps-time-zone", "unknown time zone '" + s.capsTimeZone() + "' (use e.g. UTC, America/Los_Angeles)");
      }
    }
    StatusSpec st = s.status() == null ? new StatusSpec(null, null) : s.status();
    var status = new SmartRouting.StatusView(Boolean.TRUE.equals(st.publicView()), Boolean.TRUE.equals(st.hideKeyNames()));
    ClientIpLimitSpec ip = s.clientIpLimit() == null ? new ClientIpLimitSpec(null, null, null, null) : s.clientIpLimit();
    var ipLimit = new SmartRouting.ClientIpLimit(!Boolean.FALSE.equals(ip.enabled()), Boolean.TRUE.equals(ip.authenticated()),
        Values.atLeast(p, "routing.client-ip-limit.burst", ip.burst(), d.clientIpLimit().burst(), 1),
        Values.atLeast(p, "routing.client-ip-limit.per-minute", ip.perMinute(), d.clientIpLimit().perMinute(), 1));
    DiscoverySpec ds = s.discovery() == null ? new DiscoverySpec(null, null, null) : s.discovery();
    var discovery = new SmartRouting.Discovery(!Boolean.FALSE.equals(ds.enabled()),
        Values.duration(p, "routing.discovery.interval", ds.interval(), d.discovery().interval(), false),
        Values.duration(p, "routing.discovery.timeout", ds.timeout(), d.discovery().timeout(), false));
    return new SmartRouting(strategy, header, sticky, failures, openFor, zone, pools(pools, providers), status,
        ipLimit, discovery);
  }

  private StrategyKind strategy(String path, String text) {
    String t = text.strip();
    for (StrategyKind k : StrategyKind.values()) if (k.configName().equals(t)) return k;
    p.add(path, "unknown strategy '" + text + "' (known: "
        + Arrays.stream(StrategyKind.values()).map(StrategyKind::configName).collect(Collectors.joining(", ")) + ")");
    return null;
  }

  private List<PoolConfig> pools(List<PoolSpec> specs, List<ProviderConfig> providers) {
    if (specs == null) return List.of();
    Map<String, ProviderConfig> byName = new HashMap<>();
    for (ProviderConfig pc : providers) byName.put(pc.name(), pc);
    List<PoolConfig> out = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < specs.size(); i++) {
      String path = "pools[" + i + "]";
      PoolSpec s = specs.get(i);
      if (s == null) {
        p.add(path, "empty pool entry");
        continue;
      }
      String name = s.name() == null ? "" : s.name().strip();
      if (name.isEmpty()) {
        p.add(path + ".name", "missing pool name");
        continue;
      }
      if (!Values.validName(name)) p.add(path + ".name", "bad pool name '" + name + "' (use lower-case letters, digits, '-', '_' or '.')");
      if (!names.add(name)) p.add(path + ".name", "duplicate pool name '" + name + "'");
      StrategyKind strategy = s.strategy() == null ? null : strategy(path + ".strategy", s.strategy());
      List<String> members = new ArrayList<>();
      if (s.members() == null || s.members().isEmpty()) p.add(path + ".members", "a pool needs at least one member (provider/model)");
      else {
        for (int j = 0; j < s.members().size(); j++) {
          String m = s.members().get(j);
          String ref = m == null ? "" : m.strip();
          if (member(path + ".members[" + j + "]", ref, byName)) members.add(ref);
        }
      }
      Map<String, Integer> weights = new LinkedHashMap<>();
      if (s.weights() != null) {
        s.weights().forEach((ref, w) -> {
          if (!members.contains(ref)) p.add(path + ".weights." + ref, "'" + ref + "' is not a member of this pool");
          else if (w == null || w < 1) p.add(path + ".weights." + ref, "weight must be at least 1 (got " + w + ")");
          else weights.put(ref, w);
        });
      }
      out.add(new PoolConfig(name, strategy, members, weights, Boolean.TRUE.equals(s.extend())));
    }
    return out;
  }

  /** A member is {@code provider/model} on a configured provider; ids not in the catalog pass through, as in requests. */
  private boolean member(String path, String ref, Map<String, ProviderConfig> providers) {
    int slash = ref.indexOf('/');
    if (slash <= 0 || slash == ref.length() - 1) {
      p.add(path, "pool member '" + ref + "' must be written provider/model");
      return false;
    }
    if (!providers.containsKey(ref.substring(0, slash))) {
      p.add(path, "pool member '" + ref + "': no provider '" + ref.substring(0, slash) + "' is configured or enabled");
      return false;
    }
    return true;
  }
}

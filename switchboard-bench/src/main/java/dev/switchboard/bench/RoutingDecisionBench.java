package dev.switchboard.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.config.GatewayConfig;
import dev.switchboard.config.KeyConfig;
import dev.switchboard.config.ModelConfig;
import dev.switchboard.config.PoolConfig;
import dev.switchboard.config.Prices;
import dev.switchboard.config.ProviderConfig;
import dev.switchboard.config.RoutingSettings;
import dev.switchboard.config.SmartRouting;
import dev.switchboard.config.StrategyKind;
import dev.switchboard.model.ChatRequest;
import dev.switchboard.model.Message;
import dev.switchboard.model.Role;
import dev.switchboard.model.ToolDef;
import dev.switchboard.provider.Capability;
import dev.switchboard.provider.Protocol;
import dev.switchboard.routing.Needs;
import dev.switchboard.routing.Outcome;
import dev.switchboard.routing.RoutePlan;
import dev.switchboard.routing.RouteQuery;
import dev.switchboard.routing.Router;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The routing decision over a catalog of 50 providers x 2,000 models x 5 keys (100,000 candidates). Every model id
 * is served by all 50 providers, so a bare name has 50 candidates to filter (capabilities, context window with the
 * tokenizer's cheap bound, breakers, caps, keys) and order; a 50-member least-latency pool likewise. Some providers
 * are unhealthy (breaker open, keys cooling) so skip reasons are built as in production.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 4, time = 3)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx1g"})
public class RoutingDecisionBench {
  static final int PROVIDERS = 50;
  static final int MODELS = 2_000;
  static final int KEYS = 5;

  Router router;
  ChatRequest request;

  @Setup
  public void setup() {
    for (int i = 0; i < controlData.length; i++) controlData[i] = i * 0x2545F4914F6CDD1DL;
    Set<Capability> caps = EnumSet.of(Capability.TOOLS, Capability.JSON, Capability.STREAMING);
    List<ProviderConfig> providers = new ArrayList<>();
    List<String> poolMembers = new ArrayList<>();
    for (int p = 0; p < PROVIDERS; p++) {
      List<KeyConfig> keys = new ArrayList<>();
      for (int k = 0; k < KEYS; k++) keys.add(new KeyConfig("k" + k, "sk-" + p + "-" + k, 1 + k % 2, true));
      List<ModelConfig> models = new ArrayList<>(MODELS);
      for (int m = 0; m < MODELS; m++) {
        models.add(new ModelConfig("model-" + m, null, List.of(), 8_000 + 1_000 * (p % 40), 4_096,
            p % 10 == 9 ? Set.of(Capability.STREAMING) : caps,
            new Prices(BigDecimal.valueOf(p % 7), BigDecimal.valueOf(p % 5), null), List.of(),
            p % 3 == 0 ? Set.of("fast") : Set.of(), null, false));
      }
      providers.add(new ProviderConfig("p" + p, Protocol.OPENAI, "http://p" + p + ".test/v1", Map.of(), keys, models, null));
      poolMembers.add("p" + p + "/model-7");
    }
    SmartRouting d = SmartRouting.DEFAULTS;
    SmartRouting smart = new SmartRouting(StrategyKind.PRIORITY, d.sessionHeader(), 10_000, 5, Duration.ofSeconds(30),
        d.capsZone(), List.of(new PoolConfig("bench", StrategyKind.LEAST_LATENCY, poolMembers, Map.of(), false)),
        d.status(), d.clientIpLimit(), d.discovery());
    RoutingSettings routing = new RoutingSettings(4, Duration.ofSeconds(120), Duration.ofSeconds(30),
        Duration.ofMinutes(10), Duration.ofHours(1));
    router = new Router(new GatewayConfig(null, null, routing, null, null, List.of(), providers, smart), System::nanoTime);

    request = new ChatRequest("model-7", List.of(Message.text(Role.SYSTEM, "You are terse."),
        Message.text(Role.USER, "What is the weather in Paris today? Answer in one sentence.")),
        List.of(new ToolDef("get_weather", "Weather by city", new ObjectMapper().createObjectNode().put("type", "object"), null)),
        null, null, null, null, 512, null, false, false, null, null, null);
    // Health as a running gateway would have it: samples everywhere, some breakers open, some keys cooling.
    RoutePlan all = router.plan(new RouteQuery("model-7", null, null, null, Needs.of(request)));
    for (var c : all.candidates()) {
      int p = Integer.parseInt(c.provider().name().substring(1));
      var key = c.provider().keys().keys().get(0);
      long ttfb = Duration.ofMillis(100 + p * 7L).toNanos();
      router.report(c, key, Outcome.success(ttfb, ttfb, null));
      if (p % 8 == 1) for (int i = 0; i < 5; i++) router.report(c, key, Outcome.failed(
          dev.switchboard.error.FailureClass.TRANSIENT, 1_000, null, null, "bench"));
      if (p % 8 == 2) for (var k : c.provider().keys().keys()) router.report(c, k, Outcome.failed(
          dev.switchboard.error.FailureClass.RATE_LIMIT, 1_000, Duration.ofHours(1), null, "bench"));
    }
    RoutePlan s = router.plan(new RouteQuery("auto", null, "bench", "session-42", Needs.of(request)));
    router.served(s, s.candidates().get(s.candidates().size() - 1));
  }

  private final long[] controlData = new long[1024];

  /**
   * Control: fixed, allocation-free work of about the decision's median (a 1,024-step dependent mix). It runs in the
   * same JVM and mode as the decisions, so its tail is the machine's (descheduling, VM steal, timer), not routing's:
   * a decision's p99 is judged against it.
   */
  @Benchmark
  public long control_fixed_work() {
    long h = 0x9E3779B97F4A7C15L;
    for (long v : controlData) {
      h ^= v;
      h *= 0xBF58476D1CE4E5B9L;
      h ^= h >>> 31;
    }
    return h;
  }

  /** A bare model id served by 50 providers. */
  @Benchmark
  public RoutePlan bare_name_50_candidates() {
    return router.plan(new RouteQuery("model-7", null, null, null, Needs.of(request)));
  }

  /** X-Pool with 50 members, least-latency order. */
  @Benchmark
  public RoutePlan pool_50_members_least_latency() {
    return router.plan(new RouteQuery("auto", null, "bench", null, Needs.of(request)));
  }

  /** The same pool with a sticky session. */
  @Benchmark
  public RoutePlan pool_50_members_sticky_session() {
    return router.plan(new RouteQuery("auto", null, "bench", "session-42", Needs.of(request)));
  }

  /** provider/model: one candidate. */
  @Benchmark
  public RoutePlan pinned_model() {
    return router.plan(new RouteQuery("p3/model-7", null, null, null, Needs.of(request)));
  }

  /**
   * Plain {@code auto} without a pool: the whole general pool, i.e. every candidate of the catalog (100,000 here).
   * Recorded to show its cost (linear in the catalog), not as a target met.
   */
  @Benchmark
  public RoutePlan auto_whole_catalog() {
    return router.plan(new RouteQuery("auto", null, null, null, Needs.of(request)));
  }
}

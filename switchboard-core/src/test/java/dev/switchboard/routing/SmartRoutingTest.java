package dev.switchboard.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.config.DailyCap;
import dev.switchboard.config.GatewayConfig;
import dev.switchboard.config.KeyConfig;
import dev.switchboard.config.ModelConfig;
import dev.switchboard.config.PoolConfig;
import dev.switchboard.config.Prices;
import dev.switchboard.config.ProviderConfig;
import dev.switchboard.config.RoutingSettings;
import dev.switchboard.config.SmartRouting;
import dev.switchboard.config.StrategyKind;
import dev.switchboard.error.ErrorKey;
import dev.switchboard.error.FailureClass;
import dev.switchboard.error.GatewayException;
import dev.switchboard.model.ChatRequest;
import dev.switchboard.model.Message;
import dev.switchboard.model.Role;
import dev.switchboard.model.ToolDef;
import dev.switchboard.provider.Capability;
import dev.switchboard.provider.Protocol;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The routing decision and its feedback loop, with hand-moved clocks. */
class SmartRoutingTest {
  private static final RoutingSettings ROUTING = new RoutingSettings(4, Duration.ofSeconds(120), Duration.ofSeconds(30),
      Duration.ofMinutes(10), Duration.ofHours(1));
  private static final Set<Capability> CHAT = Set.of(Capability.TOOLS, Capability.JSON, Capability.STREAMING);

  private final TestClocks clock = new TestClocks(Instant.parse("2025-06-01T22:00:00Z"));

  private static ModelConfig model(String id, Set<Capability> caps, int context, DailyCap cap) {
    return new ModelConfig(id, id, List.of(), context, null, caps, Prices.UNKNOWN, List.of(), Set.of(), cap, false);
  }

  private static ProviderConfig provider(String name, ModelConfig... models) {
    return new ProviderConfig(name, Protocol.OPENAI, "http://" + name + ".test/v1", Map.of(),
        List.of(new KeyConfig(name + "-key", "sk-" + name, 1, true)), List.of(models), null);
  }

  private static SmartRouting smart(List<PoolConfig> pools) {
    SmartRouting d = SmartRouting.DEFAULTS;
    return new SmartRouting(StrategyKind.PRIORITY, d.sessionHeader(), 100, 3, Duration.ofSeconds(30),
        ZoneId.of("UTC"), pools, d.status(), d.clientIpLimit(), d.discovery());
  }

  private Router router(SmartRouting smart, ProviderConfig... providers) {
    return new Router(new GatewayConfig(null, null, ROUTING, null, null, List.of(), List.of(providers), smart),
        clock, clock);
  }

  private Router twoProviders() {
    return router(smart(List.of()), provider("a", model("m", CHAT, 128_000, null)),
        provider("b", model("m", CHAT, 128_000, null)));
  }

  private static ChatRequest chat(String model, String text) {
    return new ChatRequest(model, List.of(Message.text(Role.USER, text)), null, null, null, null, null, null, null,
        false, false, null, null, null);
  }

  private static RouteQuery query(String model, String pool, String session, ChatRequest r) {
    return new RouteQuery(model, null, pool, session, Needs.of(r));
  }

  private static List<String> ids(RoutePlan p) { return p.candidates().stream().map(Candidate::qualifiedId).toList(); }

  private static Candidate find(RoutePlan p, String id) {
    return p.candidates().stream().filter(c -> c.qualifiedId().equals(id)).findFirst().orElseThrow();
  }

  private static KeyState key(Candidate c) { return c.provider().keys().keys().get(0); }

  private static Outcome ok(long ttfbMs) {
    return Outcome.success(Duration.ofMillis(ttfbMs).toNanos(), Duration.ofMillis(ttfbMs).toNanos(), null);
  }

  private static Outcome fail(FailureClass f, Duration retryAfter) { return Outcome.failed(f, 1_000_000, retryAfter, null, "x"); }

  @Test
  void a_429_storm_moves_traffic_away_and_back_after_the_cooldown() {
    Router r = twoProviders();
    RouteQuery q = RouteQuery.of("m", null);
    Candidate a = r.plan(q).candidates().get(0);
    assertThat(a.qualifiedId()).isEqualTo("a/m");
    for (int i = 0; i < 5; i++) r.report(a, key(a), fail(FailureClass.RATE_LIMIT, Duration.ofSeconds(60)));

    RoutePlan during = r.plan(q);
    assertThat(ids(during)).containsExactly("b/m");
    assertThat(during.skipped()).singleElement().satisfies(s -> {
      assertThat(s.candidate()).isEqualTo("a/m");
      assertThat(s.reason()).startsWith("no healthy key: cooldown until 2025-06-01T22:01:00Z");
    });
    clock.advance(Duration.ofSeconds(59));
    assertThat(ids(r.plan(q))).containsExactly("b/m");
    clock.advance(Duration.ofSeconds(2));
    assertThat(ids(r.plan(q))).containsExactly("a/m", "b/m");
  }

  @Test
  void rate_limit_headers_rest_a_key_whose_budget_is_spent_even_on_success() {
    Router r = twoProviders();
    Candidate a = r.plan(RouteQuery.of("m", null)).candidates().get(0);
    Duration spent = RateLimitHeaders.exhaustedFor(Map.of("x-ratelimit-remaining-requests", "0",
        "x-ratelimit-reset-requests", "1m30s")::get, 0);
    assertThat(spent).isEqualTo(Duration.ofSeconds(90));
    r.report(a, key(a), Outcome.success(1_000, 1_000, spent));
    assertThat(ids(r.plan(RouteQuery.of("m", null)))).containsExactly("b/m");
    clock.advance(Duration.ofSeconds(91));
    assertThat(ids(r.plan(RouteQuery.of("m", null)))).startsWith("a/m");
  }

  @Test
  void a_quota_error_is_a_long_cooldown_for_that_key_not_a_transient_one() {
    Router r = twoProviders();
    Candidate a = r.plan(RouteQuery.of("m", null)).candidates().get(0);
    r.report(a, key(a), fail(FailureClass.QUOTA, null));
    clock.advance(Duration.ofMinutes(59));
    assertThat(ids(r.plan(RouteQuery.of("m", null)))).containsExactly("b/m");
    clock.advance(Duration.ofMinutes(2));
    assertThat(ids(r.plan(RouteQuery.of("m", null)))).startsWith("a/m");
    assertThat(a.state().health().state(clock.getAsLong())).isEqualTo(BreakerState.CLOSED);
  }

  @Test
  void a_flapping_provider_opens_its_breaker_probes_half_open_and_closes_again() {
    Router r = twoProviders();
    RouteQuery q = RouteQuery.of("m", null);
    Candidate a = r.plan(q).candidates().get(0);
    for (int i = 0; i < 3; i++) r.report(a, key(a), fail(FailureClass.TRANSIENT, null));

    RoutePlan open = r.plan(q);
    assertThat(ids(open)).containsExactly("b/m");
    assertThat(open.skipped().get(0).reason()).isEqualTo("breaker open until 2025-06-01T22:00:30Z (provider)");

    clock.advance(Duration.ofSeconds(30));
    assertThat(ids(r.plan(q))).containsExactly("a/m", "b/m");
    assertThat(r.admit(a, key(a))).isNull(); // the half-open probe
    assertThat(a.state().health().state(clock.getAsLong())).isEqualTo(BreakerState.HALF_OPEN);
    assertThat(r.admit(a, key(a))).contains("probe in flight");
    r.report(a, key(a), fail(FailureClass.TRANSIENT, null)); // the probe fails: open again at once
    assertThat(ids(r.plan(q))).containsExactly("b/m");

    clock.advance(Duration.ofSeconds(30));
    assertThat(r.admit(a, key(a))).isNull();
    r.report(a, key(a), ok(50)); // the probe succeeds: closed
    assertThat(a.state().health().state(clock.getAsLong())).isEqualTo(BreakerState.CLOSED);
    assertThat(a.provider().health().state(clock.getAsLong())).isEqualTo(BreakerState.CLOSED);
    assertThat(ids(r.plan(q))).containsExactly("a/m", "b/m");
    // Fewer failures than the threshold, broken by a success, never open it.
    r.report(a, key(a), fail(FailureClass.TRANSIENT, null));
    r.report(a, key(a), fail(FailureClass.TRANSIENT, null));
    r.report(a, key(a), ok(50));
    r.report(a, key(a), fail(FailureClass.TRANSIENT, null));
    assertThat(ids(r.plan(q))).containsExactly("a/m", "b/m");
  }

  @Test
  void least_latency_follows_a_provider_that_becomes_slow() {
    Router r = router(smart(List.of(new PoolConfig("quick", StrategyKind.LEAST_LATENCY, List.of("a/m", "b/m"),
        Map.of(), false))), provider("a", model("m", CHAT, 128_000, null)), provider("b", model("m", CHAT, 128_000, null)));
    RouteQuery q = query("auto", "quick", null, chat("auto", "hi"));
    RoutePlan first = r.plan(q);
    Candidate a = find(first, "a/m");
    Candidate b = find(first, "b/m");
    r.report(a, key(a), ok(100));
    r.report(b, key(b), ok(200));
    assertThat(ids(r.plan(q))).containsExactly("a/m", "b/m");
    for (int i = 0; i < 4; i++) r.report(a, key(a), ok(1_000));
    assertThat(a.state().health().ttfbMs()).isGreaterThan(200);
    assertThat(ids(r.plan(q))).containsExactly("b/m", "a/m");
  }

  @Test
  void a_tools_request_never_reaches_a_non_tool_model_and_a_pinned_one_gets_400_saying_why() {
    Router r = router(smart(List.of()), provider("a", model("plain", Set.of(Capability.STREAMING), 128_000, null)),
        provider("b", model("tooly", CHAT, 128_000, null)));
    JsonTools tools = new JsonTools();
    ChatRequest withTools = tools.request("auto");
    RoutePlan plan = r.plan(query("auto", null, null, withTools));
    assertThat(ids(plan)).containsExactly("b/tooly");
    assertThat(plan.skipped()).extracting(Skip::toString).containsExactly("a/plain: no capability: tools");
    assertThat(r.plan(query("auto", "tool_calling", null, withTools)).candidates())
        .extracting(Candidate::qualifiedId).containsExactly("b/tooly");

    assertThatThrownBy(() -> r.plan(query("a/plain", null, null, tools.request("a/plain"))))
        .isInstanceOfSatisfying(GatewayException.class, e -> {
          assertThat(e.error().key()).isEqualTo(ErrorKey.CAPABILITY_UNSUPPORTED);
          assertThat(e.error().status()).isEqualTo(400);
          assertThat(e.error().message()).contains("'a/plain' cannot serve this request").contains("no capability: tools");
        });
  }

  @Test
  void a_too_long_prompt_skips_small_context_models_counted_with_a_real_tokenizer() {
    Router r = router(smart(List.of()), provider("a", model("small", CHAT, 1_000, null)),
        provider("b", model("big", CHAT, 128_000, null)));
    assertThat(PromptTokens.count(chat("x", "hello world"))).isEqualTo(3 + 4 + 2);
    String longText = "The quick brown fox jumps over the lazy dog. ".repeat(200); // 10 tokens each
    RoutePlan plan = r.plan(query("auto", null, null, chat("auto", longText)));
    assertThat(ids(plan)).containsExactly("b/big");
    assertThat(plan.skipped().get(0).reason()).matches("context too small: 20\\d\\d prompt tokens > 1000 context window");
    // A short prompt fits both, and max_tokens counts against the window too.
    assertThat(ids(r.plan(query("auto", null, null, chat("auto", "hi"))))).containsExactly("a/small", "b/big");
    ChatRequest bigOutput = new ChatRequest("auto", List.of(Message.text(Role.USER, "hi")), null, null, null, null,
        null, 5_000, null, false, false, null, null, null);
    assertThat(ids(r.plan(query("auto", null, null, bigOutput)))).containsExactly("b/big");
  }

  @Test
  void daily_caps_skip_a_model_and_a_key_until_midnight_in_the_caps_zone() {
    Router r = router(smart(List.of()), provider("a", model("m", CHAT, 128_000, new DailyCap(2, 0))),
        provider("b", model("m", CHAT, 128_000, null)));
    RouteQuery q = RouteQuery.of("m", null);
    Candidate a = r.plan(q).candidates().get(0);
    assertThat(r.admit(a, key(a))).isNull();
    assertThat(r.admit(a, key(a))).isNull();
    RoutePlan capped = r.plan(q);
    assertThat(ids(capped)).containsExactly("b/m");
    assertThat(capped.skipped().get(0).reason())
        .isEqualTo("daily cap reached (2/2 requests; resets 2025-06-02T00:00:00Z)");
    clock.advance(Duration.ofMinutes(119));
    assertThat(ids(r.plan(q))).containsExactly("b/m");
    clock.advance(Duration.ofMinutes(2)); // past midnight UTC
    assertThat(ids(r.plan(q))).containsExactly("a/m", "b/m");
    assertThat(a.state().usage().requestsLeft()).isEqualTo(2);
  }

  @Test
  void a_key_token_cap_counts_served_tokens() {
    ProviderConfig p = new ProviderConfig("a", Protocol.OPENAI, "http://a.test/v1", Map.of(),
        List.of(new KeyConfig("small", "sk-1", 1, true, new DailyCap(0, 1_000))), List.of(model("m", CHAT, 128_000, null)), null);
    Router r = router(smart(List.of()), p, provider("b", model("m", CHAT, 128_000, null)));
    Candidate a = r.plan(RouteQuery.of("m", null)).candidates().get(0);
    r.chargeTokens(a, key(a), 1_200);
    RoutePlan plan = r.plan(RouteQuery.of("m", null));
    assertThat(ids(plan)).containsExactly("b/m");
    assertThat(plan.skipped().get(0).reason()).contains("1 daily cap reached");
  }

  @Test
  void when_every_capable_candidate_is_unusable_the_plan_is_empty_and_lists_each_reason() {
    Router r = router(smart(List.of()), provider("a", model("m", CHAT, 128_000, null)),
        provider("b", model("m", CHAT, 128_000, new DailyCap(1, 0))),
        provider("c", model("m", Set.of(Capability.STREAMING), 128_000, null)));
    RoutePlan first = r.plan(RouteQuery.of("m", null));
    Candidate a = find(first, "a/m");
    Candidate b = find(first, "b/m");
    for (int i = 0; i < 3; i++) r.report(a, key(a), fail(FailureClass.TRANSIENT, null));
    r.admit(b, key(b));
    Candidate c = find(first, "c/m");
    r.report(c, key(c), fail(FailureClass.RATE_LIMIT, Duration.ofSeconds(20)));

    RoutePlan none = r.plan(query("auto", null, null, new JsonTools().request("auto")));
    assertThat(none.candidates()).isEmpty();
    assertThat(none.skipped()).extracting(Skip::toString).containsExactly(
        "a/m: breaker open until 2025-06-01T22:00:30Z (provider)",
        "b/m: daily cap reached (1/1 requests; resets 2025-06-02T00:00:00Z)",
        "c/m: no capability: tools");
  }

  @Test
  void sticky_sessions_stay_on_their_candidate_and_move_on_failure() {
    Router r = router(smart(List.of(new PoolConfig("rr", StrategyKind.ROUND_ROBIN, List.of("a/m", "b/m", "c/m"),
        Map.of(), false))), provider("a", model("m", CHAT, 128_000, null)), provider("b", model("m", CHAT, 128_000, null)),
        provider("c", model("m", CHAT, 128_000, null)));
    RouteQuery s1 = query("auto", "rr", "s1", chat("auto", "hi"));
    RoutePlan first = r.plan(s1);
    Candidate stuck = first.candidates().get(0);
    r.served(first, stuck);
    for (int i = 0; i < 5; i++) assertThat(r.plan(s1).candidates().get(0)).isEqualTo(stuck);
    // Without the session the pool still rotates.
    assertThat(r.plan(query("auto", "rr", null, chat("auto", "hi"))).candidates().get(0).qualifiedId())
        .isNotEqualTo(r.plan(query("auto", "rr", null, chat("auto", "hi"))).candidates().get(0).qualifiedId());

    for (int i = 0; i < 3; i++) r.report(stuck, key(stuck), fail(FailureClass.TRANSIENT, null));
    RoutePlan moved = r.plan(s1);
    Candidate next = moved.candidates().get(0);
    assertThat(next).isNotEqualTo(stuck);
    r.served(moved, next);
    clock.advance(Duration.ofMinutes(5)); // the first one recovers; the session stays where it moved
    for (int i = 0; i < 3; i++) assertThat(r.plan(s1).candidates().get(0)).isEqualTo(next);
  }

  @Test
  void pools_select_by_header_or_model_name_and_an_unknown_pool_is_a_400_naming_the_known_ones() {
    ModelConfig free = new ModelConfig("f", "f", List.of(), 32_000, null, CHAT,
        new Prices(BigDecimal.ZERO, BigDecimal.ZERO, null), List.of(), Set.of("fast"), null, false);
    Router r = router(smart(List.of()), provider("a", free, model("paid", CHAT, 300_000, null)));
    assertThat(ids(r.plan(query("auto", "free", null, chat("auto", "hi"))))).containsExactly("a/f");
    assertThat(ids(r.plan(query("pool/fast", null, null, chat("pool/fast", "hi"))))).containsExactly("a/f");
    assertThat(ids(r.plan(query("pool/long_text", null, null, chat("x", "hi"))))).containsExactly("a/paid");
    assertThat(r.pools()).extracting(Pool::name).containsExactly("tool_calling", "long_text", "reasoning", "code",
        "fast", "free", "chinese", "general");
    assertThatThrownBy(() -> r.plan(query("auto", "nope", null, chat("auto", "hi"))))
        .isInstanceOfSatisfying(GatewayException.class, e -> {
          assertThat(e.error().status()).isEqualTo(400);
          assertThat(e.error().param()).isEqualTo("X-Pool");
          assertThat(e.error().message()).contains("Unknown pool 'nope'").contains("tool_calling, long_text");
        });
  }

  @Test
  void a_configured_pool_overrides_a_seed_pool_and_weighted_strategy_uses_its_weights() {
    Router r = router(smart(List.of(new PoolConfig("free", StrategyKind.WEIGHTED, List.of("b/m", "a/m"),
        Map.of("b/m", 1_000), false))), provider("a", model("m", CHAT, 128_000, null)), provider("b", model("m", CHAT, 128_000, null)));
    int bFirst = 0;
    for (int i = 0; i < 200; i++) {
      if (r.plan(query("auto", "free", null, chat("auto", "hi"))).candidates().get(0).qualifiedId().equals("b/m")) bFirst++;
    }
    assertThat(bFirst).isGreaterThan(180);
  }

  @Test
  void discovered_models_join_the_catalog_with_conservative_defaults() {
    Router r = twoProviders();
    assertThat(r.mergeDiscovered("a", List.of("m", "new-model"))).isEqualTo(1);
    ModelConfig found = r.provider("a").orElseThrow().model("new-model").orElseThrow();
    assertThat(found.discovered()).isTrue();
    assertThat(found.contextWindow()).isEqualTo(8192);
    assertThat(found.capabilities()).containsExactly(Capability.STREAMING);
    assertThat(ids(r.plan(RouteQuery.of("new-model", null)))).containsExactly("a/new-model");
    assertThat(ids(r.plan(query("auto", null, null, new JsonTools().request("auto"))))).doesNotContain("a/new-model");
    assertThat(r.catalogVersion()).isEqualTo(1);
  }

  /** A request with one function tool. */
  @Test
  void catalog_wide_auto_decides_over_the_front_and_still_finds_a_capable_model_deep_in_the_pool() {
    // 400 models: "auto" uses the general pool, larger than Leaders.THRESHOLD, so a front of the first healthy
    // members (priority order here) serves most requests without scanning the pool.
    ProviderConfig[] providers = new ProviderConfig[400];
    for (int i = 0; i < 400; i++) {
      // Only the very last model takes tools: it is far outside the front.
      Set<Capability> caps = i == 399 ? CHAT : Set.of(Capability.STREAMING);
      providers[i] = provider(String.format("p%03d", i), model("m", caps, 128_000, null));
    }
    Router r = router(smart(List.of()), providers);

    RoutePlan plain = r.plan(query("auto", null, null, chat("auto", "hi")));
    assertThat(ids(plain).get(0)).isEqualTo("p000/m");
    assertThat(plain.candidates()).hasSizeLessThanOrEqualTo(Leaders.SIZE);

    // Nothing in the front takes tools: the whole pool is scanned and the one capable model found.
    RoutePlan tools = r.plan(query("auto", null, null, new JsonTools().request("auto")));
    assertThat(ids(tools)).containsExactly("p399/m");
    assertThat(tools.skipped()).hasSize(399);

    // A sticky session outside the front stays on its model.
    r.served(r.plan(query("auto", null, "s-1", new JsonTools().request("auto"))), find(tools, "p399/m"));
    RoutePlan sticky = r.plan(query("auto", null, "s-1", chat("auto", "again")));
    assertThat(ids(sticky).get(0)).isEqualTo("p399/m");
  }

  private static final class JsonTools {
    ChatRequest request(String model) {
      var params = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode().put("type", "object");
      return new ChatRequest(model, List.of(Message.text(Role.USER, "weather?")),
          List.of(new ToolDef("get_weather", "Weather by city", params, null)), null, null, null, null, null, null,
          false, false, null, null, null);
    }
  }
}

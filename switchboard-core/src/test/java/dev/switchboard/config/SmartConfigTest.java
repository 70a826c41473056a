package dev.switchboard.config;

import static dev.switchboard.config.ConfigLoaderTest.load;
import static dev.switchboard.config.ConfigLoaderTest.problem;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SmartConfigTest {
  private static final String PROVIDER = """
      providers:
        - name: local
          protocol: openai
          base-url: http://localhost:1234/v1
          keys:
            - {name: free-key, secret: sk-1, requests-per-day: 50, tokens-per-day: 100000}
          models:
            - {id: qwen, tags: [free, chinese], requests-per-day: 1000, capabilities: [tools]}
      """;

  @Test
  void defaults_keep_smart_routing_conservative() {
    SmartRouting s = load("client-keys: []\n", Map.of()).smart();
    assertThat(s).isEqualTo(SmartRouting.DEFAULTS);
    assertThat(s.clientIpLimit()).isEqualTo(new SmartRouting.ClientIpLimit(true, false, 10, 20));
    assertThat(s.status().publicView()).isFalse();
  }

  @Test
  void every_smart_routing_setting_tags_caps_and_pools_are_read() {
    GatewayConfig c = load("""
        routing:
          strategy: least-latency
          session-header: X-Conversation
          sticky-sessions: 50
          breaker: {failures: 3, open-for: 1m}
          caps-time-zone: America/Los_Angeles
          status: {public: true, hide-key-names: true}
          client-ip-limit: {enabled: true, authenticated: true, burst: 5, per-minute: 60}
          discovery: {enabled: false, interval: 1h, timeout: 2s}
        pools:
          - {name: cheap, strategy: weighted, members: [local/qwen, local/other], weights: {local/qwen: 3}}
          - {name: free, members: [local/qwen], extend: true}
        """ + PROVIDER, Map.of());
    SmartRouting s = c.smart();
    assertThat(s.strategy()).isEqualTo(StrategyKind.LEAST_LATENCY);
    assertThat(s.sessionHeader()).isEqualTo("x-conversation");
    assertThat(s.stickySessions()).isEqualTo(50);
    assertThat(s.breakerFailures()).isEqualTo(3);
    assertThat(s.breakerOpenFor()).isEqualTo(Duration.ofMinutes(1));
    assertThat(s.capsZone()).isEqualTo(ZoneId.of("America/Los_Angeles"));
    assertThat(s.status()).isEqualTo(new SmartRouting.StatusView(true, true));
    assertThat(s.clientIpLimit()).isEqualTo(new SmartRouting.ClientIpLimit(true, true, 5, 60));
    assertThat(s.discovery()).isEqualTo(new SmartRouting.Discovery(false, Duration.ofHours(1), Duration.ofSeconds(2)));
    assertThat(s.pools()).containsExactly(
        new PoolConfig("cheap", StrategyKind.WEIGHTED, List.of("local/qwen", "local/other"), Map.of("local/qwen", 3), false),
        new PoolConfig("free", null, List.of("local/qwen"), Map.of(), true));
    ProviderConfig p = c.providers().get(0);
    assertThat(p.keys().get(0).dailyCap()).isEqualTo(new DailyCap(50, 100_000));
    assertThat(p.models().get(0).tags()).isEqualTo(Set.of("free", "chinese"));
    assertThat(p.models().get(0).dailyCap()).isEqualTo(new DailyCap(1000, 0));
  }

  @Test
  void bad_smart_routing_values_are_reported_with_their_path() {
    assertThat(problem("routing: {strategy: fastest}\nclient-keys: []\n"))
        .contains("routing.strategy: unknown strategy 'fastest' (known: priority, weighted, round-robin, least-latency, lowest-cost)");
    assertThat(problem("routing: {caps-time-zone: Mars/Base}\nclient-keys: []\n"))
        .contains("routing.caps-time-zone: unknown time zone 'Mars/Base'");
    assertThat(problem("pools:\n  - {name: p, members: [nobody/x]}\nclient-keys: []\n"))
        .contains("pools[0].members[0]: pool member 'nobody/x': no provider 'nobody' is configured or enabled");
    assertThat(problem("pools:\n  - {name: p, members: [bare]}\nclient-keys: []\n"))
        .contains("pools[0].members[0]: pool member 'bare' must be written provider/model");
    assertThat(problem("pools:\n  - {name: p}\nclient-keys: []\n")).contains("pools[0].members: a pool needs at least one member");
    assertThat(problem(PROVIDER.replace("requests-per-day: 50", "requests-per-day: 0") + "client-keys: []\n"))
        .contains("providers[0].keys[0].requests-per-day: must be at least 1 (got 0)");
  }
}

package dev.switchboard.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.provider.Protocol;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RoutingPartsTest {
  @Test
  void client_ip_bucket_allows_the_burst_then_refills_at_the_sustained_rate() {
    TestClocks clock = new TestClocks(Instant.EPOCH);
    ClientIpLimiter limiter = new ClientIpLimiter(10, 20, clock, 1000);
    for (int i = 0; i < 10; i++) assertThat(limiter.acquire("1.2.3.4")).isZero();
    assertThat(limiter.acquire("1.2.3.4")).isEqualTo(3); // 20/min: one token every 3 s
    assertThat(limiter.acquire("5.6.7.8")).isZero(); // per address
    clock.advance(Duration.ofSeconds(3));
    assertThat(limiter.acquire("1.2.3.4")).isZero();
    assertThat(limiter.acquire("1.2.3.4")).isPositive();
  }

  @Test
  void client_ip_map_drops_idle_addresses_when_full() {
    TestClocks clock = new TestClocks(Instant.EPOCH);
    ClientIpLimiter limiter = new ClientIpLimiter(2, 60, clock, 3);
    for (int i = 0; i < 3; i++) limiter.acquire("10.0.0." + i);
    clock.advance(Duration.ofMinutes(1));
    limiter.acquire("10.0.0.9");
    assertThat(limiter.clients()).isEqualTo(1);
  }

  @Test
  void rate_limit_reset_headers_parse_go_durations_seconds_and_epoch_times() {
    assertThat(RateLimitHeaders.parseReset("6m0s", 0)).isEqualTo(Duration.ofMinutes(6));
    assertThat(RateLimitHeaders.parseReset("2m59.56s", 0)).isEqualTo(Duration.ofMillis(179_560));
    assertThat(RateLimitHeaders.parseReset("20ms", 0)).isEqualTo(Duration.ofMillis(20));
    assertThat(RateLimitHeaders.parseReset("12", 0)).isEqualTo(Duration.ofSeconds(12));
    assertThat(RateLimitHeaders.parseReset("1700000060", 1_700_000_000L)).isEqualTo(Duration.ofSeconds(60));
    assertThat(RateLimitHeaders.parseReset("soon", 0)).isNull();
    assertThat(RateLimitHeaders.exhaustedFor(Map.of("x-ratelimit-remaining-requests", "3",
        "x-ratelimit-reset-requests", "1s")::get, 0)).isNull();
    assertThat(RateLimitHeaders.exhaustedFor(Map.of("x-ratelimit-remaining-tokens", "0",
        "x-ratelimit-reset-tokens", "7.66s")::get, 0)).isEqualTo(Duration.ofMillis(7_660));
  }

  @Test
  void discovery_reads_openai_anthropic_and_gemini_model_lists() throws Exception {
    assertThat(Discovery.parseIds(Protocol.OPENAI,
        "{\"object\":\"list\",\"data\":[{\"id\":\"gpt-x\",\"object\":\"model\"},{\"id\":\"gpt-y\"}]}".getBytes(StandardCharsets.UTF_8)))
        .containsExactly("gpt-x", "gpt-y");
    assertThat(Discovery.parseIds(Protocol.ANTHROPIC,
        "{\"data\":[{\"type\":\"model\",\"id\":\"claude-x\"}],\"has_more\":false}".getBytes(StandardCharsets.UTF_8)))
        .containsExactly("claude-x");
    assertThat(Discovery.parseIds(Protocol.GEMINI,
        "{\"models\":[{\"name\":\"models/gemini-x\"}]}".getBytes(StandardCharsets.UTF_8))).containsExactly("gemini-x");
  }
}

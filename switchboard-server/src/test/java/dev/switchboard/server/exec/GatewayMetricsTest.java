package dev.switchboard.server.exec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.model.Usage;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class GatewayMetricsTest {
  private static Exchange served(String provider, String model, int status, Usage usage) {
    Exchange e = new Exchange("req_test", Instant.now(), "client", "/v1/chat/completions");
    e.provider = provider;
    e.servedModel = model;
    e.status = status;
    e.usage = usage;
    return e;
  }

  private static Usage tokens(long input, long output) { return new Usage(input, output, null, null, null, null); }

  @Test
  void requests_are_counted_by_provider_model_and_outcome_and_tokens_by_kind() {
    GatewayMetrics metrics = new GatewayMetrics();
    metrics.record(served("openai", "gpt-a", 200, tokens(10, 3)));
    metrics.record(served("openai", "gpt-a", 200, tokens(5, 2)));
    metrics.record(served("openai", "gpt-a", 429, Usage.NONE));
    metrics.record(served("groq", "gpt-a", 200, tokens(1, 1)));
    metrics.record(served(null, null, 401, Usage.NONE));

    String text = metrics.registry().scrape();
    assertThat(text)
        .contains("switchboard_requests_total{model=\"gpt-a\",outcome=\"ok\",provider=\"openai\"} 2.0")
        .contains("switchboard_requests_total{model=\"gpt-a\",outcome=\"429\",provider=\"openai\"} 1.0")
        .contains("switchboard_requests_total{model=\"gpt-a\",outcome=\"ok\",provider=\"groq\"} 1.0")
        .contains("switchboard_requests_total{model=\"none\",outcome=\"401\",provider=\"none\"} 1.0")
        .contains("switchboard_tokens_total{kind=\"input\",model=\"gpt-a\",provider=\"openai\"} 15.0")
        .contains("switchboard_tokens_total{kind=\"output\",model=\"gpt-a\",provider=\"openai\"} 5.0")
        .contains("switchboard_tokens_total{kind=\"input\",model=\"gpt-a\",provider=\"groq\"} 1.0")
        .contains("switchboard_request_latency_micros_count 5");
  }
}

package dev.switchboard.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import dev.switchboard.model.ChatRequest;
import dev.switchboard.model.ContentBlock;
import dev.switchboard.model.Embeddings;
import dev.switchboard.model.Message;
import dev.switchboard.model.Reasoning;
import dev.switchboard.model.ResponseFormat;
import dev.switchboard.model.Role;
import dev.switchboard.model.Sampling;
import dev.switchboard.model.ToolChoice;
import dev.switchboard.model.ToolDef;
import dev.switchboard.protocol.openai.OpenAiGolden;
import dev.switchboard.provider.ApiKey;
import dev.switchboard.provider.Protocol;
import dev.switchboard.provider.UpstreamRequest;
import dev.switchboard.provider.UpstreamTarget;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpenAiAdapterTest {
  private static final OpenAiAdapter ADAPTER = OpenAiAdapter.INSTANCE;
  private static final ApiKey KEY = new ApiKey("main", "sk-test-secret");
  private static final String OPENAI = "https://api.openai.com/v1";

  private static UpstreamTarget target(String baseUrl) {
    return new UpstreamTarget(baseUrl, Map.of("OpenAI-Organization", "org-123"), "gpt-4.1-2025-04-14", 32768);
  }

  /** Every canonical slot the OpenAI wire has, filled. */
  static ChatRequest fullRequest() {
    JsonNode golden = OpenAiGolden.json("full.upstream.json");
    return new ChatRequest("gpt-4.1",
        List.of(
            Message.text(Role.SYSTEM, "You extract events."),
            new Message(Role.USER, List.of(
                new ContentBlock.Text("Alice and Bob are going to a science fair on Friday. Plan it:"),
                ContentBlock.Image.ofUrl("https://example.com/poster.png", "low")), null),
            new Message(Role.ASSISTANT, List.of(
                new ContentBlock.Thinking("hidden reasoning is never sent back", "sig"),
                new ContentBlock.Text("Checking the calendar."),
                new ContentBlock.ToolUse("call_1", "get_calendar", "{\"day\":\"Friday\"}"),
                new ContentBlock.ToolUse("call_2", "get_weather", "{\"city\":\"Paris\"}")), null),
            // Anthropic style: several results in one canonical TOOL message become one OpenAI message each.
            new Message(Role.TOOL, List.of(
                new ContentBlock.ToolResult("call_1", "get_calendar", List.of(new ContentBlock.Text("free all day")), false),
                new ContentBlock.ToolResult("call_2", "get_weather", List.of(new ContentBlock.Text("sunny")), false)), null)),
        List.of(
            new ToolDef("get_calendar", "Read the calendar.", golden.at("/tools/0/function/parameters"), true),
            new ToolDef("get_weather", null, golden.at("/tools/1/function/parameters"), null)),
        ToolChoice.named("get_calendar"), true,
        new ResponseFormat(ResponseFormat.Type.JSON_SCHEMA, "calendar_event",
            golden.at("/response_format/json_schema/schema"), true),
        new Sampling(0.2, 0.95, null, 0.1, 0.3, 7L), 512, List.of("\n\n", "END"), true, false,
        new Reasoning("low", null), "u-42", Map.of("store", BooleanNode.FALSE));
  }

  @Test
  void full_request_to_official_openai_matches_the_golden_body() {
    UpstreamRequest req = ADAPTER.prepareChat(fullRequest(), target(OPENAI), KEY);
    assertThat(req.method()).isEqualTo("POST");
    assertThat(req.url()).isEqualTo("https://api.openai.com/v1/chat/completions");
    assertThat(OpenAiGolden.tree(req.body())).isEqualTo(OpenAiGolden.json("full.upstream.json"));
  }

  @Test
  void compatible_servers_get_max_tokens_instead_of_max_completion_tokens() {
    UpstreamRequest req = ADAPTER.prepareChat(fullRequest(), target("https://api.groq.com/openai/v1"), KEY);
    JsonNode body = OpenAiGolden.tree(req.body());
    assertThat(req.url()).isEqualTo("https://api.groq.com/openai/v1/chat/completions");
    assertThat(body.get("max_tokens").intValue()).isEqualTo(512);
    assertThat(body.has("max_completion_tokens")).isFalse();
  }

  @Test
  void streaming_always_asks_upstream_for_usage_and_non_streaming_sends_neither_flag() {
    ChatRequest streaming = fullRequest();
    assertThat(streaming.includeUsage()).isFalse();
    JsonNode body = OpenAiGolden.tree(ADAPTER.prepareChat(streaming, target(OPENAI), KEY).body());
    assertThat(body.at("/stream_options/include_usage").booleanValue()).isTrue();

    ChatRequest plain = new ChatRequest("m", List.of(Message.text(Role.USER, "hi")), null, null, true, null, null,
        null, null, false, false, null, null, null);
    JsonNode plainBody = OpenAiGolden.tree(ADAPTER.prepareChat(plain, target(OPENAI), KEY).body());
    assertThat(plainBody).isEqualTo(OpenAiGolden.tree(
        "{\"model\":\"gpt-4.1-2025-04-14\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"));
  }

  @Test
  void headers_carry_bearer_auth_content_type_and_provider_headers() {
    Map<String, String> h = ADAPTER.prepareChat(fullRequest(), target(OPENAI), KEY).headers();
    assertThat(h).containsEntry("authorization", "Bearer sk-test-secret")
        .containsEntry("content-type", "application/json")
        .containsEntry("OpenAI-Organization", "org-123");
  }

  @Test
  void an_empty_key_secret_sends_no_authorization_header() {
    Map<String, String> h = ADAPTER.prepareChat(fullRequest(), target("http://localhost:11434/v1"),
        new ApiKey("none", "")).headers();
    assertThat(h).doesNotContainKey("authorization").containsEntry("content-type", "application/json");
  }

  @Test
  void request_to_string_never_shows_the_secret() {
    UpstreamRequest req = ADAPTER.prepareChat(fullRequest(), target(OPENAI), KEY);
    assertThat(req.toString()).doesNotContain("sk-test-secret");
    assertThat(KEY.toString()).doesNotContain("sk-test-secret");
  }

  @Test
  void embeddings_go_to_the_embeddings_endpoint_asking_for_floats() {
    UpstreamRequest req = ADAPTER.prepareEmbeddings(
        new Embeddings.Request("small", List.of("a", "b"), 256, "base64", null),
        new UpstreamTarget(OPENAI, null, "text-embedding-3-small", null), KEY);
    assertThat(req.url()).isEqualTo("https://api.openai.com/v1/embeddings");
    assertThat(req.headers()).containsEntry("authorization", "Bearer sk-test-secret");
    assertThat(OpenAiGolden.tree(req.body())).isEqualTo(OpenAiGolden.tree(
        "{\"model\":\"text-embedding-3-small\",\"input\":[\"a\",\"b\"],\"dimensions\":256,\"encoding_format\":\"float\"}"));
  }

  @Test
  void adapter_speaks_the_openai_protocol_with_embeddings() {
    assertThat(ADAPTER.protocol()).isEqualTo(Protocol.OPENAI);
    assertThat(ADAPTER.embeddings()).isPresent();
  }
}

package dev.switchboard.protocol.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.switchboard.error.GatewayException;
import dev.switchboard.model.ChatRequest;
import dev.switchboard.provider.ApiKey;
import dev.switchboard.provider.UpstreamTarget;
import dev.switchboard.provider.openai.OpenAiAdapter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What Anthropic clients (Claude Code above all) send, taken to OpenAI-compatible upstreams in a shape they accept. */
class AnthropicClientToOtherWiresTest {
  private static final ApiKey KEY = new ApiKey("k", "sk-x");
  private static final UpstreamTarget OPENAI =
      new UpstreamTarget("https://api.openai.com/v1", Map.of(), "gpt-4.1", null, null);
  private static final UpstreamTarget VLLM = new UpstreamTarget("http://localhost:8000/v1", Map.of(), "qwen", null, null);

  private static ChatRequest decode(String json) {
    return AnthropicClientCodec.INSTANCE.decodeRequest(json.getBytes(StandardCharsets.UTF_8));
  }

  private static JsonNode upstream(ChatRequest r, UpstreamTarget target) {
    return Golden.parse(new String(OpenAiAdapter.INSTANCE.prepareChat(r, target, KEY).body(), StandardCharsets.UTF_8));
  }

  @Test
  void claude_codes_context_management_does_not_keep_the_request_from_other_wires() {
    ChatRequest r = decode("""
        {"model":"oai/gpt-4.1","max_tokens":32000,
         "context_management":{"edits":[{"type":"clear_thinking_20251015","keep":"all"}]},
         "messages":[{"role":"user","content":"hi"}]}""");
    assertThat(r.inbound().untranslatable()).isNull();
    assertThat(upstream(r, OPENAI).has("context_management")).isFalse();
    // What does need Anthropic still says so.
    assertThat(decode("""
        {"model":"m","max_tokens":10,"mcp_servers":[{"type":"url","url":"https://x","name":"x"}],
         "messages":[{"role":"user","content":"hi"}]}""").inbound().untranslatable()).startsWith("mcp_servers");
  }

  @Test
  void a_metadata_user_id_over_openais_64_characters_goes_as_its_sha256() {
    // Claude Code's user_id is a JSON blob of ~150 characters; OpenAI: "Invalid 'user': string too long".
    String userId = "{\"device_id\":\"" + "a".repeat(64) + "\",\"account_uuid\":\"6f1c2d3e-0000-4000-8000-123456789abc\"}";
    String body = """
        {"model":"m","max_tokens":1024,"metadata":{"user_id":%s},"messages":[{"role":"user","content":"hi"}]}""";
    JsonNode sent = upstream(decode(body.formatted(TextNode.valueOf(userId).toString())), OPENAI);
    assertThat(sent.get("user").asText()).hasSize(64).matches("[0-9a-f]{64}")
        .isEqualTo(upstream(decode(body.formatted(TextNode.valueOf(userId).toString())), OPENAI).get("user").asText());
    assertThat(upstream(decode(body.formatted("\"user-42\"")), OPENAI).get("user").asText()).isEqualTo("user-42");
  }

  @Test
  void structured_output_reaches_openai_with_a_schema_name() {
    JsonNode sent = upstream(decode("""
        {"model":"m","max_tokens":1024,"messages":[{"role":"user","content":"extract"}],
         "output_format":{"type":"json_schema","schema":{"type":"object","properties":{"a":{"type":"string"}}}}}"""),
        OPENAI);
    assertThat(sent.at("/response_format/json_schema/name").asText()).isEqualTo("output");
    assertThat(sent.at("/response_format/json_schema/schema/properties/a/type").asText()).isEqualTo("string");
  }

  @Test
  void top_k_goes_to_compatible_servers_but_not_to_openai_which_refuses_it() {
    ChatRequest r = decode("""
        {"model":"m","max_tokens":1024,"top_k":40,"messages":[{"role":"user","content":"hi"}]}""");
    assertThat(upstream(r, OPENAI).has("top_k")).isFalse();
    assertThat(upstream(r, VLLM).get("top_k").asInt()).isEqualTo(40);
  }

  @Test
  void adaptive_thinking_efforts_map_to_canonical_ones_high_by_default() {
    String body = """
        {"model":"m","max_tokens":4096,"thinking":{"type":"adaptive"}%s,"messages":[{"role":"user","content":"hi"}]}""";
    assertThat(decode(body.formatted("")).reasoning().effort()).isEqualTo("high");
    assertThat(decode(body.formatted(",\"output_config\":{\"effort\":\"max\"}")).reasoning().effort()).isEqualTo("high");
    assertThat(decode(body.formatted(",\"output_config\":{\"effort\":\"low\"}")).reasoning().effort()).isEqualTo("low");
    assertThat(upstream(decode(body.formatted(",\"output_config\":{\"effort\":\"max\"}")), OPENAI)
        .get("reasoning_effort").asText()).isEqualTo("high");
    assertThatThrownBy(() -> decode(body.formatted(",\"output_config\":{\"effort\":\"extreme\"}")))
        .isInstanceOf(GatewayException.class).hasMessageContaining("output_config.effort");
  }

  private static final String TOOL_RESULT_IMAGE = """
      {"model":"m","max_tokens":1024,
       "tools":[{"name":"Read","input_schema":{"type":"object","properties":{"path":{"type":"string"}}}}],
       "messages":[
        {"role":"user","content":"what is in shot.png?"},
        {"role":"assistant","content":[{"type":"tool_use","id":"toolu_1","name":"Read","input":{"path":"shot.png"}}]},
        {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":[
          {"type":"text","text":"screenshot:"},
          {"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBORw0KGgoAAAANSUhEUg"}}]}]}]}""";

  @Test
  void an_image_a_tool_returned_reaches_an_openai_upstream_after_the_tool_message() {
    // OpenAI tool messages take text only (Claude Code's Read tool returns screenshots as images).
    ChatRequest r = decode(TOOL_RESULT_IMAGE);
    assertThat(r.hasImages()).as("routing sees the image and asks for a vision model").isTrue();
    JsonNode messages = upstream(r, OPENAI).get("messages");
    assertThat(messages.get(2).get("role").asText()).isEqualTo("tool");
    assertThat(messages.get(2).get("content").asText()).isEqualTo("screenshot:");
    JsonNode images = messages.get(3);
    assertThat(images.get("role").asText()).isEqualTo("user");
    assertThat(images.at("/content/0/text").asText()).isEqualTo("Images returned by tool call toolu_1:");
    assertThat(images.at("/content/1/image_url/url").asText()).isEqualTo("data:image/png;base64,iVBORw0KGgoAAAANSUhEUg");
    assertThat(messages).hasSize(4);
  }

  @Test
  void an_image_a_tool_returned_reaches_a_gemini_upstream_beside_the_function_response() {
    UpstreamTarget gemini = new UpstreamTarget("https://generativelanguage.googleapis.com/v1beta", Map.of(),
        "gemini-2.5-flash", null, null);
    JsonNode sent = Golden.parse(new String(new dev.switchboard.provider.gemini.GeminiAdapter().chat()
        .prepareChat(decode(TOOL_RESULT_IMAGE), gemini, KEY).body(), StandardCharsets.UTF_8));
    JsonNode turn = sent.at("/contents/2");
    assertThat(turn.get("role").asText()).isEqualTo("user");
    assertThat(turn.at("/parts/0/functionResponse/name").asText()).isEqualTo("Read");
    assertThat(turn.at("/parts/1/inlineData/mimeType").asText()).isEqualTo("image/png");
    assertThat(turn.at("/parts/1/inlineData/data").asText()).isEqualTo("iVBORw0KGgoAAAANSUhEUg");
  }
}

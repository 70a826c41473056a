package dev.switchboard.testkit;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The wire helpers' payloads against golden files transcribed from the providers' API references. */
class FakeWirePayloadsTest {
  private static String joined(List<String> events) { return String.join("", events); }

  @Test void openai_text_completion_matches_the_reference() {
    Golden.assertJson("openai", "chat_completion_text.json",
        OpenAiWire.chatCompletion("gpt-4o-mini", "Hello there, how may I assist you today?", Tokens.of(19, 10)));
  }

  @Test void openai_parallel_tool_calls_with_cached_and_reasoning_usage_match_the_reference() {
    List<ToolCall> calls = List.of(new ToolCall("call_abc123", "get_current_weather", "{\"location\":\"Boston, MA\"}"),
        new ToolCall("call_def456", "get_current_weather", "{\"location\":\"Paris\"}"));
    Golden.assertJson("openai", "chat_completion_tool_calls.json",
        OpenAiWire.chatCompletionToolCalls("o4-mini", calls, new Tokens(82, 49, 64, 0, 32)));
  }

  @Test void openai_text_stream_without_usage_matches_the_reference() {
    Golden.assertSse("openai", "stream_text.sse",
        joined(OpenAiWire.streamText("gpt-4o-mini", List.of("Hello", " world"), null)));
  }

  @Test void openai_tool_call_stream_fragments_arguments_and_ends_with_usage() {
    List<ToolCall> calls = List.of(new ToolCall("call_abc123", "get_weather", "{\"city\":\"Rome\"}"),
        new ToolCall("call_def456", "get_time", "{}"));
    Golden.assertSse("openai", "stream_tool_calls_with_usage.sse",
        joined(OpenAiWire.streamToolCalls("gpt-4o", calls, 8, Tokens.of(50, 20))));
  }

  @Test void openai_rate_limit_error_matches_the_reference() {
    Golden.assertJson("openai", "error_429.json", OpenAiWire.errorFor(429, "gpt-4o"));
  }

  @Test void openai_embeddings_match_the_reference() {
    Golden.assertJson("openai", "embeddings.json", OpenAiWire.embeddings("text-embedding-3-small",
        List.of(new float[] {0.25f, -0.5f}, new float[] {0.125f, 1f}), 8));
  }

  @Test void anthropic_text_message_matches_the_reference() {
    Golden.assertJson("anthropic", "message_text.json",
        AnthropicWire.message("claude-sonnet-4-5", "Hi! My name is Claude.", Tokens.of(2095, 503)));
  }

  @Test void anthropic_tool_use_message_splits_cache_counts_out_of_input_tokens() {
    ToolCall call = new ToolCall("toolu_01A09q90qw90lq917835lq9", "get_weather", "{\"location\":\"San Francisco, CA\"}");
    Golden.assertJson("anthropic", "message_tool_use.json", AnthropicWire.messageToolUse("claude-sonnet-4-5",
        "I'll check the weather.", List.of(call), new Tokens(600, 40, 300, 200, 0)));
  }

  @Test void anthropic_text_stream_matches_the_reference() {
    Golden.assertSse("anthropic", "stream_text.sse",
        joined(AnthropicWire.streamText("claude-sonnet-4-5", List.of("Hello", "!"), Tokens.of(25, 15))));
  }

  @Test void anthropic_tool_use_stream_matches_the_reference() {
    ToolCall call = new ToolCall("toolu_01T1x1fJ34qAmk2tNTrN7Up6", "get_weather", "{\"location\":\"SF\"}");
    Golden.assertSse("anthropic", "stream_tool_use.sse", joined(AnthropicWire.streamToolUse("claude-sonnet-4-5",
        "Let me check.", List.of(call), 12, Tokens.of(472, 89))));
  }

  @Test void anthropic_auth_error_matches_the_reference() {
    Golden.assertJson("anthropic", "error_401.json", AnthropicWire.errorFor(401));
  }

  @Test void gemini_text_response_reports_thoughts_and_cache_separately() {
    Golden.assertJson("gemini", "generate_content_text.json", GeminiWire.generateContent("gemini-2.5-flash",
        "AI learns patterns from data.", new Tokens(8, 27, 4, 0, 20)));
  }

  @Test void gemini_function_calls_carry_args_as_objects() {
    List<ToolCall> calls = List.of(
        new ToolCall("c1", "set_light_values", "{\"brightness\":25,\"color_temp\":\"warm\"}"),
        new ToolCall("c2", "power_disco_ball", "{\"power\":true}"));
    Golden.assertJson("gemini", "function_calls.json",
        GeminiWire.generateContentFunctionCalls("gemini-2.5-flash", calls, Tokens.of(30, 12)));
  }

  @Test void gemini_text_stream_matches_the_reference() {
    Golden.assertSse("gemini", "stream_text.sse",
        joined(GeminiWire.streamText("gemini-2.5-flash", List.of("Hello", " there"), Tokens.of(5, 2))));
  }

  @Test void gemini_errors_match_the_reference() {
    Golden.assertJson("gemini", "error_api_key.json", GeminiWire.invalidApiKey());
    Golden.assertJson("gemini", "error_429.json", GeminiWire.errorFor(429, "gemini-2.5-flash"));
  }

  @Test void gemini_batch_embeddings_match_the_reference() {
    Golden.assertJson("gemini", "batch_embed.json", GeminiWire.batchEmbedContents(
        List.of(new float[] {0.25f, -0.5f, 0.125f}, new float[] {1f, 0f, -1f})));
  }
}

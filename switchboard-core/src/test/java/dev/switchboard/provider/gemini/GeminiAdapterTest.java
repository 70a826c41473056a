package dev.switchboard.provider.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.error.FailureClass;
import dev.switchboard.model.ChatRequest;
import dev.switchboard.model.ChatResponse;
import dev.switchboard.model.ContentBlock;
import dev.switchboard.model.Embeddings;
import dev.switchboard.model.Message;
import dev.switchboard.model.Role;
import dev.switchboard.protocol.gemini.Goldens;
import dev.switchboard.provider.ApiKey;
import dev.switchboard.provider.ChatAdapter;
import dev.switchboard.provider.EmbeddingsAdapter;
import dev.switchboard.provider.Protocol;
import dev.switchboard.provider.UpstreamRequest;
import dev.switchboard.provider.UpstreamTarget;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GeminiAdapterTest {
  private static final ApiKey KEY = new ApiKey("primary", "AIzaSy-secret-value");
  private static final UpstreamTarget TARGET = new UpstreamTarget(
      "https://generativelanguage.googleapis.com/v1beta/", Map.of("x-goog-user-project", "my-project"), "gemini-2.5-flash", 65536);
  private final GeminiAdapter adapter = new GeminiAdapter();
  private final ChatAdapter chat = adapter.chat();

  static ChatRequest request(boolean stream) {
    return new ChatRequest("my-alias", List.of(Message.text(Role.USER, "hi")), null, null, null, null, null, null,
        null, stream, false, null, null, null);
  }

  @Test
  void protocol_is_gemini_and_embeddings_are_offered() {
    assertThat(adapter.protocol()).isEqualTo(Protocol.GEMINI);
    assertThat(adapter.embeddings()).isPresent();
  }

  @Test
  void chat_posts_to_generate_content_with_key_header_and_target_headers() {
    UpstreamRequest r = chat.prepareChat(request(false), TARGET, KEY);
    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.url()).isEqualTo("https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent");
    assertThat(r.headers()).containsEntry("x-goog-api-key", "AIzaSy-secret-value")
        .containsEntry("content-type", "application/json")
        .containsEntry("x-goog-user-project", "my-project");
    assertThat(Goldens.tree(r.body()).at("/contents/0/parts/0/text").asText()).isEqualTo("hi");
    assertThat(r.toString()).doesNotContain("secret");
  }

  @Test
  void streaming_chat_uses_stream_generate_content_as_sse() {
    UpstreamRequest r = chat.prepareChat(request(true), TARGET, KEY);
    assertThat(r.url()).isEqualTo(
        "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse");
  }

  @Test
  void a_configured_header_cannot_replace_the_key() {
    UpstreamTarget t = new UpstreamTarget("https://proxy.example/v1beta", Map.of("x-goog-api-key", "other"),
        "models/gemini-2.0-flash", null);
    UpstreamRequest r = chat.prepareChat(request(false), t, KEY);
    assertThat(r.headers()).containsEntry("x-goog-api-key", "AIzaSy-secret-value");
    assertThat(r.url()).isEqualTo("https://proxy.example/v1beta/models/gemini-2.0-flash:generateContent");
  }

  @Test
  void parse_and_classify_use_the_gemini_codec() {
    ChatResponse resp = chat.parseChat(request(false), Goldens.bytes("text.response.json"));
    assertThat(resp.model()).isEqualTo("gemini-2.0-flash");
    assertThat(chat.classify(chat.parseError(400, Goldens.bytes("error_api_key.json"))))
        .isEqualTo(FailureClass.CREDENTIAL);
    assertThat(chat.streamDecoder(request(true)).completed()).isFalse();
  }

  @Test
  void embeddings_post_to_batch_embed_contents() {
    EmbeddingsAdapter emb = adapter.embeddings().orElseThrow();
    UpstreamTarget t = new UpstreamTarget("https://generativelanguage.googleapis.com/v1beta", null, "gemini-embedding-001", null);
    UpstreamRequest r = emb.prepareEmbeddings(new Embeddings.Request("e", List.of("a"), null, null, null), t, KEY);
    assertThat(r.url()).isEqualTo(
        "https://generativelanguage.googleapis.com/v1beta/models/gemini-embedding-001:batchEmbedContents");
    assertThat(r.headers()).containsEntry("x-goog-api-key", "AIzaSy-secret-value");
    assertThat(emb.parseEmbeddings(Goldens.bytes("embeddings.response.json")).vectors()).hasSize(2);
    assertThat(emb.maxBatchSize()).as("at most 100 requests can be in one batch").isEqualTo(100);
  }

  @Test
  void the_upstream_model_not_the_clients_name_decides_the_gemini_3_dummy_signature() {
    ChatRequest loop = new ChatRequest("my-alias", List.of(Message.text(Role.USER, "go"),
        new Message(Role.ASSISTANT, List.of(new ContentBlock.ToolUse("toolu_1", "f", "{}")), null)),
        null, null, null, null, null, null, null, false, false, null, null, null);
    UpstreamTarget gemini3 = new UpstreamTarget("https://generativelanguage.googleapis.com/v1beta", null,
        "gemini-3-pro-preview", null);
    assertThat(Goldens.tree(chat.prepareChat(loop, gemini3, KEY).body()).at("/contents/1/parts/0/thoughtSignature")
        .asText()).isEqualTo("skip_thought_signature_validator");
    assertThat(Goldens.tree(chat.prepareChat(loop, TARGET, KEY).body()).at("/contents/1/parts/0")
        .has("thoughtSignature")).as("gemini-2.5-flash").isFalse();
  }
}

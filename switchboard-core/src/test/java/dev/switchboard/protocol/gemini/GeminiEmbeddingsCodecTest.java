package dev.switchboard.protocol.gemini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.model.Embeddings;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class GeminiEmbeddingsCodecTest {

  @Test
  void batch_request_has_one_entry_per_input_with_model_and_dimensions() {
    Embeddings.Request r = new Embeddings.Request("text-embedding-3-small",
        List.of("What is the meaning of life?", "How does the brain work?"), 3, "float", null);
    assertThat(Goldens.tree(GeminiEmbeddingsCodec.encode(r, "gemini-embedding-001")))
        .isEqualTo(Goldens.json("embeddings.request.json"));
    assertThat(Goldens.tree(GeminiEmbeddingsCodec.encode(r, "models/gemini-embedding-001")))
        .as("an already qualified model name is not prefixed twice")
        .isEqualTo(Goldens.json("embeddings.request.json"));
  }

  @Test
  void dimensions_are_omitted_when_not_given() {
    Embeddings.Request r = new Embeddings.Request("e", List.of("a"), null, null, null);
    assertThat(Goldens.tree(GeminiEmbeddingsCodec.encode(r, "gemini-embedding-001")).at("/requests/0").has("outputDimensionality"))
        .isFalse();
  }

  @Test
  void response_vectors_come_back_in_order_without_usage() {
    Embeddings.Response r = GeminiEmbeddingsCodec.decode(Goldens.bytes("embeddings.response.json"));
    assertThat(r.vectors()).hasSize(2);
    assertThat(r.vectors().get(0)).containsExactly(-0.022374554f, -0.004560777f, 0.013309286f);
    assertThat(r.vectors().get(1)).containsExactly(0.0034283297f, -0.020564306f, -0.0095375115f);
    assertThat(r.usage()).isNull();
  }

  @Test
  void reported_prompt_tokens_become_usage() {
    Embeddings.Response r = GeminiEmbeddingsCodec.decode("""
        {"embeddings":[{"values":[1.0]}],"usageMetadata":{"promptTokenCount":7}}""".getBytes(StandardCharsets.UTF_8));
    assertThat(r.usage().inputTokens()).isEqualTo(7);
  }

  @Test
  void missing_values_are_reported_with_their_index() {
    assertThatThrownBy(() -> GeminiEmbeddingsCodec.decode("{\"embeddings\":[{\"values\":[1]},{}]}"
        .getBytes(StandardCharsets.UTF_8))).hasMessageContaining("embeddings[1].values");
  }
}

package dev.switchboard.protocol.gemini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

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
    assertThat(r.vectors().get(0)).containsExactly(unit(-0.022374554, -0.004560777, 0.013309286), within(1e-6f));
    assertThat(r.vectors().get(1)).containsExactly(unit(0.0034283297, -0.020564306, -0.0095375115), within(1e-6f));
    assertThat(r.usage()).isNull();
  }

  @Test
  void reduced_dimension_vectors_come_back_unit_length() {
    // Gemini normalises only its full 3072 dimensions; OpenAI clients take the dot product as the cosine.
    Embeddings.Response r = GeminiEmbeddingsCodec.decode("""
        {"embeddings":[{"values":[0.3,0.4,0.0]},{"values":[0.0,0.0]}]}""".getBytes(StandardCharsets.UTF_8));
    assertThat(r.vectors().get(0)).containsExactly(0.6f, 0.8f, 0.0f);
    assertThat(r.vectors().get(1)).as("a zero vector stays zero").containsExactly(0.0f, 0.0f);
  }

  @Test
  void a_unit_vector_is_kept_as_it_came() {
    float[] v = GeminiEmbeddingsCodec.decode("""
        {"embeddings":[{"values":[0.6,0.8]}]}""".getBytes(StandardCharsets.UTF_8)).vectors().get(0);
    assertThat(v).containsExactly(0.6f, 0.8f);
  }

  private static float[] unit(double... x) {
    double norm = Math.sqrt(java.util.Arrays.stream(x).map(d -> d * d).sum());
    float[] v = new float[x.length];
    for (int i = 0; i < x.length; i++) v[i] = (float) (x[i] / norm);
    return v;
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

package dev.switchboard.protocol.cohere;

import static dev.switchboard.protocol.WireGoldens.documents;
import static dev.switchboard.protocol.WireGoldens.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.model.Embeddings;
import dev.switchboard.model.Rerank;
import dev.switchboard.protocol.WireGoldens;
import dev.switchboard.provider.ApiKey;
import dev.switchboard.provider.UpstreamTarget;
import dev.switchboard.provider.cohere.CohereAdapter;
import java.util.List;
import org.junit.jupiter.api.Test;

class CohereCodecTest {
  private static final Rerank.Request RERANK = new Rerank.Request("cohere/rerank-v3.5",
      "What is the capital of the United States?", documents("cohere/rerank.request.json"), 3, false);

  @Test
  void rerank_request_matches_the_v2_reference() {
    assertThat(WireGoldens.tree(CohereCodec.encodeRerank(RERANK, "rerank-v3.5"))).isEqualTo(json("cohere/rerank.request.json"));
  }

  @Test
  void rerank_response_keeps_order_scores_and_counts_search_units() {
    Rerank.Response r = CohereCodec.decodeRerank(RERANK, WireGoldens.bytes("cohere/rerank.response.json"));
    assertThat(r.results()).extracting(Rerank.Result::index).containsExactly(2, 4, 0);
    assertThat(r.results().get(0).relevanceScore()).isEqualTo(0.999071);
    assertThat(r.results()).extracting(Rerank.Result::document).containsOnlyNulls();
    assertThat(r.usage().inputTokens()).isEqualTo(1L);
  }

  @Test
  void rerank_documents_are_filled_from_the_request_since_v2_never_returns_them() {
    Rerank.Request withDocs = new Rerank.Request(RERANK.model(), RERANK.query(), RERANK.documents(), 3, true);
    Rerank.Response r = CohereCodec.decodeRerank(withDocs, WireGoldens.bytes("cohere/rerank.response.json"));
    assertThat(r.results().get(0).document()).startsWith("Washington, D.C.");
  }

  @Test
  void embed_request_asks_for_floats_with_a_document_input_type() {
    var req = new Embeddings.Request("cohere/embed-v4.0", List.of("hello", "goodbye"), null, null, null);
    assertThat(WireGoldens.tree(CohereCodec.encodeEmbed(req, "embed-v4.0"))).isEqualTo(json("cohere/embed.request.json"));
  }

  @Test
  void embed_response_reads_float_vectors_and_billed_input_tokens() {
    Embeddings.Response r = CohereCodec.decodeEmbed(WireGoldens.bytes("cohere/embed.response.json"));
    assertThat(r.vectors()).hasSize(2);
    assertThat(r.vectors().get(1)[0]).isEqualTo(0.033233643f);
    assertThat(r.usage().inputTokens()).isEqualTo(2L);
  }

  @Test
  void adapter_posts_to_v2_paths_with_a_bearer_key_and_parses_message_errors() {
    var target = new UpstreamTarget("https://api.cohere.com/v2", null, "rerank-v3.5", null);
    var req = CohereAdapter.INSTANCE.prepareRerank(RERANK, target, new ApiKey("k", "co-secret"));
    assertThat(req.url()).isEqualTo("https://api.cohere.com/v2/rerank");
    assertThat(req.headers()).containsEntry("authorization", "Bearer co-secret");
    assertThat(CohereAdapter.INSTANCE.prepareEmbeddings(new Embeddings.Request("m", List.of("a"), null, null, null),
        target, null).url()).isEqualTo("https://api.cohere.com/v2/embed");
    assertThat(CohereAdapter.INSTANCE.servesChat()).isFalse();
    var error = CohereAdapter.INSTANCE.chat().parseError(401, WireGoldens.bytes("cohere/error_invalid_key.json"));
    assertThat(error.message()).isEqualTo("invalid api token");
  }

  @Test
  void more_embeddings_inputs_than_one_call_takes_are_split_by_the_gateway() {
    assertThat(CohereAdapter.INSTANCE.maxBatchSize()).isEqualTo(96);
  }
}

package dev.switchboard.protocol.voyage;

import static dev.switchboard.protocol.WireGoldens.documents;
import static dev.switchboard.protocol.WireGoldens.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.model.Embeddings;
import dev.switchboard.model.Rerank;
import dev.switchboard.protocol.WireGoldens;
import dev.switchboard.provider.voyage.VoyageAdapter;
import java.util.List;
import org.junit.jupiter.api.Test;

class VoyageCodecTest {
  private static final Rerank.Request RERANK = new Rerank.Request("voyage/rerank-2.5",
      "When is Apple's conference call scheduled?", documents("voyage/rerank.request.json"), 2, false);

  @Test
  void rerank_request_uses_top_k() {
    assertThat(WireGoldens.tree(VoyageCodec.encodeRerank(RERANK, "rerank-2.5"))).isEqualTo(json("voyage/rerank.request.json"));
  }

  @Test
  void rerank_response_reads_data_and_total_tokens() {
    Rerank.Response r = VoyageCodec.decodeRerank(RERANK, WireGoldens.bytes("voyage/rerank.response.json"));
    assertThat(r.results()).extracting(Rerank.Result::index).containsExactly(2, 0);
    assertThat(r.results().get(0).relevanceScore()).isEqualTo(0.9296875);
    assertThat(r.usage().inputTokens()).isEqualTo(105L);
  }

  @Test
  void embeddings_use_output_dimension_and_read_total_tokens() {
    var req = new Embeddings.Request("voyage-3.5", List.of("Sample text 1", "Sample text 2"), 256, "base64", null);
    assertThat(WireGoldens.tree(VoyageCodec.encodeEmbeddings(req, "voyage-3.5"))).isEqualTo(json("voyage/embeddings.request.json"));
    Embeddings.Response r = VoyageCodec.decodeEmbeddings(WireGoldens.bytes("voyage/embeddings.response.json"));
    assertThat(r.vectors()).hasSize(2);
    assertThat(r.vectors().get(0)[1]).isEqualTo(0.03408089280128479f);
    assertThat(r.usage().inputTokens()).isEqualTo(10L);
  }

  @Test
  void detail_errors_become_the_message() {
    assertThat(VoyageAdapter.INSTANCE.chat().parseError(401, WireGoldens.bytes("voyage/error_invalid_key.json")).message())
        .isEqualTo("Provided API key is invalid.");
  }

  @Test
  void more_embeddings_inputs_than_one_call_takes_are_split_by_the_gateway() {
    assertThat(VoyageAdapter.INSTANCE.maxBatchSize()).isEqualTo(1000);
  }
}

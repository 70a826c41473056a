package dev.switchboard.protocol.jina;

import static dev.switchboard.protocol.WireGoldens.documents;
import static dev.switchboard.protocol.WireGoldens.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.error.GatewayException;
import dev.switchboard.model.Embeddings;
import dev.switchboard.model.Rerank;
import dev.switchboard.protocol.WireGoldens;
import dev.switchboard.provider.jina.JinaAdapter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class JinaCodecTest {
  private static final Rerank.Request RERANK = new Rerank.Request("jina-reranker-v2-base-multilingual",
      "Organic skincare products for sensitive skin", documents("jina/rerank.request.json"), 2, true);

  @Test
  void rerank_request_matches_the_reference() {
    assertThat(WireGoldens.tree(JinaCodec.encodeRerank(RERANK, "jina-reranker-v2-base-multilingual")))
        .isEqualTo(json("jina/rerank.request.json"));
  }

  @Test
  void the_reference_request_is_also_a_valid_client_request() {
    assertThat(JinaCodec.decodeClientRerank(WireGoldens.bytes("jina/rerank.request.json"))).isEqualTo(RERANK);
  }

  @Test
  void rerank_response_round_trips_to_the_client_shape() {
    Rerank.Response r = JinaCodec.decodeRerank(RERANK, WireGoldens.bytes("jina/rerank.response.json"));
    assertThat(r.usage().inputTokens()).isEqualTo(815L);
    assertThat(WireGoldens.tree(JinaCodec.encodeClientRerank(r, "jina-reranker-v2-base-multilingual")))
        .isEqualTo(json("jina/rerank.response.json"));
  }

  @Test
  void client_documents_may_be_objects_with_text() {
    Rerank.Request r = JinaCodec.decodeClientRerank("""
        {"model":"m","query":"q","documents":[{"text":"a"},"b"]}""".getBytes(StandardCharsets.UTF_8));
    assertThat(r.documents()).containsExactly("a", "b");
    assertThat(r.returnDocuments()).isFalse();
    assertThat(r.topN()).isNull();
  }

  @Test
  void bad_client_input_names_the_field() {
    assertThatThrownBy(() -> JinaCodec.decodeClientRerank("{\"model\":\"m\",\"documents\":[\"a\"]}".getBytes()))
        .isInstanceOf(GatewayException.class).hasMessageContaining("'query' is required");
    assertThatThrownBy(() -> JinaCodec.decodeClientRerank("{\"model\":\"m\",\"query\":\"q\",\"documents\":[1]}".getBytes()))
        .isInstanceOf(GatewayException.class).hasMessageContaining("documents[0]");
    assertThatThrownBy(() -> JinaCodec.decodeClientRerank("{\"model\":\"m\",\"query\":\"q\",\"documents\":[\"a\"],\"top_n\":0}".getBytes()))
        .isInstanceOf(GatewayException.class).hasMessageContaining("top_n");
  }

  @Test
  void embeddings_request_and_response_match_the_reference() {
    var req = new Embeddings.Request("jina-embeddings-v3", List.of(
        "Organic skincare for sensitive skin with aloe vera and chamomile", "New makeup trends focus on bold colors"),
        4, null, null);
    assertThat(WireGoldens.tree(JinaCodec.encodeEmbeddings(req, "jina-embeddings-v3"))).isEqualTo(json("jina/embeddings.request.json"));
    Embeddings.Response r = JinaCodec.decodeEmbeddings(WireGoldens.bytes("jina/embeddings.response.json"));
    assertThat(r.vectors()).hasSize(2);
    assertThat(r.usage().inputTokens()).isEqualTo(19L);
  }

  @Test
  void validation_errors_name_the_location() {
    var error = JinaAdapter.INSTANCE.chat().parseError(422, WireGoldens.bytes("jina/error_validation.json"));
    assertThat(error.message()).contains("Field required").contains("query");
  }
}

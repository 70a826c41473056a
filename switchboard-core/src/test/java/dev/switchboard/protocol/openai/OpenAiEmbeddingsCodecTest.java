package dev.switchboard.protocol.openai;

import static dev.switchboard.protocol.openai.OpenAiGolden.gatewayError;
import static dev.switchboard.protocol.openai.OpenAiGolden.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.error.ErrorKey;
import dev.switchboard.error.GatewayException;
import dev.switchboard.model.Embeddings;
import dev.switchboard.model.Usage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OpenAiEmbeddingsCodecTest {

  @Test
  void array_request_decodes_with_format_dimensions_and_user() {
    Embeddings.Request r = OpenAiEmbeddingsCodec.decodeRequest(OpenAiGolden.bytes("embeddings.request.json"));
    assertThat(r).isEqualTo(new Embeddings.Request("text-embedding-3-small",
        List.of("The food was delicious and the waiter...", "The service was slow."), 4, "float", "user-1234"));
  }

  @Test
  void a_single_string_input_is_one_text() {
    Embeddings.Request r = OpenAiEmbeddingsCodec.decodeRequest(utf8(
        "{\"input\":\"The quick brown fox jumped over the lazy dog\",\"model\":\"text-embedding-3-small\",\"encoding_format\":\"base64\"}"));
    assertThat(r.input()).containsExactly("The quick brown fox jumped over the lazy dog");
    assertThat(r.encodingFormat()).isEqualTo("base64");
    assertThat(r.dimensions()).isNull();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "token array | {\"model\":\"m\",\"input\":[1212,318,257]} | input[0] | token arrays are not supported",
      "array of token arrays | {\"model\":\"m\",\"input\":[[1212,318]]} | input[0] | token arrays are not supported",
      "missing input | {\"model\":\"m\"} | input | 'input' is required",
      "empty input | {\"model\":\"m\",\"input\":[]} | input | must not be empty",
      "number input | {\"model\":\"m\",\"input\":5} | input | a string or an array of strings",
      "missing model | {\"input\":\"a\"} | model | 'model' is required",
      "bad format | {\"model\":\"m\",\"input\":\"a\",\"encoding_format\":\"int8\"} | encoding_format | 'float' or 'base64'",
      "zero dimensions | {\"model\":\"m\",\"input\":\"a\",\"dimensions\":0} | dimensions | at least 1",
  })
  void invalid_requests_are_rejected_naming_the_field(String label, String body, String param, String message) {
    GatewayException e = gatewayError(() -> OpenAiEmbeddingsCodec.decodeRequest(utf8(body)));
    assertThat(e.error().param()).isEqualTo(param);
    assertThat(e.error().message()).contains(message);
  }

  @Test
  void malformed_json_is_invalid_json() {
    assertThat(gatewayError(() -> OpenAiEmbeddingsCodec.decodeRequest(utf8("{"))).error().key())
        .isEqualTo(ErrorKey.INVALID_JSON);
  }

  @Test
  void upstream_response_parses_vectors_in_index_order_and_usage() {
    Embeddings.Response r = OpenAiEmbeddingsCodec.decodeResponse(OpenAiGolden.bytes("embeddings.response.json"));
    assertThat(r.model()).isEqualTo("text-embedding-3-small");
    assertThat(r.vectors()).hasSize(2);
    assertThat(r.vectors().get(0)).containsExactly(0.0023064255f, -0.009327292f, -0.0028842222f, 0.015390625f);
    assertThat(r.vectors().get(1)).containsExactly(-0.012145f, 0.0061035156f, 0.021484375f, -0.5f);
    assertThat(r.usage().inputTokens()).isEqualTo(8);
  }

  @Test
  void float_response_encodes_to_the_reference_shape() {
    Embeddings.Response parsed = OpenAiEmbeddingsCodec.decodeResponse(OpenAiGolden.bytes("embeddings.response.json"));
    JsonNode body = OpenAiGolden.tree(OpenAiEmbeddingsCodec.encodeResponse(parsed, "text-embedding-3-small", false));
    assertThat(OpenApiShape.violations("CreateEmbeddingResponse", body)).isEmpty();
    JsonNode golden = OpenAiGolden.json("embeddings.response.json");
    assertThat(body.get("usage")).isEqualTo(golden.get("usage"));
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 4; j++) {
        assertThat((float) body.at("/data/" + i + "/embedding/" + j).doubleValue())
            .isEqualTo((float) golden.at("/data/" + i + "/embedding/" + j).doubleValue());
      }
    }
  }

  @Test
  void base64_is_little_endian_float32_and_round_trips() {
    float[] v = {1.0f, -2.5f, 0.0023064255f, Float.MIN_VALUE};
    String b64 = OpenAiEmbeddingsCodec.toBase64(v);
    ByteBuffer expected = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
    for (float f : v) expected.putFloat(f);
    assertThat(Base64.getDecoder().decode(b64)).isEqualTo(expected.array());
    assertThat(Base64.getDecoder().decode(OpenAiEmbeddingsCodec.toBase64(new float[] {1.0f})))
        .containsExactly(0x00, 0x00, (byte) 0x80, 0x3f); // 1.0f = 0x3f800000, little-endian
    assertThat(OpenAiEmbeddingsCodec.fromBase64(b64)).containsExactly(v);

    JsonNode body = OpenAiGolden.tree(OpenAiEmbeddingsCodec.encodeResponse(
        new Embeddings.Response("m", List.of(v), new Usage(3L, null, null, null, null, null)), "m", true));
    assertThat(body.at("/data/0/embedding").textValue()).isEqualTo(b64);
    // An upstream answering in base64 is read the same way.
    assertThat(OpenAiEmbeddingsCodec.decodeResponse(OpenAiGolden.utf8(body.toString())).vectors().get(0)).containsExactly(v);
  }
}

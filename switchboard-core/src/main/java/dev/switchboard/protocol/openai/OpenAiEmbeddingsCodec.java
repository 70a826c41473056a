package dev.switchboard.protocol.openai;

import static dev.switchboard.protocol.openai.OpenAiJson.integer;
import static dev.switchboard.protocol.openai.OpenAiJson.text;
import static dev.switchboard.protocol.openai.OpenAiJson.wrongType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.switchboard.error.ErrorKey;
import dev.switchboard.error.GatewayError;
import dev.switchboard.error.GatewayException;
import dev.switchboard.model.Embeddings;
import dev.switchboard.protocol.json.CompactNodes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** The OpenAI embeddings wire, both directions (client-facing and OpenAI-compatible upstreams). */
public final class OpenAiEmbeddingsCodec {
  /** Client bodies are read whole: trailing content is malformed JSON, not ignored. */
  private static final ObjectReader WHOLE_BODY = CompactNodes.wholeBodyReader(OpenAiJson.MAPPER);

  private OpenAiEmbeddingsCodec() {}

  public static Embeddings.Request decodeRequest(byte[] body) {
    JsonNode root;
    try {
      root = WHOLE_BODY.readTree(body);
    } catch (IOException e) {
      throw new GatewayException(GatewayError.of(ErrorKey.INVALID_JSON, "The request body is not valid JSON"));
    }
    if (root == null || !root.isObject()) {
      throw new GatewayException(GatewayError.of(ErrorKey.INVALID_JSON, "The request body must be a JSON object"));
    }
    String model = text(root, "model", "model", true);
    JsonNode in = root.get("input");
    if (in == null || in.isNull()) throw GatewayException.invalid("input", "'input' is required");
    List<String> inputs = new ArrayList<>();
    if (in.isTextual()) inputs.add(in.textValue());
    else if (in.isArray()) {
      for (int i = 0; i < in.size(); i++) {
        JsonNode s = in.get(i);
        if (!s.isTextual()) throw wrongType("input[" + i + "]", "a string (token arrays are not supported)", s);
        inputs.add(s.textValue());
      }
    } else throw wrongType("input", "a string or an array of strings", in);
    if (inputs.isEmpty()) throw GatewayException.invalid("input", "'input' must not be empty");
    if (inputs.size() > 2048) throw GatewayException.invalid("input", "'input' may hold at most 2048 items");
    String format = text(root, "encoding_format", "encoding_format", false);
    if (format != null && !format.equals("float") && !format.equals("base64")) {
      throw GatewayException.invalid("encoding_format", "'encoding_format' must be 'float' or 'base64'");
    }
    Integer dims = integer(root, "dimensions", "dimensions");
    if (dims != null && dims < 1) throw GatewayException.invalid("dimensions", "'dimensions' must be at least 1");
    return new Embeddings.Request(model, inputs, dims, format, text(root, "user", "user", false));
  }

  /** Upstream body: always asks for floats; base64 for the client is produced here. */
  public static byte[] encodeRequest(Embeddings.Request r, String upstreamModel) {
    return OpenAiJson.write(256, g -> {
      g.writeStartObject();
      g.writeStringField("model", upstreamModel);
      g.writeArrayFieldStart("input");
      for (String s : r.input()) g.writeString(s);
      g.writeEndArray();
      if (r.dimensions() != null) g.writeNumberField("dimensions", r.dimensions());
      g.writeStringField("encoding_format", "float");
      if (r.user() != null) g.writeStringField("user", r.user());
      g.writeEndObject();
    });
  }

  public static Embeddings.Response decodeResponse(byte[] body) {
    try {
      JsonNode root = OpenAiJson.MAPPER.readTree(body);
      JsonNode data = root.path("data");
      float[][] vectors = new float[data.size()][];
      for (int i = 0; i < data.size(); i++) {
        JsonNode item = data.get(i);
        int index = item.path("index").asInt(i);
        JsonNode emb = item.path("embedding");
        float[] v;
        if (emb.isTextual()) v = fromBase64(emb.textValue());
        else {
          v = new float[emb.size()];
          for (int j = 0; j < v.length; j++) v[j] = (float) emb.get(j).doubleValue();
        }
        vectors[index < vectors.length ? index : i] = v;
      }
      return new Embeddings.Response(OpenAiResponseDecoder.textOrNull(root.get("model")), List.of(vectors),
          OpenAiUsage.decode(root.get("usage")));
    } catch (IOException e) {
      throw new UncheckedIOException("upstream answered with invalid JSON", e);
    }
  }

  public static byte[] encodeResponse(Embeddings.Response r, String model, boolean base64) {
    return OpenAiJson.write(64 + r.vectors().size() * 4096, g -> {
      g.writeStartObject();
      g.writeStringField("object", "list");
      g.writeArrayFieldStart("data");
      for (int i = 0; i < r.vectors().size(); i++) {
        float[] v = r.vectors().get(i);
        g.writeStartObject();
        g.writeStringField("object", "embedding");
        g.writeNumberField("index", i);
        g.writeFieldName("embedding");
        if (base64) g.writeString(toBase64(v));
        else {
          g.writeStartArray();
          for (float f : v) g.writeNumber(f);
          g.writeEndArray();
        }
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeStringField("model", model);
      long prompt = r.usage() == null || r.usage().inputTokens() == null ? 0 : r.usage().inputTokens();
      g.writeObjectFieldStart("usage");
      g.writeNumberField("prompt_tokens", prompt);
      g.writeNumberField("total_tokens", prompt);
      g.writeEndObject();
      g.writeEndObject();
    });
  }

  /** OpenAI's base64 format: little-endian float32 values. */
  static String toBase64(float[] v) {
    ByteBuffer buf = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (float f : v) buf.putFloat(f);
    return Base64.getEncoder().encodeToString(buf.array());
  }

  static float[] fromBase64(String s) {
    ByteBuffer buf = ByteBuffer.wrap(Base64.getDecoder().decode(s)).order(ByteOrder.LITTLE_ENDIAN);
    float[] v = new float[buf.remaining() / 4];
    for (int i = 0; i < v.length; i++) v[i] = buf.getFloat();
    return v;
  }
}

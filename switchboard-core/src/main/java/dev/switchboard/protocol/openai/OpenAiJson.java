package dev.switchboard.protocol.openai;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.switchboard.error.GatewayException;
import dev.switchboard.protocol.json.CompactNodes;
import dev.switchboard.protocol.json.FieldReader;
import dev.switchboard.protocol.json.JsonBytes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** Shared Jackson objects and typed field readers that report the offending field by its path. */
public final class OpenAiJson {
  public static final JsonFactory FACTORY = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(200).build()).build();
  public static final ObjectMapper MAPPER = CompactNodes.mapper(FACTORY);

  private OpenAiJson() {}

  /** Writes JSON through a generator into a byte array; the generator API avoids building a tree on the hot path. */
  public interface Writer extends JsonBytes.Writer {}

  public static byte[] write(int sizeHint, Writer writer) {
    return JsonBytes.write(FACTORY, sizeHint, writer);
  }

  /**
   * {@code prefix}, the JSON the writer writes (one root value), then {@code suffix}, in one array: a frame whose
   * fixed parts are serialized once per stream.
   */
  static byte[] writeBetween(byte[] prefix, int sizeHint, Writer writer, byte[] suffix) {
    return JsonBytes.write(FACTORY, prefix, sizeHint, writer, suffix);
  }

  public static String writeString(Writer writer) {
    java.io.StringWriter out = new java.io.StringWriter(256);
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      writer.write(g);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /**
   * The value the parser is at as a tree when it is an object, else null (skipped). Every chunk of most streams carries
   * {@code "logprobs": null}; reading that through the mapper would cost a deserialization context per chunk.
   */
  static JsonNode treeIfObject(JsonParser p, JsonToken value) throws IOException {
    if (value != JsonToken.START_OBJECT) {
      p.skipChildren();
      return null;
    }
    return p.readValueAsTree();
  }

  /** The value the parser is at as a tree; scalars are made directly, without the mapper's per-call context. */
  static JsonNode valueTree(JsonParser p, JsonToken value) throws IOException {
    return switch (value) {
      case VALUE_STRING -> TextNode.valueOf(p.getText());
      case VALUE_NULL -> NullNode.getInstance();
      case VALUE_TRUE -> BooleanNode.TRUE;
      case VALUE_FALSE -> BooleanNode.FALSE;
      default -> p.readValueAsTree();
    };
  }

  /**
   * Writes kept fields into the object being generated. Most are strings (system_fingerprint, service_tier) and are
   * written directly: the mapper builds a serializer context per call.
   */
  static void writeFields(JsonGenerator g, Map<String, JsonNode> fields) throws IOException {
    for (Map.Entry<String, JsonNode> e : fields.entrySet()) {
      g.writeFieldName(e.getKey());
      if (e.getValue().isTextual()) g.writeString(e.getValue().textValue());
      else MAPPER.writeTree(g, e.getValue());
    }
  }

  /** One field of an object being read by a streaming decoder: its name and the token of its value. */
  interface FieldVisitor { void field(String name, JsonToken value) throws IOException; }

  /** Hands each field of the object the parser is in to {@code reader}, which must consume the field's value. */
  static void readFields(JsonParser p, FieldVisitor reader) throws IOException {
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      reader.field(name, p.nextToken());
    }
  }

  /** Reads the value at the current token as an object with {@code reader}, or skips it when it is not one. */
  static void readObject(JsonParser p, JsonToken value,
      FieldVisitor reader) throws IOException {
    if (value == JsonToken.START_OBJECT) readFields(p, reader);
    else p.skipChildren();
  }

  /** For {@code choices}: only the first element counts (n=1), read with {@code reader} when it is an object. */
  static void readFirstObject(JsonParser p, JsonToken value,
      FieldVisitor reader) throws IOException {
    if (value != JsonToken.START_ARRAY) {
      p.skipChildren();
      return;
    }
    boolean first = true;
    for (JsonToken t = p.nextToken(); t != null && t != JsonToken.END_ARRAY; t = p.nextToken()) {
      if (first && t == JsonToken.START_OBJECT) readFields(p, reader);
      else p.skipChildren();
      first = false;
    }
  }

  /**
   * For streaming decoders: the string at the parser's current token, or null (after skipping the value, whatever
   * its shape) when it is anything else, as {@code textOrNull} on a tree node.
   */
  static String textOrSkip(JsonParser p, JsonToken value)
      throws IOException {
    if (value == JsonToken.VALUE_STRING) return p.getText();
    p.skipChildren();
    return null;
  }

  private static final FieldReader F = FieldReader.QUOTED;

  public static String text(JsonNode parent, String field, String path, boolean required) {
    return F.text(parent, field, path, required);
  }

  static Double number(JsonNode parent, String field, String path) { return F.number(parent, field, path); }

  public static Integer integer(JsonNode parent, String field, String path) { return F.integer(parent, field, path, false); }

  static Long longValue(JsonNode parent, String field, String path) { return F.longValue(parent, field, path); }

  static Boolean bool(JsonNode parent, String field, String path) { return F.bool(parent, field, path); }

  static JsonNode object(JsonNode parent, String field, String path, boolean required) {
    return F.object(parent, field, path, required);
  }

  static JsonNode array(JsonNode parent, String field, String path, boolean required) {
    return F.array(parent, field, path, required);
  }

  static String textAt(JsonNode parent, String field, String pathPrefix, String pathSuffix, boolean required) {
    return F.textAt(parent, field, pathPrefix, pathSuffix, required);
  }

  static Boolean boolAt(JsonNode parent, String field, String pathPrefix, String pathSuffix) {
    return F.boolAt(parent, field, pathPrefix, pathSuffix);
  }

  static JsonNode objectAt(JsonNode parent, String field, String pathPrefix, String pathSuffix, boolean required) {
    return F.objectAt(parent, field, pathPrefix, pathSuffix, required);
  }

  static JsonNode arrayAt(JsonNode parent, String field, String pathPrefix, String pathSuffix, boolean required) {
    return F.arrayAt(parent, field, pathPrefix, pathSuffix, required);
  }

  public static GatewayException wrongType(String path, String expected, JsonNode actual) {
    return F.wrongType(path, expected, actual);
  }
}

package dev.switchboard.protocol.responses;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import dev.switchboard.error.GatewayException;
import dev.switchboard.protocol.openai.OpenAiJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The Responses wire shares OpenAI's Jackson objects; typed readers here name the offending field by its path. */
final class Json {
  static final ObjectMapper MAPPER = OpenAiJson.MAPPER;

  private Json() {}

  interface Writer { void write(JsonGenerator g) throws IOException; }

  static byte[] write(int sizeHint, Writer writer) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(sizeHint);
    try (JsonGenerator g = OpenAiJson.FACTORY.createGenerator(out)) {
      writer.write(g);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static String text(JsonNode parent, String field, String path, boolean required) {
    JsonNode n = parent.get(field);
    if (n == null || n.isNull()) {
      if (required) throw GatewayException.invalid(path, "'" + path + "' is required");
      return null;
    }
    if (!n.isTextual()) throw wrongType(path, "a string", n);
    return n.textValue();
  }

  static Double number(JsonNode parent, String field, String path) {
    JsonNode n = parent.get(field);
    if (n == null || n.isNull()) return null;
    if (!n.isNumber()) throw wrongType(path, "a number", n);
    return n.doubleValue();
  }

  static Integer integer(JsonNode parent, String field, String path) {
    JsonNode n = parent.get(field);
    if (n == null || n.isNull()) return null;
    if (!n.isIntegralNumber() || !n.canConvertToInt()) throw wrongType(path, "an integer", n);
    return n.intValue();
  }

  static Boolean bool(JsonNode parent, String field, String path) {
    JsonNode n = parent.get(field);
    if (n == null || n.isNull()) return null;
    if (!n.isBoolean()) throw wrongType(path, "a boolean", n);
    return n.booleanValue();
  }

  static JsonNode object(JsonNode parent, String field, String path) {
    JsonNode n = parent.get(field);
    if (n == null || n.isNull()) return null;
    if (!n.isObject()) throw wrongType(path, "an object", n);
    return n;
  }

  static JsonNode array(JsonNode parent, String field, String path) {
    JsonNode n = parent.get(field);
    if (n == null || n.isNull()) return null;
    if (!n.isArray()) throw wrongType(path, "an array", n);
    return n;
  }

  static GatewayException wrongType(String path, String expected, JsonNode actual) {
    return GatewayException.invalid(path, "'" + path + "' must be " + expected + ", got " + describe(actual.getNodeType()));
  }

  static Long longOrNull(JsonNode n) { return n != null && n.isNumber() ? n.longValue() : null; }

  static String textOrNull(JsonNode n) { return n != null && n.isTextual() ? n.textValue() : null; }

  private static String describe(JsonNodeType t) {
    return switch (t) {
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case ARRAY -> "an array";
      case OBJECT, POJO -> "an object";
      case NULL, MISSING -> "null";
      case BINARY -> "binary";
    };
  }
}

package dev.switchboard.protocol.openai;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import dev.switchboard.error.GatewayException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Shared Jackson objects and typed field readers that report the offending field by its path. */
public final class OpenAiJson {
  public static final JsonFactory FACTORY = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(200).build()).build();
  public static final ObjectMapper MAPPER = new ObjectMapper(FACTORY);

  private OpenAiJson() {}

  /** Writes JSON through a generator into a byte array; the generator API avoids building a tree on the hot path. */
  public interface Writer { void write(JsonGenerator g) throws IOException; }

  public static byte[] write(int sizeHint, Writer writer) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(sizeHint);
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      writer.write(g);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
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

  public static String text(JsonNode parent, String field, String path, boolean required) {
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

  public static Integer integer(JsonNode parent, String field, String path) {
    JsonNode n = parent.get(field);
    if (n == null || n.isNull()) return null;
    if (!n.isIntegralNumber() || !n.canConvertToInt()) throw wrongType(path, "an integer", n);
    return n.intValue();
  }

  static Long longValue(JsonNode parent, String field, String path) {
    JsonNode n = parent.get(field);
    if (n == null || n.isNull()) return null;
    if (!n.isIntegralNumber() || !n.canConvertToLong()) throw wrongType(path, "an integer", n);
    return n.longValue();
  }

  static Boolean bool(JsonNode parent, String field, String path) {
    JsonNode n = parent.get(field);
    if (n == null || n.isNull()) return null;
    if (!n.isBoolean()) throw wrongType(path, "a boolean", n);
    return n.booleanValue();
  }

  static JsonNode object(JsonNode parent, String field, String path, boolean required) {
    JsonNode n = parent.get(field);
    if (n == null || n.isNull()) {
      if (required) throw GatewayException.invalid(path, "'" + path + "' is required");
      return null;
    }
    if (!n.isObject()) throw wrongType(path, "an object", n);
    return n;
  }

  static JsonNode array(JsonNode parent, String field, String path, boolean required) {
    JsonNode n = parent.get(field);
    if (n == null || n.isNull()) {
      if (required) throw GatewayException.invalid(path, "'" + path + "' is required");
      return null;
    }
    if (!n.isArray()) throw wrongType(path, "an array", n);
    return n;
  }

  public static GatewayException wrongType(String path, String expected, JsonNode actual) {
    return GatewayException.invalid(path, "'" + path + "' must be " + expected + ", got " + describe(actual.getNodeType()));
  }

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

package dev.switchboard.protocol.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.error.GatewayException;

/**
 * Typed readers for request fields, shared by every inbound codec. Each failure is a 400 naming the field by its
 * path; the wording follows the wire ({@link #QUOTED} for OpenAI-style messages, {@link #DOTTED} for Anthropic's).
 */
public final class FieldReader {
  /** {@code 'messages[0].role' is required}, {@code 'temperature' must be a number, got a string}. */
  public static final FieldReader QUOTED = new FieldReader(true);
  /** {@code messages.0.role: Field required}, {@code temperature: must be a number, got a string}. */
  public static final FieldReader DOTTED = new FieldReader(false);

  private final boolean quoted;

  private FieldReader(boolean quoted) { this.quoted = quoted; }

  public String text(JsonNode parent, String field, String path, boolean required) {
    JsonNode n = present(parent, field, path, required);
    if (n == null) return null;
    if (!n.isTextual()) throw wrongType(path, "a string", n);
    return n.textValue();
  }

  public Double number(JsonNode parent, String field, String path) {
    JsonNode n = present(parent, field, path, false);
    if (n == null) return null;
    if (!n.isNumber()) throw wrongType(path, "a number", n);
    return n.doubleValue();
  }

  public Integer integer(JsonNode parent, String field, String path, boolean required) {
    JsonNode n = present(parent, field, path, required);
    if (n == null) return null;
    if (!n.isIntegralNumber() || !n.canConvertToInt()) throw wrongType(path, "an integer", n);
    return n.intValue();
  }

  public Long longValue(JsonNode parent, String field, String path) {
    JsonNode n = present(parent, field, path, false);
    if (n == null) return null;
    if (!n.isIntegralNumber() || !n.canConvertToLong()) throw wrongType(path, "an integer", n);
    return n.longValue();
  }

  public Boolean bool(JsonNode parent, String field, String path) {
    JsonNode n = present(parent, field, path, false);
    if (n == null) return null;
    if (!n.isBoolean()) throw wrongType(path, "a boolean", n);
    return n.booleanValue();
  }

  public JsonNode object(JsonNode parent, String field, String path, boolean required) {
    JsonNode n = present(parent, field, path, required);
    if (n != null && !n.isObject()) throw wrongType(path, "an object", n);
    return n;
  }

  public JsonNode array(JsonNode parent, String field, String path, boolean required) {
    JsonNode n = present(parent, field, path, required);
    if (n != null && !n.isArray()) throw wrongType(path, "an array", n);
    return n;
  }

  /*
   * The *At readers take a field's path in two parts, joined only when an error names it: decoding a conversation
   * of 40 messages built ~200 path strings that no valid request needs (27% of what decoding it allocated,
   * docs/benchmarks.md).
   */

  /** {@link #text} of {@code field}, whose path is {@code pathPrefix + pathSuffix}. */
  public String textAt(JsonNode parent, String field, String pathPrefix, String pathSuffix, boolean required) {
    JsonNode n = parent.get(field);
    if (n != null && n.isTextual()) return n.textValue();
    if ((n == null || n.isNull()) && !required) return null;
    return text(parent, field, pathPrefix + pathSuffix, required);
  }

  /** {@link #bool} of {@code field}, whose path is {@code pathPrefix + pathSuffix}. */
  public Boolean boolAt(JsonNode parent, String field, String pathPrefix, String pathSuffix) {
    JsonNode n = parent.get(field);
    if (n == null || n.isNull()) return null;
    if (n.isBoolean()) return n.booleanValue();
    return bool(parent, field, pathPrefix + pathSuffix);
  }

  /** {@link #object} of {@code field}, whose path is {@code pathPrefix + pathSuffix}. */
  public JsonNode objectAt(JsonNode parent, String field, String pathPrefix, String pathSuffix, boolean required) {
    JsonNode n = parent.get(field);
    if (n != null && n.isObject()) return n;
    if ((n == null || n.isNull()) && !required) return null;
    return object(parent, field, pathPrefix + pathSuffix, required);
  }

  /** {@link #array} of {@code field}, whose path is {@code pathPrefix + pathSuffix}. */
  public JsonNode arrayAt(JsonNode parent, String field, String pathPrefix, String pathSuffix, boolean required) {
    JsonNode n = parent.get(field);
    if (n != null && n.isArray()) return n;
    if ((n == null || n.isNull()) && !required) return null;
    return array(parent, field, pathPrefix + pathSuffix, required);
  }

  public GatewayException missing(String path) {
    return GatewayException.invalid(path, quoted ? "'" + path + "' is required" : path + ": Field required");
  }

  public GatewayException invalid(String path, String problem) {
    return GatewayException.invalid(path, quoted ? "'" + path + "' " + problem : path + ": " + problem);
  }

  public GatewayException wrongType(String path, String expected, JsonNode actual) {
    return invalid(path, "must be " + expected + ", got " + describe(actual));
  }

  /** The node, or null when absent or JSON null (then a required field fails). */
  private JsonNode present(JsonNode parent, String field, String path, boolean required) {
    JsonNode n = parent.get(field);
    if (n == null || n.isNull()) {
      if (required) throw missing(path);
      return null;
    }
    return n;
  }

  private static String describe(JsonNode n) {
    return switch (n.getNodeType()) {
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

package dev.switchboard.protocol.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.error.GatewayException;

/** Typed readers for inbound request fields; every failure names the field by its path (Anthropic's dotted style). */
final class Fields {
  private Fields() {}

  static String text(JsonNode parent, String field, String path, boolean required) {
    JsonNode n = parent.get(field);
    if (n == null || n.isNull()) {
      if (required) throw missing(path);
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

  static Integer integer(JsonNode parent, String field, String path, boolean required) {
    JsonNode n = parent.get(field);
    if (n == null || n.isNull()) {
      if (required) throw missing(path);
      return null;
    }
    if (!n.isIntegralNumber() || !n.canConvertToInt()) throw wrongType(path, "an integer", n);
    return n.intValue();
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
      if (required) throw missing(path);
      return null;
    }
    if (!n.isObject()) throw wrongType(path, "an object", n);
    return n;
  }

  static JsonNode array(JsonNode parent, String field, String path, boolean required) {
    JsonNode n = parent.get(field);
    if (n == null || n.isNull()) {
      if (required) throw missing(path);
      return null;
    }
    if (!n.isArray()) throw wrongType(path, "an array", n);
    return n;
  }

  static GatewayException missing(String path) {
    return GatewayException.invalid(path, path + ": Field required");
  }

  static GatewayException invalid(String path, String problem) {
    return GatewayException.invalid(path, path + ": " + problem);
  }

  static GatewayException wrongType(String path, String expected, JsonNode actual) {
    return invalid(path, "must be " + expected + ", got " + describe(actual));
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

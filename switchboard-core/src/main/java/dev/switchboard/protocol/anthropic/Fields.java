package dev.switchboard.protocol.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.error.GatewayException;
import dev.switchboard.protocol.json.FieldReader;

/** Typed readers for inbound request fields; every failure names the field by its path (Anthropic's dotted style). */
final class Fields {
  private static final FieldReader F = FieldReader.DOTTED;

  private Fields() {}

  static String text(JsonNode parent, String field, String path, boolean required) {
    return F.text(parent, field, path, required);
  }

  static Double number(JsonNode parent, String field, String path) { return F.number(parent, field, path); }

  static Integer integer(JsonNode parent, String field, String path, boolean required) {
    return F.integer(parent, field, path, required);
  }

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

  static GatewayException missing(String path) { return F.missing(path); }

  static GatewayException invalid(String path, String problem) { return F.invalid(path, problem); }

  static GatewayException wrongType(String path, String expected, JsonNode actual) {
    return F.wrongType(path, expected, actual);
  }
}

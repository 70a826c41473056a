package dev.switchboard.protocol.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.error.GatewayException;
import dev.switchboard.protocol.json.FieldReader;
import dev.switchboard.protocol.json.JsonBytes;
import dev.switchboard.protocol.openai.OpenAiJson;

/** The Responses wire shares OpenAI's Jackson objects; typed readers here name the offending field by its path. */
final class Json {
  static final ObjectMapper MAPPER = OpenAiJson.MAPPER;

  private Json() {}

  interface Writer extends JsonBytes.Writer {}

  static byte[] write(int sizeHint, Writer writer) {
    return JsonBytes.write(OpenAiJson.FACTORY, sizeHint, writer);
  }

  private static final FieldReader F = FieldReader.QUOTED;

  static String text(JsonNode parent, String field, String path, boolean required) {
    return F.text(parent, field, path, required);
  }

  static Double number(JsonNode parent, String field, String path) { return F.number(parent, field, path); }

  static Integer integer(JsonNode parent, String field, String path) { return F.integer(parent, field, path, false); }

  static Boolean bool(JsonNode parent, String field, String path) { return F.bool(parent, field, path); }

  static JsonNode object(JsonNode parent, String field, String path) { return F.object(parent, field, path, false); }

  static JsonNode array(JsonNode parent, String field, String path) { return F.array(parent, field, path, false); }

  static GatewayException wrongType(String path, String expected, JsonNode actual) {
    return F.wrongType(path, expected, actual);
  }

  static Long longOrNull(JsonNode n) { return n != null && n.isNumber() ? n.longValue() : null; }

  static String textOrNull(JsonNode n) { return n != null && n.isTextual() ? n.textValue() : null; }

}

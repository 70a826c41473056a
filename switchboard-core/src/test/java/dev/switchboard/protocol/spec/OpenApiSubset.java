package dev.switchboard.protocol.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A small structural checker against a subset of OpenAI's official OpenAPI schemas (a YAML test resource copied
 * from ../shared/specs/openai-openapi.yaml): required fields, JSON types, nullability, enums, $ref, allOf,
 * anyOf/oneOf, items. Enough to catch a missing or mistyped field in our output; not a full JSON Schema validator.
 */
public final class OpenApiSubset {
  private final JsonNode schemas;

  /** @param resource a classpath YAML file with {@code components.schemas} */
  public OpenApiSubset(String resource) {
    try (InputStream in = OpenApiSubset.class.getResourceAsStream(resource)) {
      if (in == null) throw new IllegalArgumentException("no resource " + resource);
      schemas = new ObjectMapper(new YAMLFactory()).readTree(in).path("components").path("schemas");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public JsonNode schema(String name) {
    JsonNode s = schemas.get(name);
    if (s == null) throw new IllegalArgumentException("no schema " + name);
    return s;
  }

  /** Violations of {@code value} against the named component schema; empty when it conforms. */
  public List<String> violations(String schemaName, JsonNode value) {
    List<String> out = new ArrayList<>();
    check(schema(schemaName), value, "$", out);
    return out;
  }

  private void check(JsonNode schema, JsonNode value, String path, List<String> out) {
    JsonNode ref = schema.get("$ref");
    if (ref != null) {
      String name = ref.textValue().substring(ref.textValue().lastIndexOf('/') + 1);
      check(schema(name), value, path, out);
      return;
    }
    JsonNode all = schema.get("allOf");
    if (all != null) {
      for (JsonNode part : all) check(part, value, path, out);
      return;
    }
    JsonNode alternatives = schema.has("anyOf") ? schema.get("anyOf") : schema.get("oneOf");
    if (alternatives != null) {
      for (JsonNode alt : alternatives) {
        List<String> attempt = new ArrayList<>();
        check(alt, value, path, attempt);
        if (attempt.isEmpty()) return;
      }
      out.add(path + ": matches none of the alternatives");
      return;
    }
    boolean nullable = schema.path("nullable").asBoolean(false);
    if (value.isNull()) {
      if (!nullable && !"null".equals(schema.path("type").asText())) out.add(path + ": is null but not nullable");
      return;
    }
    String type = schema.path("type").asText("");
    boolean typeOk = switch (type) {
      case "object" -> value.isObject();
      case "array" -> value.isArray();
      case "string" -> value.isTextual();
      case "integer" -> value.isIntegralNumber();
      case "number" -> value.isNumber();
      case "boolean" -> value.isBoolean();
      case "null" -> false;
      default -> true;
    };
    if (!typeOk) {
      out.add(path + ": expected " + type + ", got " + value.getNodeType());
      return;
    }
    JsonNode en = schema.get("enum");
    if (en != null) {
      boolean found = false;
      for (JsonNode e : en) found |= e.equals(value);
      if (!found) out.add(path + ": " + value + " is not one of " + en);
    }
    for (JsonNode req : schema.path("required")) {
      if (!value.has(req.textValue())) out.add(path + ": missing required '" + req.textValue() + "'");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> p = it.next();
      JsonNode v = value.get(p.getKey());
      if (v != null) check(p.getValue(), v, path + "." + p.getKey(), out);
    }
    JsonNode items = schema.get("items");
    if (items != null && value.isArray()) {
      for (int i = 0; i < value.size(); i++) check(items, value.get(i), path + "[" + i + "]", out);
    }
  }
}

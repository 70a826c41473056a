package dev.switchboard.protocol.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.protocol.spec.OpenApiSubset;
import java.util.List;

/** Our output checked against OpenAI's official schemas (/golden/openai/openapi-subset.yaml). */
final class OpenApiShape {
  private static final OpenApiSubset SPEC = new OpenApiSubset("/golden/openai/openapi-subset.yaml");

  private OpenApiShape() {}

  static JsonNode schema(String name) { return SPEC.schema(name); }

  static List<String> violations(String schemaName, JsonNode value) { return SPEC.violations(schemaName, value); }
}

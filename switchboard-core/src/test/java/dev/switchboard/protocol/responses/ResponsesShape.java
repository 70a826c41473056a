package dev.switchboard.protocol.responses;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.protocol.spec.OpenApiSubset;
import java.util.List;

/** Our output checked against OpenAI's official schemas (/golden/responses/openapi-subset.yaml). */
final class ResponsesShape {
  private static final OpenApiSubset SPEC = new OpenApiSubset("/golden/responses/openapi-subset.yaml");

  private ResponsesShape() {}

  static JsonNode schema(String name) { return SPEC.schema(name); }

  static List<String> violations(String schemaName, JsonNode value) { return SPEC.violations(schemaName, value); }
}

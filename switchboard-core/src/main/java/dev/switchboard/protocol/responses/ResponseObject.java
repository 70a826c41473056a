package dev.switchboard.protocol.responses;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.error.ErrorKey;
import dev.switchboard.error.GatewayError;
import dev.switchboard.model.ChatRequest;
import dev.switchboard.model.FinishReason;
import dev.switchboard.model.Usage;
import java.io.IOException;
import java.util.List;

/**
 * Writes the Response object: the answer's own fields (id, status, output, usage) plus the request settings the
 * object echoes back (instructions, tools, tool_choice, sampling, metadata...), read from the client's body.
 */
final class ResponseObject {
  private ResponseObject() {}

  /** Everything about the answer; {@code output} items are complete JSON items. */
  record State(String id, String model, long createdAt, String status, FinishReason finish, GatewayError error,
               List<ObjectNode> output, Usage usage) {}

  /**
   * The Response's error when the upstream's answer itself ended in an error (a chat finish_reason "error", Gemini's
   * MALFORMED_FUNCTION_CALL...): the answer carries no message of its own, so the client gets this one.
   */
  static final GatewayError STOPPED_WITH_ERROR =
      GatewayError.of(ErrorKey.UPSTREAM_ERROR, "The upstream model stopped with an error");

  static String status(FinishReason finish) {
    if (finish == FinishReason.ERROR) return "failed";
    return finish == FinishReason.LENGTH || finish == FinishReason.CONTENT_FILTER ? "incomplete" : "completed";
  }

  /** The error a Response with this finish reports: only an upstream error finish has one. */
  static GatewayError error(FinishReason finish) { return finish == FinishReason.ERROR ? STOPPED_WITH_ERROR : null; }

  static String responseId(String upstreamId) {
    if (upstreamId == null || upstreamId.isEmpty()) {
      return "resp_" + Long.toHexString(System.nanoTime()) + Long.toHexString(Double.doubleToLongBits(Math.random()));
    }
    return upstreamId.startsWith("resp_") ? upstreamId : "resp_" + upstreamId;
  }

  static void write(JsonGenerator g, State s, ChatRequest request) throws IOException {
    JsonNode body = request.inbound() != null ? request.inbound().body() : Json.MAPPER.createObjectNode();
    g.writeStartObject();
    g.writeStringField("id", s.id());
    g.writeStringField("object", "response");
    g.writeNumberField("created_at", s.createdAt());
    g.writeStringField("status", s.status());
    if ("completed".equals(s.status()) || "incomplete".equals(s.status())) {
      g.writeNumberField("completed_at", System.currentTimeMillis() / 1000);
    }
    g.writeBooleanField("background", false);
    if (s.error() != null) {
      g.writeObjectFieldStart("error");
      g.writeStringField("code", s.error().key() == ErrorKey.RATE_LIMITED ? "rate_limit_exceeded" : "server_error");
      g.writeStringField("message", s.error().message());
      g.writeEndObject();
    } else {
      g.writeNullField("error");
    }
    if ("incomplete".equals(s.status())) {
      g.writeObjectFieldStart("incomplete_details");
      g.writeStringField("reason", s.finish() == FinishReason.CONTENT_FILTER ? "content_filter" : "max_output_tokens");
      g.writeEndObject();
    } else {
      g.writeNullField("incomplete_details");
    }
    echo(g, body, "instructions");
    echo(g, body, "max_output_tokens");
    g.writeStringField("model", s.model());
    g.writeArrayFieldStart("output");
    for (ObjectNode item : s.output()) g.writeTree(item);
    g.writeEndArray();
    JsonNode parallel = body.get("parallel_tool_calls");
    g.writeBooleanField("parallel_tool_calls", parallel == null || !parallel.isBoolean() || parallel.booleanValue());
    g.writeNullField("previous_response_id");
    echo(g, body, "reasoning");
    // The gateway keeps no responses: nothing is stored, whatever the client asked.
    g.writeBooleanField("store", false);
    echo(g, body, "temperature");
    if (body.get("text") instanceof ObjectNode text && text.get("format") != null) {
      g.writeFieldName("text");
      g.writeTree(text);
    } else {
      g.writeObjectFieldStart("text");
      g.writeObjectFieldStart("format");
      g.writeStringField("type", "text");
      g.writeEndObject();
      g.writeEndObject();
    }
    JsonNode toolChoice = body.get("tool_choice");
    if (toolChoice == null || toolChoice.isNull()) g.writeStringField("tool_choice", "auto");
    else {
      g.writeFieldName("tool_choice");
      g.writeTree(toolChoice);
    }
    tools(g, body.get("tools"));
    echo(g, body, "top_p");
    g.writeStringField("truncation", "disabled");
    if (s.usage() != null) ResponsesUsage.write(g, s.usage()); // the schema has no null usage: absent until known
    JsonNode user = body.get("user");
    if (user != null && user.isTextual()) g.writeStringField("user", user.textValue());
    JsonNode metadata = body.get("metadata");
    g.writeFieldName("metadata");
    if (metadata != null && metadata.isObject()) g.writeTree(metadata); else { g.writeStartObject(); g.writeEndObject(); }
    g.writeEndObject();
  }

  /** The client's value, or null when it sent none. */
  private static void echo(JsonGenerator g, JsonNode body, String field) throws IOException {
    JsonNode v = body.get(field);
    g.writeFieldName(field);
    if (v != null && !v.isNull()) g.writeTree(v); else g.writeNull();
  }

  /** Function tools as the Response object shows them: strict and parameters are always present. */
  private static void tools(JsonGenerator g, JsonNode tools) throws IOException {
    g.writeArrayFieldStart("tools");
    if (tools != null && tools.isArray()) {
      for (JsonNode t : tools) {
        if (t instanceof ObjectNode o && "function".equals(o.path("type").asText())
            && (!o.has("strict") || !o.has("parameters"))) {
          ObjectNode copy = o.deepCopy();
          if (!copy.has("strict")) copy.putNull("strict");
          if (!copy.has("parameters")) copy.putNull("parameters");
          g.writeTree(copy);
        } else {
          g.writeTree(t);
        }
      }
    }
    g.writeEndArray();
  }
}

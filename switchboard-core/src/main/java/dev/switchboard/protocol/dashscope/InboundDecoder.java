package dev.switchboard.protocol.dashscope;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.error.ErrorKey;
import dev.switchboard.error.GatewayError;
import dev.switchboard.error.GatewayException;
import dev.switchboard.model.ChatRequest;
import dev.switchboard.model.ContentBlock;
import dev.switchboard.model.Inbound;
import dev.switchboard.model.Message;
import dev.switchboard.model.Reasoning;
import dev.switchboard.model.ResponseFormat;
import dev.switchboard.model.Role;
import dev.switchboard.model.Sampling;
import dev.switchboard.model.ToolChoice;
import dev.switchboard.model.ToolDef;
import dev.switchboard.protocol.json.CompactNodes;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A text-generation request as a DashScope client sends it ({@code model}, {@code input.prompt} or
 * {@code input.messages}, {@code parameters}) -> canonical request. The parsed body is kept as {@link Inbound} for
 * pass-through to DashScope upstreams; what only DashScope can carry (web search, partial-mode prefixes, audio or
 * video parts) is noted in {@link Inbound#untranslatable()}. Sampling hints no other wire has
 * ({@code repetition_penalty}) travel only on a pass-through.
 */
final class InboundDecoder {
  /** Client bodies are read whole: trailing content is malformed JSON, not ignored. */
  private static final ObjectReader WHOLE_BODY = CompactNodes.wholeBodyReader(DsJson.MAPPER);

  private InboundDecoder() {}

  private static final class Notes {
    String first;

    void note(String what) { if (first == null) first = what; }
  }

  static ChatRequest decode(byte[] body, boolean sseHeader) {
    ObjectNode root = parse(body);
    Notes notes = new Notes();
    JsonNode modelNode = root.get("model");
    if (modelNode == null || modelNode.isNull()) throw invalid("model", "Required parameter \"model\" missing from request.");
    if (!modelNode.isTextual() || modelNode.asText().isBlank()) throw invalid("model", "must be a non-empty string");
    String model = modelNode.asText();

    JsonNode input = root.get("input");
    if (input == null || input.isNull()) throw invalid("input", "Required input parameter missing from request.");
    if (!input.isObject()) throw invalid("input", "must be an object");
    JsonNode params = root.path("parameters");
    if (!params.isMissingNode() && !params.isNull() && !params.isObject()) throw invalid("parameters", "must be an object");

    List<Message> messages = messages(input, notes);
    List<ToolDef> tools = tools(params.get("tools"));
    ToolChoice toolChoice = toolChoice(params.get("tool_choice"));
    Sampling sampling = new Sampling(dbl(params, "temperature"), dbl(params, "top_p"), integer(params, "top_k"),
        dbl(params, "presence_penalty"), dbl(params, "frequency_penalty"), lng(params, "seed"));
    Integer maxTokens = integer(params, "max_tokens");
    if (maxTokens != null && maxTokens < 1) throw invalid("parameters.max_tokens", "must be greater than or equal to 1");
    // Some HTTP callers put the flag at the top level, as OpenAI-style bodies do.
    boolean stream = sseHeader || bool(params, "stream", false) || root.path("stream").asBoolean(false);
    if (bool(params, "enable_search", false)) notes.note("parameters.enable_search");
    return new ChatRequest(model, messages, tools, toolChoice, boolOrNull(params, "parallel_tool_calls"),
        responseFormat(params.get("response_format")), sampling, maxTokens, stop(params.get("stop")), stream, true,
        reasoning(params), null, null, new Inbound(DashScopeClientCodec.WIRE, root, null, notes.first));
  }

  private static ObjectNode parse(byte[] body) {
    JsonNode root;
    try {
      root = WHOLE_BODY.readTree(body);
    } catch (IOException e) {
      throw new GatewayException(GatewayError.of(ErrorKey.INVALID_JSON, "The request body is not valid JSON"));
    }
    if (root == null || !root.isObject()) throw invalid("body", "must be a JSON object");
    return (ObjectNode) root;
  }

  // ---- input ---------------------------------------------------------------------------------------------------

  /** {@code messages} wins over {@code prompt} (DashScope's own precedence); a prompt is one user turn. */
  private static List<Message> messages(JsonNode input, Notes notes) {
    JsonNode list = input.get("messages");
    if (list != null && !list.isNull()) {
      if (!list.isArray()) throw invalid("input.messages", "must be an array");
      if (list.isEmpty()) throw invalid("input.messages", "must not be empty");
      List<Message> out = new ArrayList<>(list.size());
      for (int i = 0; i < list.size(); i++) out.add(message(list.get(i), "input.messages." + i, notes));
      return out;
    }
    JsonNode prompt = input.get("prompt");
    if (prompt == null || prompt.isNull()) throw invalid("input", "either input.messages or input.prompt is required");
    if (!prompt.isTextual()) throw invalid("input.prompt", "must be a string");
    List<Message> out = new ArrayList<>(2);
    JsonNode system = input.get("system"); // not documented for generation but accepted by some model families
    if (system != null && system.isTextual()) out.add(Message.text(Role.SYSTEM, system.asText()));
    out.add(Message.text(Role.USER, prompt.asText()));
    return out;
  }

  private static Message message(JsonNode m, String path, Notes notes) {
    if (!m.isObject()) throw invalid(path, "must be an object");
    JsonNode roleNode = m.get("role");
    if (roleNode == null || !roleNode.isTextual()) throw invalid(path + ".role", "is required");
    Role role = switch (roleNode.asText()) {
      case "system" -> Role.SYSTEM;
      case "user" -> Role.USER;
      case "assistant" -> Role.ASSISTANT;
      case "tool" -> Role.TOOL;
      default -> throw invalid(path + ".role", "must be one of system, user, assistant, tool");
    };
    if (m.path("partial").asBoolean(false)) notes.note(path + ".partial");
    List<ContentBlock> blocks = new ArrayList<>(2);
    if (role == Role.ASSISTANT) {
      String reasoning = DsJson.str(m, "reasoning_content");
      if (reasoning != null && !reasoning.isEmpty()) blocks.add(new ContentBlock.Thinking(reasoning, null));
    }
    List<ContentBlock> content = content(m.get("content"), path + ".content", notes);
    if (role == Role.TOOL) {
      String id = DsJson.str(m, "tool_call_id");
      if (id == null) throw invalid(path + ".tool_call_id", "is required for tool messages");
      return new Message(role, List.of(new ContentBlock.ToolResult(id, DsJson.str(m, "name"), content, false)), null);
    }
    blocks.addAll(content);
    if (role == Role.ASSISTANT) toolCalls(m.get("tool_calls"), path + ".tool_calls", blocks);
    return new Message(role, blocks, role == Role.TOOL ? null : DsJson.str(m, "name"));
  }

  /** A string, or a list of parts ({@code {"text"}}, {@code {"image"}}; the OpenAI-style typed parts too). */
  private static List<ContentBlock> content(JsonNode c, String path, Notes notes) {
    if (c == null || c.isNull()) return List.of();
    if (c.isTextual()) return c.asText().isEmpty() ? List.of() : List.of(new ContentBlock.Text(c.asText()));
    if (!c.isArray()) throw invalid(path, "must be a string or an array of parts");
    List<ContentBlock> out = new ArrayList<>(c.size());
    for (int i = 0; i < c.size(); i++) {
      JsonNode part = c.get(i);
      String p = path + "." + i;
      if (!part.isObject()) throw invalid(p, "must be an object");
      if (part.hasNonNull("text")) {
        out.add(new ContentBlock.Text(part.get("text").asText()));
      } else if (part.hasNonNull("image")) {
        out.add(ContentBlock.Image.ofUrl(part.get("image").asText(), null));
      } else if (part.path("image_url").hasNonNull("url")) {
        out.add(ContentBlock.Image.ofUrl(part.path("image_url").get("url").asText(), DsJson.str(part.get("image_url"), "detail")));
      } else {
        notes.note(p);
        out.add(new ContentBlock.Unknown(part));
      }
    }
    return out;
  }

  private static void toolCalls(JsonNode calls, String path, List<ContentBlock> out) {
    if (calls == null || calls.isNull()) return;
    if (!calls.isArray()) throw invalid(path, "must be an array");
    for (int i = 0; i < calls.size(); i++) {
      JsonNode call = calls.get(i);
      JsonNode fn = call.path("function");
      String name = DsJson.str(fn, "name");
      if (name == null) throw invalid(path + "." + i + ".function.name", "is required");
      JsonNode args = fn.get("arguments");
      String argText = args == null || args.isNull() ? "{}" : args.isTextual() ? args.asText() : DsJson.text(args);
      String id = DsJson.str(call, "id");
      out.add(new ContentBlock.ToolUse(id == null ? "call_" + i : id, name, argText));
    }
  }

  // ---- parameters ----------------------------------------------------------------------------------------------

  private static List<ToolDef> tools(JsonNode tools) {
    if (tools == null || tools.isNull()) return null;
    if (!tools.isArray()) throw invalid("parameters.tools", "must be an array");
    List<ToolDef> out = new ArrayList<>(tools.size());
    for (int i = 0; i < tools.size(); i++) {
      JsonNode fn = tools.get(i).path("function");
      String name = DsJson.str(fn, "name");
      if (name == null || name.isBlank()) throw invalid("parameters.tools." + i + ".function.name", "is required");
      JsonNode schema = fn.get("parameters");
      out.add(new ToolDef(name, DsJson.str(fn, "description"), schema == null || schema.isNull() ? null : schema,
          fn.has("strict") ? fn.get("strict").asBoolean() : null));
    }
    return out;
  }

  private static ToolChoice toolChoice(JsonNode c) {
    if (c == null || c.isNull()) return null;
    if (c.isTextual()) {
      return switch (c.asText()) {
        case "auto" -> ToolChoice.AUTO;
        case "none" -> ToolChoice.NONE;
        case "required" -> ToolChoice.REQUIRED;
        default -> throw invalid("parameters.tool_choice", "must be \"auto\", \"none\" or {\"type\":\"function\",...}");
      };
    }
    String name = DsJson.str(c.path("function"), "name");
    if (name == null) throw invalid("parameters.tool_choice.function.name", "is required");
    return ToolChoice.named(name);
  }

  private static ResponseFormat responseFormat(JsonNode f) {
    if (f == null || f.isNull()) return null;
    String type = DsJson.str(f, "type");
    if (type == null) throw invalid("parameters.response_format.type", "is required");
    return switch (type) {
      case "text" -> null;
      case "json_object" -> ResponseFormat.JSON_OBJECT;
      case "json_schema" -> {
        JsonNode js = f.path("json_schema");
        JsonNode schema = js.get("schema");
        if (schema == null || !schema.isObject()) throw invalid("parameters.response_format.json_schema.schema", "is required");
        yield new ResponseFormat(ResponseFormat.Type.JSON_SCHEMA, DsJson.str(js, "name"), schema,
            js.has("strict") ? js.get("strict").asBoolean() : null);
      }
      default -> throw invalid("parameters.response_format.type", "must be one of text, json_object, json_schema");
    };
  }

  /** Token-id stop lists only mean something to DashScope's own tokenizer, so they are refused. */
  private static List<String> stop(JsonNode s) {
    if (s == null || s.isNull()) return null;
    if (s.isTextual()) return List.of(s.asText());
    if (!s.isArray()) throw invalid("parameters.stop", "must be a string or an array of strings");
    List<String> out = new ArrayList<>(s.size());
    for (int i = 0; i < s.size(); i++) {
      if (!s.get(i).isTextual()) throw invalid("parameters.stop." + i, "must be a string (token-id stop sequences are not supported)");
      out.add(s.get(i).asText());
    }
    return out;
  }

  /**
   * enable_thinking (+ thinking_budget) -> a reasoning request; off or absent -> none. A budget also gets the
   * nearest OpenAI-style effort (as the Anthropic front door does), so wires that only take an effort keep it.
   */
  private static Reasoning reasoning(JsonNode params) {
    if (!bool(params, "enable_thinking", false)) return null;
    Integer budget = integer(params, "thinking_budget");
    if (budget == null) return new Reasoning("medium", null);
    return new Reasoning(budget < 4096 ? "low" : budget < 16384 ? "medium" : "high", budget);
  }

  // ---- typed field access --------------------------------------------------------------------------------------

  private static Double dbl(JsonNode p, String f) {
    JsonNode v = p.get(f);
    if (v == null || v.isNull()) return null;
    if (!v.isNumber()) throw invalid("parameters." + f, "must be a number");
    return v.doubleValue();
  }

  private static Integer integer(JsonNode p, String f) {
    JsonNode v = p.get(f);
    if (v == null || v.isNull()) return null;
    if (!v.isIntegralNumber() || !v.canConvertToInt()) throw invalid("parameters." + f, "must be an integer");
    return v.intValue();
  }

  private static Long lng(JsonNode p, String f) {
    JsonNode v = p.get(f);
    if (v == null || v.isNull()) return null;
    if (!v.isIntegralNumber()) throw invalid("parameters." + f, "must be an integer");
    return v.longValue();
  }

  private static boolean bool(JsonNode p, String f, boolean dflt) {
    Boolean b = boolOrNull(p, f);
    return b == null ? dflt : b;
  }

  private static Boolean boolOrNull(JsonNode p, String f) {
    JsonNode v = p.get(f);
    if (v == null || v.isNull()) return null;
    if (!v.isBoolean()) throw invalid("parameters." + f, "must be a boolean");
    return v.booleanValue();
  }

  static GatewayException invalid(String field, String message) {
    return GatewayException.invalid(field, field.equals("body") || message.startsWith("Required") ? message : field + ": " + message);
  }
}

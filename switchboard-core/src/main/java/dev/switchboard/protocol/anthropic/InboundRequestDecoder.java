package dev.switchboard.protocol.anthropic;

import static dev.switchboard.protocol.anthropic.Fields.array;
import static dev.switchboard.protocol.anthropic.Fields.bool;
import static dev.switchboard.protocol.anthropic.Fields.boolAt;
import static dev.switchboard.protocol.anthropic.Fields.integer;
import static dev.switchboard.protocol.anthropic.Fields.invalid;
import static dev.switchboard.protocol.anthropic.Fields.number;
import static dev.switchboard.protocol.anthropic.Fields.object;
import static dev.switchboard.protocol.anthropic.Fields.objectAt;
import static dev.switchboard.protocol.anthropic.Fields.text;
import static dev.switchboard.protocol.anthropic.Fields.textAt;
import static dev.switchboard.protocol.anthropic.Fields.wrongType;

import com.fasterxml.jackson.core.JsonProcessingException;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A Messages request as an Anthropic client sends it -> canonical request, validating as Anthropic does and naming
 * the field on every error. The parsed body is kept as {@link Inbound} for same-wire pass-through. Whatever only
 * Anthropic can carry (documents, server tools, file sources...) is kept as {@link ContentBlock.Unknown} and noted
 * in {@link Inbound#untranslatable()}, so routing can refuse other wires with a clear 400 instead of dropping it.
 */
final class InboundRequestDecoder {
  /** Client bodies are read whole: trailing content is malformed JSON, not ignored. */
  private static final ObjectReader WHOLE_BODY = CompactNodes.wholeBodyReader(AnthropicCodec.MAPPER);
  /**
   * Top-level fields that only an Anthropic upstream understands. Not {@code context_management}: Claude Code sends
   * it on every request (context editing, a server-side trim); another wire loses nothing the model needs without
   * it, and an Anthropic upstream still gets the body as sent.
   */
  private static final List<String> ANTHROPIC_ONLY_FIELDS = List.of("mcp_servers", "container");
  /** Anthropic's minimum thinking budget. */
  static final int MIN_THINKING_BUDGET = 1024;

  private InboundRequestDecoder() {}

  /** First field found that only Anthropic can carry. */
  private static final class Notes {
    String first;

    void note(String what) { if (first == null) first = what; }
  }

  static ChatRequest decode(byte[] body, boolean countTokens) {
    ObjectNode root = parse(body);
    Notes notes = new Notes();
    String model = text(root, "model", "model", true);
    if (model.isBlank()) throw invalid("model", "must not be empty");
    Integer maxTokens = integer(root, "max_tokens", "max_tokens", !countTokens);
    if (maxTokens != null && maxTokens < 1) throw invalid("max_tokens", "must be greater than or equal to 1");

    List<Message> messages = new ArrayList<>();
    system(root.get("system"), messages);
    JsonNode arr = array(root, "messages", "messages", true);
    if (arr.isEmpty()) throw invalid("messages", "at least one message is required");
    conversation(arr, messages, notes);

    List<ToolDef> tools = tools(root, notes);
    Boolean parallel = null;
    ToolChoice toolChoice = null;
    JsonNode tc = object(root, "tool_choice", "tool_choice", false);
    if (tc != null) {
      String type = text(tc, "type", "tool_choice.type", true);
      toolChoice = switch (type) {
        case "auto" -> ToolChoice.AUTO;
        case "any" -> ToolChoice.REQUIRED;
        case "none" -> ToolChoice.NONE;
        case "tool" -> ToolChoice.named(text(tc, "name", "tool_choice.name", true));
        default -> throw invalid("tool_choice.type", "must be one of 'auto', 'any', 'tool', 'none'; got '" + type + "'");
      };
      Boolean disable = bool(tc, "disable_parallel_tool_use", "tool_choice.disable_parallel_tool_use");
      if (disable != null) parallel = !disable;
    }

    Sampling sampling = new Sampling(number(root, "temperature", "temperature"), number(root, "top_p", "top_p"),
        integer(root, "top_k", "top_k", false), null, null, null);
    if (sampling.temperature() != null && (sampling.temperature() < 0 || sampling.temperature() > 1)) {
      throw invalid("temperature", "must be between 0 and 1");
    }
    JsonNode metadata = object(root, "metadata", "metadata", false);
    String user = metadata == null ? null : text(metadata, "user_id", "metadata.user_id", false);
    boolean stream = Boolean.TRUE.equals(bool(root, "stream", "stream"));
    for (String field : ANTHROPIC_ONLY_FIELDS) if (root.has(field)) notes.note(field);

    // Anthropic streams always report usage, so the canonical request always asks for it.
    return new ChatRequest(model, messages, tools, toolChoice, parallel, outputFormat(root), sampling, maxTokens,
        stopSequences(root), stream, true, reasoning(root), user, null,
        new Inbound(AnthropicClientCodec.WIRE, root, Map.of(), notes.first));
  }

  private static ObjectNode parse(byte[] body) {
    JsonNode root;
    try {
      root = WHOLE_BODY.readTree(body);
    } catch (JsonProcessingException e) {
      var loc = e.getLocation();
      throw new GatewayException(GatewayError.of(ErrorKey.INVALID_JSON, "The request body is not valid JSON: "
          + e.getOriginalMessage() + (loc == null ? "" : " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")")));
    } catch (IOException e) {
      throw new GatewayException(GatewayError.of(ErrorKey.INVALID_JSON, "The request body could not be read"));
    }
    if (!(root instanceof ObjectNode o)) {
      throw new GatewayException(GatewayError.of(ErrorKey.INVALID_JSON, "The request body must be a JSON object"));
    }
    return o;
  }

  private static void system(JsonNode system, List<Message> out) {
    if (system == null || system.isNull()) return;
    if (system.isTextual()) {
      if (!system.textValue().isEmpty()) out.add(Message.text(Role.SYSTEM, system.textValue()));
      return;
    }
    if (!system.isArray()) throw wrongType("system", "a string or an array of text blocks", system);
    // One canonical system message per block, so encoders that take system blocks keep them apart.
    for (int i = 0; i < system.size(); i++) {
      String path = "system." + i;
      JsonNode b = system.get(i);
      if (!b.isObject()) throw wrongType(path, "an object", b);
      String type = textAt(b, "type", path, ".type", true);
      if (!type.equals("text")) throw invalid(path + ".type", "system blocks must be of type 'text'; got '" + type + "'");
      out.add(Message.text(Role.SYSTEM, textAt(b, "text", path, ".text", true)));
    }
  }

  /**
   * Messages in order. Rules Anthropic enforces: roles are user or assistant; every message but a final assistant
   * one (a prefill) has content; each tool_result answers a tool_use of the message right before it, and each
   * tool_use of an assistant message is answered in the next message. Consecutive same-role messages are allowed
   * (Anthropic merges them into one turn). A user message's tool_result blocks become canonical TOOL messages.
   */
  private static void conversation(JsonNode arr, List<Message> out, Notes notes) {
    Map<String, String> openToolUses = Map.of();
    int openAt = -1;
    for (int i = 0; i < arr.size(); i++) {
      String path = "messages." + i;
      JsonNode m = arr.get(i);
      if (!m.isObject()) throw wrongType(path, "an object", m);
      String role = textAt(m, "role", path, ".role", true);
      boolean last = i == arr.size() - 1;
      JsonNode content = m.get("content");
      if (content == null || content.isNull()) throw Fields.missing(path + ".content");
      boolean emptyContent = content.isTextual() ? content.textValue().isEmpty() : content.isArray() && content.isEmpty();
      if (emptyContent && !(last && role.equals("assistant"))) {
        throw invalid(path + ".content", "all messages must have non-empty content except for the optional final assistant message");
      }
      if (!content.isTextual() && !content.isArray()) throw wrongType(path + ".content", "a string or an array of content blocks", content);
      switch (role) {
        case "user" -> {
          Map<String, String> answered = user(content, path, openToolUses, out, notes);
          if (!openToolUses.isEmpty()) requireAnswered(openToolUses, answered, openAt);
          openToolUses = Map.of();
        }
        case "assistant" -> {
          if (!openToolUses.isEmpty()) requireAnswered(openToolUses, Map.of(), openAt);
          openToolUses = assistant(content, path, out, notes);
          openAt = i;
        }
        default -> throw invalid(path + ".role", "must be 'user' or 'assistant'; got '" + role
            + "' (the system prompt goes in the top-level 'system' field)");
      }
    }
  }

  private static void requireAnswered(Map<String, String> toolUses, Map<String, String> answered, int at) {
    for (String id : toolUses.keySet()) {
      if (!answered.containsKey(id)) {
        throw invalid("messages." + at, "`tool_use` ids were found without `tool_result` blocks immediately after: "
            + id + ". Each `tool_use` block must have a corresponding `tool_result` block in the next message.");
      }
    }
  }

  /** @return the tool_use ids this message answered */
  private static Map<String, String> user(JsonNode content, String path, Map<String, String> toolUses,
                                          List<Message> out, Notes notes) {
    if (content.isTextual()) {
      out.add(Message.text(Role.USER, content.textValue()));
      return Map.of();
    }
    Map<String, String> answered = new HashMap<>();
    List<ContentBlock> userBlocks = new ArrayList<>();
    List<ContentBlock> results = new ArrayList<>();
    for (int j = 0; j < content.size(); j++) {
      String p = path + ".content." + j;
      JsonNode b = block(content.get(j), p);
      String type = b.get("type").textValue();
      if (type.equals("tool_result")) {
        if (!userBlocks.isEmpty()) {
          out.add(new Message(Role.USER, userBlocks, null));
          userBlocks = new ArrayList<>();
        }
        ContentBlock.ToolResult tr = toolResult(b, p, toolUses, notes);
        answered.put(tr.toolUseId(), tr.name());
        results.add(tr);
        continue;
      }
      if (!results.isEmpty()) {
        out.add(new Message(Role.TOOL, results, null));
        results = new ArrayList<>();
      }
      userBlocks.add(switch (type) {
        case "text" -> new ContentBlock.Text(textAt(b, "text", p, ".text", true));
        case "image" -> image(b, p, notes);
        case "tool_use", "thinking", "redacted_thinking" ->
            throw invalid(p + ".type", "'" + type + "' blocks are only allowed in assistant messages");
        default -> anthropicOnly(b, p, type, notes);
      });
    }
    if (!results.isEmpty()) out.add(new Message(Role.TOOL, results, null));
    if (!userBlocks.isEmpty()) out.add(new Message(Role.USER, userBlocks, null));
    return answered;
  }

  /** @return the tool_use ids (-> names) this message opened */
  private static Map<String, String> assistant(JsonNode content, String path, List<Message> out, Notes notes) {
    if (content.isTextual()) {
      out.add(new Message(Role.ASSISTANT, content.textValue().isEmpty() ? List.of()
          : List.of(new ContentBlock.Text(content.textValue())), null));
      return Map.of();
    }
    Map<String, String> toolUses = new HashMap<>();
    List<ContentBlock> blocks = new ArrayList<>(content.size());
    for (int j = 0; j < content.size(); j++) {
      String p = path + ".content." + j;
      JsonNode b = block(content.get(j), p);
      String type = b.get("type").textValue();
      blocks.add(switch (type) {
        case "text" -> new ContentBlock.Text(textAt(b, "text", p, ".text", true));
        case "thinking" -> new ContentBlock.Thinking(textAt(b, "thinking", p, ".thinking", true),
            textAt(b, "signature", p, ".signature", true));
        case "redacted_thinking" -> new ContentBlock.RedactedThinking(textAt(b, "data", p, ".data", true));
        case "tool_use" -> {
          String id = textAt(b, "id", p, ".id", true);
          String name = textAt(b, "name", p, ".name", true);
          JsonNode input = objectAt(b, "input", p, ".input", true);
          toolUses.put(id, name);
          yield new ContentBlock.ToolUse(id, name, Json.text(input));
        }
        case "image", "tool_result" -> throw invalid(p + ".type", "'" + type + "' blocks are only allowed in user messages");
        default -> anthropicOnly(b, p, type, notes);
      });
    }
    out.add(new Message(Role.ASSISTANT, blocks, null));
    return toolUses;
  }

  private static JsonNode block(JsonNode b, String path) {
    if (!b.isObject()) throw wrongType(path, "an object", b);
    textAt(b, "type", path, ".type", true);
    return b;
  }

  /** Documents, search results, server tool blocks and types added later: kept whole for Anthropic upstreams. */
  private static ContentBlock anthropicOnly(JsonNode b, String path, String type, Notes notes) {
    notes.note(path + " (" + type + ")");
    return new ContentBlock.Unknown(b);
  }

  private static ContentBlock image(JsonNode b, String path, Notes notes) {
    JsonNode source = objectAt(b, "source", path, ".source", true);
    String type = textAt(source, "type", path, ".source.type", true);
    return switch (type) {
      case "base64" -> {
        String mediaType = textAt(source, "media_type", path, ".source.media_type", true);
        if (!mediaType.startsWith("image/")) {
          throw invalid(path + ".source.media_type", "must be one of image/jpeg, image/png, image/gif, image/webp; got '" + mediaType + "'");
        }
        yield ContentBlock.Image.ofBase64(mediaType, textAt(source, "data", path, ".source.data", true));
      }
      case "url" -> {
        String url = textAt(source, "url", path, ".source.url", true);
        if (!url.startsWith("https://") && !url.startsWith("http://")) throw invalid(path + ".source.url", "must be an http(s) URL");
        yield ContentBlock.Image.ofUrl(url, null);
      }
      case "file" -> anthropicOnly(b, path + ".source", "file", notes);
      default -> throw invalid(path + ".source.type", "must be 'base64', 'url' or 'file'; got '" + type + "'");
    };
  }

  private static ContentBlock.ToolResult toolResult(JsonNode b, String path, Map<String, String> toolUses, Notes notes) {
    String id = textAt(b, "tool_use_id", path, ".tool_use_id", true);
    if (!toolUses.containsKey(id)) {
      throw invalid(path, "unexpected `tool_use_id` found in `tool_result` blocks: " + id
          + ". Each `tool_result` block must have a corresponding `tool_use` block in the previous message.");
    }
    boolean isError = Boolean.TRUE.equals(boolAt(b, "is_error", path, ".is_error"));
    JsonNode c = b.get("content");
    List<ContentBlock> content = new ArrayList<>();
    if (c == null || c.isNull()) {
      // no content: the call just succeeded (or failed) without output
    } else if (c.isTextual()) {
      content.add(new ContentBlock.Text(c.textValue()));
    } else if (c.isArray()) {
      for (int k = 0; k < c.size(); k++) {
        String p = path + ".content." + k;
        JsonNode part = block(c.get(k), p);
        String type = part.get("type").textValue();
        content.add(switch (type) {
          case "text" -> new ContentBlock.Text(textAt(part, "text", p, ".text", true));
          case "image" -> image(part, p, notes);
          default -> anthropicOnly(part, p, type, notes);
        });
      }
    } else {
      throw wrongType(path + ".content", "a string or an array of content blocks", c);
    }
    // Anthropic results carry no tool name; Gemini needs it, and the matching tool_use has it.
    return new ContentBlock.ToolResult(id, toolUses.get(id), content, isError);
  }

  private static List<ToolDef> tools(JsonNode root, Notes notes) {
    JsonNode arr = array(root, "tools", "tools", false);
    if (arr == null) return List.of();
    List<ToolDef> out = new ArrayList<>(arr.size());
    for (int i = 0; i < arr.size(); i++) {
      String p = "tools." + i;
      JsonNode t = arr.get(i);
      if (!t.isObject()) throw wrongType(p, "an object", t);
      String type = textAt(t, "type", p, ".type", false);
      if (type != null && !type.equals("custom")) {
        // Server tools (web search, code execution, bash, text editor...) run at Anthropic.
        textAt(t, "name", p, ".name", true);
        notes.note(p + " (" + type + ")");
        continue;
      }
      String name = textAt(t, "name", p, ".name", true);
      if (name.isEmpty() || name.length() > 128) throw invalid(p + ".name", "must be 1 to 128 characters long");
      JsonNode schema = objectAt(t, "input_schema", p, ".input_schema", true);
      out.add(new ToolDef(name, textAt(t, "description", p, ".description", false), schema,
          boolAt(t, "strict", p, ".strict")));
    }
    return out;
  }

  private static List<String> stopSequences(JsonNode root) {
    JsonNode arr = array(root, "stop_sequences", "stop_sequences", false);
    if (arr == null) return List.of();
    List<String> out = new ArrayList<>(arr.size());
    for (int i = 0; i < arr.size(); i++) {
      JsonNode s = arr.get(i);
      if (!s.isTextual()) throw wrongType("stop_sequences." + i, "a string", s);
      out.add(s.textValue());
    }
    return out;
  }

  /**
   * Structured outputs: {@code output_config.format} (GA) or the beta {@code output_format}, both
   * {@code {"type":"json_schema","schema":{...}}}. Translated to a JSON-schema response format so other wires keep
   * it (OpenAI {@code response_format}, Gemini {@code responseJsonSchema}...) instead of dropping it.
   */
  private static ResponseFormat outputFormat(JsonNode root) {
    String path = "output_config.format";
    JsonNode config = object(root, "output_config", "output_config", false);
    JsonNode format = config == null ? null : object(config, "format", path, false);
    if (format == null) {
      path = "output_format";
      format = object(root, "output_format", path, false);
    }
    if (format == null) return null;
    String type = textAt(format, "type", path, ".type", true);
    if (!type.equals("json_schema")) throw invalid(path + ".type", "must be 'json_schema'; got '" + type + "'");
    return new ResponseFormat(ResponseFormat.Type.JSON_SCHEMA, null, objectAt(format, "schema", path, ".schema", true), null);
  }

  /** An explicit budget also gets the nearest OpenAI-style effort, so wires that only take an effort keep it. */
  private static Reasoning reasoning(JsonNode root) {
    JsonNode thinking = object(root, "thinking", "thinking", false);
    if (thinking == null) return null;
    String type = text(thinking, "type", "thinking.type", true);
    return switch (type) {
      case "disabled" -> null;
      case "enabled" -> {
        int budget = integer(thinking, "budget_tokens", "thinking.budget_tokens", true);
        if (budget < MIN_THINKING_BUDGET) {
          throw invalid("thinking.budget_tokens", "must be greater than or equal to " + MIN_THINKING_BUDGET);
        }
        yield new Reasoning(budget < 4096 ? "low" : budget < 16384 ? "medium" : "high", budget);
      }
      case "adaptive" -> {
        // Anthropic's efforts are low, medium, high (its default) and max; canonical efforts stop at high.
        JsonNode config = object(root, "output_config", "output_config", false);
        String effort = config == null ? null : text(config, "effort", "output_config.effort", false);
        if (effort == null) yield new Reasoning("high", null);
        yield new Reasoning(switch (effort) {
          case "low", "medium", "high" -> effort;
          case "max" -> "high";
          default -> throw invalid("output_config.effort", "must be 'low', 'medium', 'high' or 'max'; got '" + effort + "'");
        }, null);
      }
      default -> throw invalid("thinking.type", "must be 'enabled', 'disabled' or 'adaptive'; got '" + type + "'");
    };
  }
}

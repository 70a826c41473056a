package dev.switchboard.protocol.responses;

import static dev.switchboard.protocol.responses.Json.array;
import static dev.switchboard.protocol.responses.Json.bool;
import static dev.switchboard.protocol.responses.Json.integer;
import static dev.switchboard.protocol.responses.Json.number;
import static dev.switchboard.protocol.responses.Json.object;
import static dev.switchboard.protocol.responses.Json.text;
import static dev.switchboard.protocol.responses.Json.wrongType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code CreateResponse} body into the canonical request. What only the Responses API can do (built-in tools,
 * server-side state through previous_response_id or conversation, file inputs, item references) is not an error
 * here: it is recorded as {@link Inbound#untranslatable()} so the endpoint can keep the request to upstreams that
 * take the body as it is, and answer 400 naming the field when there are none.
 */
final class RequestDecoder {
  /** Client bodies are read whole: trailing content is malformed JSON, not ignored. */
  private static final ObjectReader WHOLE_BODY = CompactNodes.wholeBodyReader(Json.MAPPER);

  private RequestDecoder() {}

  /** Collects the decoded parts; the first field that cannot be translated wins. */
  private static final class State {
    final List<Message> messages = new ArrayList<>();
    List<ContentBlock> assistant;
    String untranslatable;

    void untranslatable(String field) { if (untranslatable == null) untranslatable = field; }

    /** Consecutive assistant items (reasoning, message, function calls) form one assistant turn, as in chat. */
    void addAssistant(ContentBlock block) {
      if (assistant == null) assistant = new ArrayList<>(4);
      assistant.add(block);
    }

    void add(Message m) {
      flush();
      messages.add(m);
    }

    void flush() {
      if (assistant != null) {
        messages.add(new Message(Role.ASSISTANT, assistant, null));
        assistant = null;
      }
    }
  }

  static ChatRequest decode(byte[] body) {
    JsonNode root;
    try {
      root = WHOLE_BODY.readTree(body);
    } catch (JsonProcessingException e) {
      throw new GatewayException(GatewayError.of(ErrorKey.INVALID_JSON,
          "The request body is not valid JSON: " + e.getOriginalMessage()));
    } catch (IOException e) {
      throw new GatewayException(GatewayError.of(ErrorKey.INVALID_JSON, "The request body could not be read"));
    }
    if (root == null || !root.isObject()) {
      throw new GatewayException(GatewayError.of(ErrorKey.INVALID_JSON, "The request body must be a JSON object"));
    }
    String model = text(root, "model", "model", true);
    if (model.isBlank()) throw GatewayException.invalid("model", "'model' must not be empty");

    State s = new State();
    String instructions = text(root, "instructions", "instructions", false);
    if (instructions != null) s.add(Message.text(Role.SYSTEM, instructions));
    JsonNode input = root.get("input");
    if (input == null || input.isNull()) throw GatewayException.invalid("input", "'input' is required");
    if (input.isTextual()) {
      s.add(Message.text(Role.USER, input.textValue()));
    } else if (input.isArray()) {
      for (int i = 0; i < input.size(); i++) item(input.get(i), "input[" + i + "]", s);
    } else {
      throw wrongType("input", "a string or an array of input items", input);
    }
    s.flush();
    if (s.messages.isEmpty()) throw GatewayException.invalid("input", "'input' must contain at least one item");

    for (String stateful : new String[] {"previous_response_id", "conversation", "prompt"}) {
      JsonNode n = root.get(stateful);
      if (n != null && !n.isNull()) s.untranslatable(stateful);
    }
    if (Boolean.TRUE.equals(bool(root, "background", "background"))) s.untranslatable("background");

    List<ToolDef> tools = tools(array(root, "tools", "tools"), s);
    ToolChoice toolChoice = toolChoice(root.get("tool_choice"), s);
    Boolean parallel = bool(root, "parallel_tool_calls", "parallel_tool_calls");
    ResponseFormat format = format(object(root, "text", "text"));
    Integer maxOutput = integer(root, "max_output_tokens", "max_output_tokens");
    if (maxOutput != null && maxOutput < 1) {
      throw GatewayException.invalid("max_output_tokens", "'max_output_tokens' must be at least 1");
    }
    Double temperature = number(root, "temperature", "temperature");
    if (temperature != null && (temperature < 0 || temperature > 2)) {
      throw GatewayException.invalid("temperature", "'temperature' must be between 0 and 2");
    }
    Double topP = number(root, "top_p", "top_p");
    if (topP != null && (topP < 0 || topP > 1)) throw GatewayException.invalid("top_p", "'top_p' must be between 0 and 1");
    Reasoning reasoning = null;
    JsonNode r = object(root, "reasoning", "reasoning");
    if (r != null) {
      String effort = text(r, "effort", "reasoning.effort", false);
      if (effort != null) reasoning = new Reasoning(effort, null);
    }
    boolean stream = Boolean.TRUE.equals(bool(root, "stream", "stream"));
    String user = text(root, "user", "user", false);
    if (user == null) user = text(root, "safety_identifier", "safety_identifier", false);
    object(root, "metadata", "metadata");

    Inbound inbound = new Inbound(ResponsesClientCodec.WIRE, (ObjectNode) root, null, s.untranslatable);
    // Usage is always asked for on a translated stream: response.completed carries it.
    return new ChatRequest(model, s.messages, tools, toolChoice, parallel, format,
        new Sampling(temperature, topP, null, null, null, null), maxOutput, null, stream, true, reasoning, user,
        logprobs(root), inbound);
  }

  /**
   * Token log probabilities, asked for with {@code include: ["message.output_text.logprobs"]} and sized by {@code
   * top_logprobs} (0-20), travel as the Chat Completions fields {@code logprobs} and {@code top_logprobs} (the
   * translated request's extras; the Gemini encoder maps them too). A {@code top_logprobs} above 0 alone asks for
   * them as well: there is no other way to return alternatives. Null when not asked for. Other include values are
   * not checked against the spec's list: newer ones must still reach an upstream serving the Responses API.
   */
  private static Map<String, JsonNode> logprobs(JsonNode root) {
    Integer top = integer(root, "top_logprobs", "top_logprobs");
    if (top != null && (top < 0 || top > 20)) {
      throw GatewayException.invalid("top_logprobs", "'top_logprobs' must be between 0 and 20");
    }
    boolean included = false;
    JsonNode include = array(root, "include", "include");
    if (include != null) {
      for (int i = 0; i < include.size(); i++) {
        JsonNode v = include.get(i);
        if (!v.isTextual()) throw wrongType("include[" + i + "]", "a string", v);
        included |= v.textValue().equals("message.output_text.logprobs");
      }
    }
    if (!included && (top == null || top == 0)) return null;
    Map<String, JsonNode> extra = new LinkedHashMap<>();
    extra.put("logprobs", BooleanNode.TRUE);
    if (top != null && top > 0) extra.put("top_logprobs", IntNode.valueOf(top));
    return extra;
  }

  private static void item(JsonNode item, String path, State s) {
    if (!item.isObject()) throw wrongType(path, "an object", item);
    String type = text(item, "type", path + ".type", false);
    if (type == null) {
      if (!item.has("role")) throw GatewayException.invalid(path + ".type", "'" + path + ".type' is required");
      type = "message";
    }
    switch (type) {
      case "message" -> message(item, path, s);
      case "function_call" -> s.addAssistant(new ContentBlock.ToolUse(text(item, "call_id", path + ".call_id", true),
          text(item, "name", path + ".name", true), text(item, "arguments", path + ".arguments", true)));
      case "function_call_output" -> {
        String callId = text(item, "call_id", path + ".call_id", true);
        List<ContentBlock> content = toolOutput(item.get("output"), path + ".output", s);
        s.add(new Message(Role.TOOL, List.of(new ContentBlock.ToolResult(callId, null, content, false)), null));
      }
      case "reasoning" -> reasoning(item, path, s);
      default -> {
        // Built-in tool calls and their outputs, item references, compaction: state only the Responses API keeps.
        s.untranslatable(path + " (" + type + ")");
        s.addAssistant(new ContentBlock.Unknown(item));
      }
    }
  }

  private static void message(JsonNode item, String path, State s) {
    String roleName = text(item, "role", path + ".role", true);
    Role role = switch (roleName) {
      case "user" -> Role.USER;
      case "assistant" -> Role.ASSISTANT;
      case "system", "developer" -> Role.SYSTEM;
      default -> throw GatewayException.invalid(path + ".role",
          "'" + path + ".role' must be one of user, assistant, system, developer; got '" + roleName + "'");
    };
    JsonNode content = item.get("content");
    String cpath = path + ".content";
    List<ContentBlock> blocks = new ArrayList<>(2);
    if (content == null || content.isNull()) throw GatewayException.invalid(cpath, "'" + cpath + "' is required");
    if (content.isTextual()) {
      blocks.add(new ContentBlock.Text(content.textValue()));
    } else if (content.isArray()) {
      for (int i = 0; i < content.size(); i++) blocks.add(part(content.get(i), cpath + "[" + i + "]", s));
    } else {
      throw wrongType(cpath, "a string or an array of content parts", content);
    }
    if (role == Role.ASSISTANT) {
      for (ContentBlock b : blocks) s.addAssistant(b);
    } else {
      s.add(new Message(role, blocks, null));
    }
  }

  private static ContentBlock part(JsonNode part, String path, State s) {
    if (!part.isObject()) throw wrongType(path, "an object", part);
    String type = text(part, "type", path + ".type", true);
    return switch (type) {
      case "input_text", "output_text", "text" -> new ContentBlock.Text(text(part, "text", path + ".text", true));
      case "refusal" -> new ContentBlock.Text(text(part, "refusal", path + ".refusal", true), true);
      case "input_image" -> {
        String url = text(part, "image_url", path + ".image_url", false);
        if (url == null) {
          s.untranslatable(path + " (input_image by file_id)");
          yield new ContentBlock.Unknown(part);
        }
        yield ContentBlock.Image.ofUrl(url, text(part, "detail", path + ".detail", false));
      }
      default -> {
        s.untranslatable(path + " (" + type + ")");
        yield new ContentBlock.Unknown(part);
      }
    };
  }

  private static List<ContentBlock> toolOutput(JsonNode output, String path, State s) {
    if (output == null || output.isNull()) throw GatewayException.invalid(path, "'" + path + "' is required");
    if (output.isTextual()) return List.of(new ContentBlock.Text(output.textValue()));
    if (!output.isArray()) throw wrongType(path, "a string or an array of content parts", output);
    List<ContentBlock> out = new ArrayList<>(output.size());
    for (int i = 0; i < output.size(); i++) out.add(part(output.get(i), path + "[" + i + "]", s));
    return out;
  }

  /**
   * A reasoning item from an earlier answer: its summary text becomes thinking, {@code encrypted_content} the
   * opaque signature (this gateway puts Anthropic's signature there), and without any text a redacted block.
   */
  private static void reasoning(JsonNode item, String path, State s) {
    StringBuilder text = new StringBuilder();
    JsonNode summary = array(item, "summary", path + ".summary");
    if (summary != null) {
      for (int i = 0; i < summary.size(); i++) {
        JsonNode p = summary.get(i);
        if (!p.isObject()) throw wrongType(path + ".summary[" + i + "]", "an object", p);
        text.append(text(p, "text", path + ".summary[" + i + "].text", true));
      }
    }
    JsonNode content = array(item, "content", path + ".content");
    if (content != null && text.isEmpty()) {
      for (int i = 0; i < content.size(); i++) {
        JsonNode p = content.get(i);
        String t = p.isObject() ? text(p, "text", path + ".content[" + i + "].text", false) : null;
        if (t != null) text.append(t);
      }
    }
    String encrypted = text(item, "encrypted_content", path + ".encrypted_content", false);
    if (!text.isEmpty()) s.addAssistant(new ContentBlock.Thinking(text.toString(), encrypted));
    else if (encrypted != null && encrypted.startsWith(Items.REDACTED)) {
      s.addAssistant(new ContentBlock.RedactedThinking(encrypted.substring(Items.REDACTED.length())));
    } else if (encrypted != null) {
      // A signature alone (Gemini's thought signature for the part after it): the canonical signed empty Thinking.
      s.addAssistant(new ContentBlock.Thinking("", encrypted));
    }
  }

  private static List<ToolDef> tools(JsonNode tools, State s) {
    if (tools == null) return List.of();
    List<ToolDef> out = new ArrayList<>(tools.size());
    for (int i = 0; i < tools.size(); i++) {
      JsonNode t = tools.get(i);
      String path = "tools[" + i + "]";
      if (!t.isObject()) throw wrongType(path, "an object", t);
      String type = text(t, "type", path + ".type", true);
      if (!"function".equals(type)) {
        // web_search, file_search, code_interpreter, mcp...: run by OpenAI itself, nothing a chat upstream can do.
        s.untranslatable(path + " (" + type + ")");
        continue;
      }
      String name = text(t, "name", path + ".name", true);
      JsonNode params = t.get("parameters");
      if (params != null && !params.isNull() && !params.isObject()) throw wrongType(path + ".parameters", "an object", params);
      out.add(new ToolDef(name, text(t, "description", path + ".description", false),
          params == null || params.isNull() ? null : params, bool(t, "strict", path + ".strict")));
    }
    return out;
  }

  private static ToolChoice toolChoice(JsonNode n, State s) {
    if (n == null || n.isNull()) return null;
    if (n.isTextual()) {
      return switch (n.textValue()) {
        case "auto" -> ToolChoice.AUTO;
        case "none" -> ToolChoice.NONE;
        case "required" -> ToolChoice.REQUIRED;
        default -> throw GatewayException.invalid("tool_choice",
            "'tool_choice' must be one of none, auto, required or an object; got '" + n.textValue() + "'");
      };
    }
    if (!n.isObject()) throw wrongType("tool_choice", "a string or an object", n);
    String type = text(n, "type", "tool_choice.type", true);
    if ("function".equals(type)) return ToolChoice.named(text(n, "name", "tool_choice.name", true));
    s.untranslatable("tool_choice (" + type + ")");
    return null;
  }

  private static ResponseFormat format(JsonNode text) {
    if (text == null) return null;
    JsonNode f = object(text, "format", "text.format");
    if (f == null) return null;
    String type = Json.text(f, "type", "text.format.type", true);
    return switch (type) {
      case "text" -> null;
      case "json_object" -> ResponseFormat.JSON_OBJECT;
      case "json_schema" -> {
        String name = Json.text(f, "name", "text.format.name", true);
        JsonNode schema = object(f, "schema", "text.format.schema");
        if (schema == null) throw GatewayException.invalid("text.format.schema", "'text.format.schema' is required");
        yield new ResponseFormat(ResponseFormat.Type.JSON_SCHEMA, name, schema, bool(f, "strict", "text.format.strict"));
      }
      default -> throw GatewayException.invalid("text.format.type",
          "'text.format.type' must be one of text, json_object, json_schema; got '" + type + "'");
    };
  }
}

package dev.switchboard.protocol.openai;

import static dev.switchboard.protocol.openai.OpenAiJson.array;
import static dev.switchboard.protocol.openai.OpenAiJson.arrayAt;
import static dev.switchboard.protocol.openai.OpenAiJson.bool;
import static dev.switchboard.protocol.openai.OpenAiJson.boolAt;
import static dev.switchboard.protocol.openai.OpenAiJson.integer;
import static dev.switchboard.protocol.openai.OpenAiJson.longValue;
import static dev.switchboard.protocol.openai.OpenAiJson.number;
import static dev.switchboard.protocol.openai.OpenAiJson.object;
import static dev.switchboard.protocol.openai.OpenAiJson.objectAt;
import static dev.switchboard.protocol.openai.OpenAiJson.text;
import static dev.switchboard.protocol.openai.OpenAiJson.textAt;
import static dev.switchboard.protocol.openai.OpenAiJson.wrongType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.switchboard.error.ErrorKey;
import dev.switchboard.error.GatewayError;
import dev.switchboard.error.GatewayException;
import dev.switchboard.model.ChatRequest;
import dev.switchboard.model.ContentBlock;
import dev.switchboard.model.Message;
import dev.switchboard.model.Reasoning;
import dev.switchboard.model.ResponseFormat;
import dev.switchboard.model.Role;
import dev.switchboard.model.Sampling;
import dev.switchboard.model.ToolChoice;
import dev.switchboard.model.ToolDef;
import dev.switchboard.model.WireExtras;
import dev.switchboard.protocol.json.CompactNodes;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Chat Completions request body (as a client sends it) into the canonical request, validating as it goes. */
final class OpenAiRequestDecoder {
  /** Client bodies are read whole: trailing content is malformed JSON, not ignored. */
  private static final ObjectReader WHOLE_BODY = CompactNodes.wholeBodyReader(OpenAiJson.MAPPER);
  /** Fields with a canonical slot; everything else goes to {@link ChatRequest#extra()} for same-wire pass-through. */
  private static final Set<String> KNOWN = Set.of("model", "messages", "tools", "tool_choice", "parallel_tool_calls",
      "response_format", "temperature", "top_p", "top_k", "presence_penalty", "frequency_penalty", "seed", "max_tokens",
      "max_completion_tokens", "stop", "stream", "stream_options", "n", "reasoning_effort", "user", "functions",
      "function_call");

  private OpenAiRequestDecoder() {}

  static ChatRequest decode(byte[] body) {
    JsonNode root;
    try {
      root = WHOLE_BODY.readTree(body);
    } catch (JsonProcessingException e) {
      throw new GatewayException(GatewayError.of(ErrorKey.INVALID_JSON,
          "The request body is not valid JSON: " + e.getOriginalMessage() + locationOf(e)));
    } catch (IOException e) {
      throw new GatewayException(GatewayError.of(ErrorKey.INVALID_JSON, "The request body could not be read"));
    }
    if (root == null || !root.isObject()) {
      throw new GatewayException(GatewayError.of(ErrorKey.INVALID_JSON, "The request body must be a JSON object"));
    }
    String model = text(root, "model", "model", true);
    if (model.isBlank()) throw GatewayException.invalid("model", "'model' must not be empty");
    List<Message> messages = messages(array(root, "messages", "messages", true));
    if (messages.isEmpty()) throw GatewayException.invalid("messages", "'messages' must contain at least one message");

    Integer n = integer(root, "n", "n");
    if (n != null && n != 1) throw GatewayException.invalid("n", "'n' must be 1: the gateway returns one choice per request");
    String maxField = "max_completion_tokens";
    Integer maxTokens = integer(root, maxField, maxField);
    Integer legacyMax = integer(root, "max_tokens", "max_tokens");
    if (maxTokens == null) {
      maxField = "max_tokens";
      maxTokens = legacyMax;
    }
    if (maxTokens != null && maxTokens < 1) {
      throw GatewayException.invalid(maxField, "'" + maxField + "' must be at least 1");
    }

    boolean stream = Boolean.TRUE.equals(bool(root, "stream", "stream"));
    JsonNode streamOptions = object(root, "stream_options", "stream_options", false);
    boolean includeUsage = streamOptions != null
        && Boolean.TRUE.equals(bool(streamOptions, "include_usage", "stream_options.include_usage"));

    Sampling sampling = new Sampling(number(root, "temperature", "temperature"), number(root, "top_p", "top_p"),
        integer(root, "top_k", "top_k"), number(root, "presence_penalty", "presence_penalty"),
        number(root, "frequency_penalty", "frequency_penalty"), longValue(root, "seed", "seed"));
    String effort = text(root, "reasoning_effort", "reasoning_effort", false);
    checkLogprobs(root);

    List<ToolDef> tools = tools(root);
    JsonNode choiceNode = root.get("tool_choice");
    ToolChoice toolChoice = toolChoice(choiceNode);
    if (choiceNode != null && "allowed_tools".equals(choiceNode.path("type").textValue())) {
      tools = allowedTools(choiceNode.get("allowed_tools"), tools);
    }

    return new ChatRequest(model, messages, tools, toolChoice,
        bool(root, "parallel_tool_calls", "parallel_tool_calls"), responseFormat(root), sampling, maxTokens,
        stop(root.get("stop")), stream, includeUsage, effort == null ? null : new Reasoning(effort, null),
        text(root, "user", "user", false), extra(root));
  }

  /**
   * {@code logprobs} and {@code top_logprobs} travel to OpenAI-wire upstreams as the client sent them (extra fields);
   * checked here so that a wrong value is the gateway's 400 naming the field, as OpenAI itself answers it.
   */
  private static void checkLogprobs(JsonNode root) {
    boolean logprobs = Boolean.TRUE.equals(bool(root, "logprobs", "logprobs"));
    Integer top = integer(root, "top_logprobs", "top_logprobs");
    if (top == null) return;
    if (top < 0 || top > 20) throw GatewayException.invalid("top_logprobs", "'top_logprobs' must be between 0 and 20");
    if (!logprobs) {
      throw GatewayException.invalid("top_logprobs", "'top_logprobs' needs 'logprobs' set to true");
    }
  }

  private static String locationOf(JsonProcessingException e) {
    var loc = e.getLocation();
    return loc == null ? "" : " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")";
  }

  private static List<Message> messages(JsonNode arr) {
    List<Message> out = new ArrayList<>(arr.size());
    for (int i = 0; i < arr.size(); i++) {
      String path = "messages[" + i + "]";
      JsonNode m = arr.get(i);
      if (!m.isObject()) throw wrongType(path, "an object", m);
      String role = textAt(m, "role", path, ".role", true);
      out.add(switch (role) {
        case "system", "developer" -> new Message(Role.SYSTEM, textContent(m, path, true, false),
            textAt(m, "name", path, ".name", false));
        case "user" -> new Message(Role.USER, userContent(m.get("content"), path + ".content"), textAt(m, "name", path, ".name", false));
        case "assistant" -> assistant(m, path);
        case "tool" -> toolResult(m, path);
        default -> throw GatewayException.invalid(path + ".role",
            "'" + path + ".role' must be one of system, developer, user, assistant, tool; got '" + role + "'");
      });
    }
    return out;
  }

  /** {@code refusals}: an assistant turn's parts may also be {@code refusal} parts (canonical refusal text). */
  private static List<ContentBlock> textContent(JsonNode m, String path, boolean required, boolean refusals) {
    JsonNode c = m.get("content");
    if (c == null || c.isNull()) {
      if (required) throw GatewayException.invalid(path + ".content", "'" + path + ".content' is required");
      return List.of();
    }
    if (c.isTextual()) return List.of(new ContentBlock.Text(c.textValue()));
    if (!c.isArray()) throw wrongType(path + ".content", "a string or an array of text parts", c);
    List<ContentBlock> blocks = new ArrayList<>(c.size());
    for (int i = 0; i < c.size(); i++) {
      String p = path + ".content[" + i + "]";
      JsonNode part = c.get(i);
      if (!part.isObject()) throw wrongType(p, "an object", part);
      String type = textAt(part, "type", p, ".type", true);
      if (type.equals("text")) {
        blocks.add(new ContentBlock.Text(textAt(part, "text", p, ".text", true)));
      } else if (refusals && type.equals("refusal")) {
        blocks.add(new ContentBlock.Text(textAt(part, "refusal", p, ".refusal", true), true));
      } else {
        throw GatewayException.invalid(p + ".type",
            "'" + p + ".type' must be " + (refusals ? "'text' or 'refusal'" : "'text'") + " here; got '" + type + "'");
      }
    }
    return blocks;
  }

  private static List<ContentBlock> userContent(JsonNode c, String path) {
    if (c == null || c.isNull()) throw GatewayException.invalid(path, "'" + path + "' is required");
    if (c.isTextual()) return List.of(new ContentBlock.Text(c.textValue()));
    if (!c.isArray()) throw wrongType(path, "a string or an array of content parts", c);
    List<ContentBlock> blocks = new ArrayList<>(c.size());
    for (int i = 0; i < c.size(); i++) {
      String p = path + "[" + i + "]";
      JsonNode part = c.get(i);
      if (!part.isObject()) throw wrongType(p, "an object", part);
      String type = textAt(part, "type", p, ".type", true);
      switch (type) {
        case "text" -> blocks.add(new ContentBlock.Text(textAt(part, "text", p, ".text", true)));
        case "image_url" -> {
          JsonNode img = part.get("image_url");
          String url;
          String detail = null;
          if (img != null && img.isTextual()) url = img.textValue();
          else {
            JsonNode o = objectAt(part, "image_url", p, ".image_url", true);
            url = textAt(o, "url", p, ".image_url.url", true);
            detail = textAt(o, "detail", p, ".image_url.detail", false);
          }
          if (!(url.startsWith("http://") || url.startsWith("https://") || url.startsWith("data:"))) {
            throw GatewayException.invalid(p + ".image_url.url", "'" + p + ".image_url.url' must be an http(s) URL or a data: URL");
          }
          ContentBlock.Image image = ContentBlock.Image.ofUrl(url, detail);
          if (url.startsWith("data:") && !image.isInline()) {
            throw GatewayException.invalid(p + ".image_url.url", "'" + p + ".image_url.url' must be a base64 data URL (data:<type>;base64,...)");
          }
          blocks.add(image);
        }
        default -> throw GatewayException.invalid(p + ".type",
            "'" + p + ".type' must be 'text' or 'image_url'; '" + type + "' is not supported by this gateway");
      }
    }
    return blocks;
  }

  private static Message assistant(JsonNode m, String path) {
    // Anthropic's signed thinking sent back (OpenRouter's convention), first: Anthropic wants a turn's thinking first.
    List<ContentBlock> blocks = new ArrayList<>(OpenAiReasoningDetails.read(m, path));
    // DeepSeek/OpenRouter style reasoning on earlier assistant turns is kept as thinking, not as text; clients send
    // the same reasoning in both fields, so it counts only when reasoning_details gave none.
    String reasoning = textAt(m, "reasoning_content", path, ".reasoning_content", false);
    if (blocks.isEmpty() && reasoning != null && !reasoning.isEmpty()) {
      blocks.add(new ContentBlock.Thinking(reasoning, null));
    }
    JsonNode c = m.get("content");
    if (c != null && !c.isNull()) blocks.addAll(textContent(m, path, false, true));
    String refusal = textAt(m, "refusal", path, ".refusal", false);
    if (refusal != null) blocks.add(new ContentBlock.Text(refusal, true));
    JsonNode calls = arrayAt(m, "tool_calls", path, ".tool_calls", false);
    if (calls != null) {
      for (int i = 0; i < calls.size(); i++) {
        String p = path + ".tool_calls[" + i + "]";
        JsonNode call = calls.get(i);
        if (!call.isObject()) throw wrongType(p, "an object", call);
        String id = textAt(call, "id", p, ".id", true);
        JsonNode fn = objectAt(call, "function", p, ".function", true);
        String name = textAt(fn, "name", p, ".function.name", true);
        String args = textAt(fn, "arguments", p, ".function.arguments", false);
        // A Gemini thought signature handed out with the call: canonical form carries it just before the call.
        String signature = OpenAiThoughtSignatures.read(call);
        if (signature != null) blocks.add(new ContentBlock.Thinking("", signature));
        blocks.add(new ContentBlock.ToolUse(id, name, args == null ? "{}" : args));
      }
    }
    return new Message(Role.ASSISTANT, blocks, textAt(m, "name", path, ".name", false), audioReference(m, path));
  }

  /**
   * {@code audio: {"id": ...}} refers back to an earlier spoken answer (audio models); without it such a turn has
   * nothing else, so it is kept for OpenAI-wire upstreams as the client sent it. Other wires have no slot for it.
   */
  private static WireExtras audioReference(JsonNode m, String path) {
    JsonNode audio = objectAt(m, "audio", path, ".audio", false);
    if (audio == null) return null;
    textAt(audio, "id", path, ".audio.id", true);
    return new WireExtras(OpenAiChatCodec.WIRE, null, Map.of("audio", audio));
  }

  private static Message toolResult(JsonNode m, String path) {
    String id = textAt(m, "tool_call_id", path, ".tool_call_id", true);
    List<ContentBlock> content = textContent(m, path, true, false);
    return new Message(Role.TOOL, List.of(new ContentBlock.ToolResult(id, null, content, false)), null);
  }

  private static List<ToolDef> tools(JsonNode root) {
    JsonNode arr = array(root, "tools", "tools", false);
    if (arr == null) return List.of();
    List<ToolDef> out = new ArrayList<>(arr.size());
    for (int i = 0; i < arr.size(); i++) {
      String p = "tools[" + i + "]";
      JsonNode t = arr.get(i);
      if (!t.isObject()) throw wrongType(p, "an object", t);
      String type = textAt(t, "type", p, ".type", false);
      if (type != null && !type.equals("function")) {
        throw GatewayException.invalid(p + ".type", "'" + p + ".type' must be 'function'; got '" + type + "'");
      }
      JsonNode fn = objectAt(t, "function", p, ".function", true);
      String name = textAt(fn, "name", p, ".function.name", true);
      if (name.isBlank()) throw GatewayException.invalid(p + ".function.name", "'" + p + ".function.name' must not be empty");
      JsonNode params = objectAt(fn, "parameters", p, ".function.parameters", false);
      out.add(new ToolDef(name, textAt(fn, "description", p, ".function.description", false), params,
          boolAt(fn, "strict", p, ".function.strict")));
    }
    return out;
  }

  private static ToolChoice toolChoice(JsonNode n) {
    if (n == null || n.isNull()) return null;
    if (n.isTextual()) {
      return switch (n.textValue()) {
        case "auto" -> ToolChoice.AUTO;
        case "none" -> ToolChoice.NONE;
        case "required" -> ToolChoice.REQUIRED;
        default -> throw GatewayException.invalid("tool_choice",
            "'tool_choice' must be 'auto', 'none', 'required' or a function object; got '" + n.textValue() + "'");
      };
    }
    if (!n.isObject()) throw wrongType("tool_choice", "a string or an object", n);
    String type = text(n, "type", "tool_choice.type", false);
    // No type is read as a function, as before the type was looked at.
    if (type == null || type.equals("function")) {
      JsonNode fn = object(n, "function", "tool_choice.function", true);
      return ToolChoice.named(text(fn, "name", "tool_choice.function.name", true));
    }
    if (!type.equals("allowed_tools")) {
      throw GatewayException.invalid("tool_choice.type", "'tool_choice.type' must be 'function' or 'allowed_tools'; '"
          + type + "' is not supported by this gateway");
    }
    JsonNode allowed = object(n, "allowed_tools", "tool_choice.allowed_tools", true);
    String mode = text(allowed, "mode", "tool_choice.allowed_tools.mode", true);
    return switch (mode) {
      case "auto" -> ToolChoice.AUTO;
      case "required" -> ToolChoice.REQUIRED;
      default -> throw GatewayException.invalid("tool_choice.allowed_tools.mode",
          "'tool_choice.allowed_tools.mode' must be 'auto' or 'required'; got '" + mode + "'");
    };
  }

  /**
   * The declared tools that {@code allowed_tools} lets the model call, in declaration order. Only those are kept, so
   * the restriction reaches every wire in the one form they all share: the tool list.
   */
  private static List<ToolDef> allowedTools(JsonNode allowed, List<ToolDef> declared) {
    String path = "tool_choice.allowed_tools.tools";
    JsonNode listed = array(allowed, "tools", path, true);
    if (listed.isEmpty()) throw GatewayException.invalid(path, "'" + path + "' must list at least one tool");
    Set<String> names = new HashSet<>();
    for (int i = 0; i < listed.size(); i++) {
      String p = path + "[" + i + "]";
      JsonNode t = listed.get(i);
      if (!t.isObject()) throw wrongType(p, "an object", t);
      String type = textAt(t, "type", p, ".type", false);
      if (type != null && !type.equals("function")) {
        throw GatewayException.invalid(p + ".type", "'" + p + ".type' must be 'function'; got '" + type + "'");
      }
      String name = textAt(objectAt(t, "function", p, ".function", true), "name", p, ".function.name", true);
      if (declared.stream().noneMatch(d -> d.name().equals(name))) {
        throw GatewayException.invalid(p + ".function.name",
            "'" + p + ".function.name' must name a function in 'tools'; got '" + name + "'");
      }
      names.add(name);
    }
    return declared.stream().filter(d -> names.contains(d.name())).toList();
  }

  private static ResponseFormat responseFormat(JsonNode root) {
    JsonNode rf = object(root, "response_format", "response_format", false);
    if (rf == null) return null;
    String type = text(rf, "type", "response_format.type", true);
    return switch (type) {
      case "text" -> null;
      case "json_object" -> ResponseFormat.JSON_OBJECT;
      case "json_schema" -> {
        JsonNode js = object(rf, "json_schema", "response_format.json_schema", true);
        String name = text(js, "name", "response_format.json_schema.name", true);
        JsonNode schema = object(js, "schema", "response_format.json_schema.schema", false);
        yield new ResponseFormat(ResponseFormat.Type.JSON_SCHEMA, name, schema,
            bool(js, "strict", "response_format.json_schema.strict"));
      }
      default -> throw GatewayException.invalid("response_format.type",
          "'response_format.type' must be 'text', 'json_object' or 'json_schema'; got '" + type + "'");
    };
  }

  private static List<String> stop(JsonNode n) {
    if (n == null || n.isNull()) return List.of();
    if (n.isTextual()) return List.of(n.textValue());
    if (!n.isArray()) throw wrongType("stop", "a string or an array of strings", n);
    if (n.size() > 4) throw GatewayException.invalid("stop", "'stop' may hold at most 4 sequences");
    List<String> out = new ArrayList<>(n.size());
    for (int i = 0; i < n.size(); i++) {
      JsonNode s = n.get(i);
      if (!s.isTextual()) throw wrongType("stop[" + i + "]", "a string", s);
      out.add(s.textValue());
    }
    return out;
  }

  private static Map<String, JsonNode> extra(JsonNode root) {
    Map<String, JsonNode> extra = null;
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (KNOWN.contains(e.getKey())) continue;
      if (extra == null) extra = new HashMap<>();
      extra.put(e.getKey(), e.getValue());
    }
    if (root.has("functions") || root.has("function_call")) {
      throw GatewayException.invalid(root.has("functions") ? "functions" : "function_call",
          "the deprecated 'functions'/'function_call' fields are not supported; use 'tools' and 'tool_choice'");
    }
    return extra;
  }
}

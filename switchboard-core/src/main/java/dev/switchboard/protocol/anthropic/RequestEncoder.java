package dev.switchboard.protocol.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.error.GatewayException;
import dev.switchboard.model.ChatRequest;
import dev.switchboard.model.ContentBlock;
import dev.switchboard.model.Message;
import dev.switchboard.model.ResponseFormat;
import dev.switchboard.model.Role;
import dev.switchboard.model.Sampling;
import dev.switchboard.model.ToolChoice;
import dev.switchboard.model.ToolDef;
import dev.switchboard.protocol.json.CompactNodes;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Canonical {@link ChatRequest} -> Anthropic Messages request body. */
final class RequestEncoder {
  static final int DEFAULT_MAX_TOKENS = 4096;
  static final String JSON_OBJECT_INSTRUCTION =
      "Reply with a single JSON object only, with no text before or after it.";
  static final String JSON_TOOL_DESCRIPTION = "Respond with a JSON object that matches this schema.";
  static final String JSON_TOOL_INSTRUCTION =
      "Give your final answer by calling the " + AnthropicCodec.JSON_TOOL_NAME + " tool.";

  private static final JsonNodeFactory F = CompactNodes.INSTANCE;
  private static final Pattern TOOL_ID = Pattern.compile("[a-zA-Z0-9_-]+");
  private static final Pattern TOOL_ID_INVALID = Pattern.compile("[^a-zA-Z0-9_-]");

  private RequestEncoder() {}

  static ObjectNode encode(ChatRequest request, String upstreamModel, Integer modelMaxOutputTokens) {
    ObjectNode root = F.objectNode();
    root.put("model", upstreamModel);

    List<String> system = new ArrayList<>();
    ArrayNode messages = messages(request.messages(), system);
    ObjectNode thinking = thinking(request);
    // Anthropic refuses thinking together with forced tool use, and (thinking on) a last assistant turn that calls
    // tools without starting with its signed thinking block, which an OpenAI client sends back only in
    // reasoning_details (OpenRouter's convention; others send reasoning_content, unsigned, or nothing): thinking is
    // left off for such a request rather than have it refused.
    ToolChoice clientChoice = request.toolChoice();
    boolean forcedByClient = clientChoice != null && !request.tools().isEmpty()
        && (clientChoice.mode() == ToolChoice.Mode.REQUIRED || clientChoice.mode() == ToolChoice.Mode.NAMED);
    if (thinking != null && (forcedByClient || unsignedToolTurn(messages))) thinking = null;
    int maxTokens = request.maxTokens() != null ? request.maxTokens()
        : modelMaxOutputTokens != null ? modelMaxOutputTokens : DEFAULT_MAX_TOKENS;
    if (thinking != null) {
      int budget = thinking.get("budget_tokens").asInt();
      // budget_tokens counts against max_tokens: keep the caller's room for the visible answer on top of it.
      if (maxTokens <= budget) maxTokens = budget + maxTokens;
      if (modelMaxOutputTokens != null && maxTokens > modelMaxOutputTokens) {
        maxTokens = modelMaxOutputTokens;
        if (budget >= maxTokens) thinking.put("budget_tokens", maxTokens - 1);
      }
    }
    root.put("max_tokens", maxTokens);

    boolean emulateJson = JsonEmulation.active(request);
    ResponseFormat format = request.responseFormat();
    if (format != null && format.type() == ResponseFormat.Type.JSON_OBJECT) system.add(JSON_OBJECT_INSTRUCTION);
    // Anthropic refuses forced tool use together with extended thinking, and forcing it would also block the
    // client's own tools: in those cases the json tool is only offered, and asked for in words.
    boolean forceJsonTool = emulateJson && thinking == null && request.tools().isEmpty();
    if (emulateJson && !forceJsonTool) system.add(JSON_TOOL_INSTRUCTION);

    if (system.size() == 1) {
      root.put("system", system.get(0));
    } else if (!system.isEmpty()) {
      ArrayNode blocks = root.putArray("system");
      for (String s : system) blocks.addObject().put("type", "text").put("text", s);
    }
    root.set("messages", messages);

    tools(request, root, emulateJson, forceJsonTool);

    ArrayNode stops = null;
    for (String stop : request.stop()) {
      if (stop.isBlank()) continue; // refused: "each stop sequence must contain non-whitespace" (OpenAI's "\n")
      if (stops == null) stops = root.putArray("stop_sequences");
      stops.add(stop);
    }
    Sampling s = request.sampling();
    if (thinking == null) {
      // OpenAI takes temperatures up to 2, Anthropic up to 1.
      if (s.temperature() != null) root.put("temperature", Math.min(1.0, s.temperature()));
      if (s.topP() != null) root.put("top_p", s.topP());
      if (s.topK() != null) root.put("top_k", s.topK());
    } else if (s.topP() != null && s.topP() >= 0.95) {
      // With thinking on Anthropic refuses temperature and top_k, and top_p below 0.95.
      root.put("top_p", s.topP());
    }
    if (thinking != null) root.set("thinking", thinking);
    if (request.user() != null) root.putObject("metadata").put("user_id", request.user());
    if (request.stream()) root.put("stream", true);
    return root;
  }

  /** Effort maps to a thinking budget; an explicit budget wins; "none" or a zero budget turns thinking off. */
  private static ObjectNode thinking(ChatRequest request) {
    var reasoning = request.reasoning();
    if (reasoning == null) return null;
    Integer budget = reasoning.budgetTokens();
    if (budget == null && reasoning.effort() != null) {
      budget = switch (reasoning.effort()) {
        case "none" -> 0;
        case "minimal", "low" -> 1024;
        case "medium" -> 4096;
        case "high" -> 16384;
        default -> throw GatewayException.invalid("reasoning_effort",
            "reasoning_effort must be one of none, minimal, low, medium, high");
      };
    }
    if (budget == null || budget <= 0) return null;
    return F.objectNode().put("type", "enabled").put("budget_tokens", budget);
  }

  private static void tools(ChatRequest request, ObjectNode root, boolean emulateJson, boolean forceJsonTool) {
    if (request.tools().isEmpty() && !emulateJson) return;
    ArrayNode tools = root.putArray("tools");
    for (ToolDef t : request.tools()) {
      ObjectNode tool = tools.addObject().put("name", t.name());
      if (t.description() != null) tool.put("description", t.description());
      tool.set("input_schema", t.parameters() != null ? t.parameters() : F.objectNode().put("type", "object"));
    }
    if (emulateJson) {
      tools.addObject()
          .put("name", AnthropicCodec.JSON_TOOL_NAME)
          .put("description", JSON_TOOL_DESCRIPTION)
          .set("input_schema", request.responseFormat().schema());
    }

    ObjectNode choice;
    if (forceJsonTool) {
      choice = F.objectNode().put("type", "tool").put("name", AnthropicCodec.JSON_TOOL_NAME);
    } else {
      ToolChoice tc = request.toolChoice();
      choice = tc == null ? null : switch (tc.mode()) {
        case AUTO -> F.objectNode().put("type", "auto");
        case REQUIRED -> F.objectNode().put("type", "any");
        case NAMED -> F.objectNode().put("type", "tool").put("name", tc.name());
        case NONE -> F.objectNode().put("type", "none");
      };
    }
    if (Boolean.FALSE.equals(request.parallelToolCalls()) && (choice == null || !"none".equals(choice.get("type").asText()))) {
      if (choice == null) choice = F.objectNode().put("type", "auto");
      choice.put("disable_parallel_tool_use", true);
    }
    if (choice != null) root.set("tool_choice", choice);
  }

  /** Messages in wire order; system texts go to {@code system}; consecutive same-role turns are merged. */
  private static ArrayNode messages(List<Message> in, List<String> system) {
    ArrayNode out = F.arrayNode();
    String lastRole = null;
    ArrayNode lastContent = null;
    for (int i = 0; i < in.size(); i++) {
      Message m = in.get(i);
      if (m.role() == Role.SYSTEM) {
        if (!m.text().isBlank()) system.add(m.text()); // an empty system block is refused
        continue;
      }
      String role = m.role() == Role.ASSISTANT ? "assistant" : "user";
      ArrayNode content = F.arrayNode();
      List<ContentBlock> blocks = m.content();
      for (int j = 0; j < blocks.size(); j++) {
        JsonNode b = block(blocks.get(j), "messages[" + i + "].content[" + j + "]");
        if (b != null) content.add(b);
      }
      // Whitespace-only text is refused ("text content blocks must contain non-whitespace text"); clients send it
      // beside tool calls ("\n\n"). A user turn of nothing else keeps it and gets Anthropic's own error.
      if (role.equals("assistant") || content.size() > 1) {
        for (var it = content.elements(); it.hasNext(); ) if (blankText(it.next())) it.remove();
      }
      if (content.isEmpty()) continue; // Anthropic rejects empty turns (e.g. an assistant turn with content "")
      if (role.equals(lastRole)) {
        lastContent.addAll(content);
      } else {
        lastRole = role;
        lastContent = content;
        out.addObject().put("role", role).set("content", content);
      }
    }
    // A lone text block is sent the short way, as the API reference writes it.
    for (JsonNode msg : out) {
      JsonNode content = msg.get("content");
      if (content.size() == 1 && "text".equals(content.get(0).get("type").asText()) && content.get(0).size() == 2) {
        ((ObjectNode) msg).put("content", content.get(0).get("text").asText());
      }
    }
    return out;
  }

  private static JsonNode block(ContentBlock block, String path) {
    return switch (block) {
      case ContentBlock.Text t -> t.text().isEmpty() ? null : F.objectNode().put("type", "text").put("text", t.text());
      case ContentBlock.Image img -> image(img, path);
      case ContentBlock.ToolUse tu -> {
        ObjectNode n = F.objectNode().put("type", "tool_use").put("id", toolId(tu.id())).put("name", tu.name());
        n.set("input", toolInput(tu.arguments(), path + ".arguments"));
        yield n;
      }
      case ContentBlock.ToolResult tr -> toolResult(tr, path);
      // Reasoning without its signature (an OpenAI client's reasoning_content sent back) is refused by Anthropic;
      // earlier turns' thinking may be left out.
      case ContentBlock.Thinking th when th.signature() == null || th.signature().isEmpty() -> null;
      // A signature without text is most likely Gemini's call signature (an OpenAI client sends it back as
      // extra_content), which Anthropic would refuse; its own (omitted thinking display) cannot be told apart, and
      // an Anthropic client's reach Anthropic by pass-through. The tool turn is then unsigned: thinking stays off.
      case ContentBlock.Thinking th when th.text() == null || th.text().isEmpty() -> null;
      case ContentBlock.Thinking th -> {
        ObjectNode n = F.objectNode().put("type", "thinking").put("thinking", th.text());
        if (th.signature() != null) n.put("signature", th.signature());
        yield n;
      }
      case ContentBlock.RedactedThinking rt -> F.objectNode().put("type", "redacted_thinking").put("data", rt.data());
      case ContentBlock.Unknown u -> u.raw();
    };
  }

  private static ObjectNode image(ContentBlock.Image img, String path) {
    ObjectNode n = F.objectNode().put("type", "image");
    ObjectNode source = n.putObject("source");
    if (img.isInline()) {
      source.put("type", "base64").put("media_type", img.mediaType()).put("data", img.base64Data());
    } else if (img.url() != null && (img.url().startsWith("https://") || img.url().startsWith("http://"))) {
      source.put("type", "url").put("url", img.url());
    } else {
      throw GatewayException.invalid(path + ".image_url",
          "image URL must be http(s) or a base64 data: URL");
    }
    return n;
  }

  private static ObjectNode toolResult(ContentBlock.ToolResult tr, String path) {
    ObjectNode n = F.objectNode().put("type", "tool_result").put("tool_use_id", toolId(tr.toolUseId()));
    boolean textOnly = true;
    for (ContentBlock c : tr.content()) if (!(c instanceof ContentBlock.Text)) { textOnly = false; break; }
    if (textOnly) {
      n.put("content", tr.text());
    } else {
      ArrayNode content = n.putArray("content");
      for (int k = 0; k < tr.content().size(); k++) {
        JsonNode b = block(tr.content().get(k), path + ".content[" + k + "]");
        if (b != null) content.add(b);
      }
    }
    if (tr.isError()) n.put("is_error", true);
    return n;
  }

  private static boolean blankText(JsonNode block) {
    return "text".equals(block.path("type").asText()) && block.path("text").asText().isBlank();
  }

  /**
   * Anthropic takes tool ids matching {@code ^[a-zA-Z0-9_-]+$}; ids minted by other providers (Kimi's
   * {@code functions.get_weather:0}) are mapped the same way every time, with a hash against collisions, so a
   * tool_use and its tool_result still pair up after a conversation moved between providers.
   */
  static String toolId(String id) {
    if (id == null || id.isEmpty() || TOOL_ID.matcher(id).matches()) return id;
    return TOOL_ID_INVALID.matcher(id).replaceAll("_") + "_" + Integer.toHexString(id.hashCode());
  }

  /** Whether the last assistant turn calls tools without starting with a thinking block. */
  private static boolean unsignedToolTurn(ArrayNode messages) {
    for (int i = messages.size() - 1; i >= 0; i--) {
      JsonNode m = messages.get(i);
      if (!"assistant".equals(m.path("role").asText())) continue;
      JsonNode content = m.get("content");
      if (!content.isArray() || content.isEmpty()) return false;
      boolean toolUse = false;
      for (JsonNode b : content) toolUse |= "tool_use".equals(b.path("type").asText());
      String first = content.get(0).path("type").asText();
      return toolUse && !first.equals("thinking") && !first.equals("redacted_thinking");
    }
    return false;
  }

  private static JsonNode toolInput(String arguments, String param) {
    if (arguments == null || arguments.isBlank()) return F.objectNode();
    JsonNode parsed;
    try {
      parsed = AnthropicCodec.MAPPER.readTree(arguments);
    } catch (IOException e) {
      throw GatewayException.invalid(param, param + " is not valid JSON");
    }
    if (parsed == null || !parsed.isObject()) throw GatewayException.invalid(param, param + " must be a JSON object");
    return parsed;
  }
}

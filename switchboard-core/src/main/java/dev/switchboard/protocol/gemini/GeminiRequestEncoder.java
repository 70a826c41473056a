package dev.switchboard.protocol.gemini;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import dev.switchboard.protocol.json.CompactNodes;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Canonical {@link ChatRequest} to a Gemini GenerateContentRequest body (v1beta). */
public final class GeminiRequestEncoder {
  private static final JsonNodeFactory NF = CompactNodes.INSTANCE;

  private GeminiRequestEncoder() {}

  /** For the model the request names (tests; the adapter passes the upstream model). */
  public static byte[] encode(ChatRequest request) { return encode(request, request.model()); }

  /** {@code upstreamModel}: the model id the request goes to ("gemini-3-pro-preview", "models/..."). */
  public static byte[] encode(ChatRequest request, String upstreamModel) {
    try {
      return GeminiJson.MAPPER.writeValueAsBytes(toJson(request, upstreamModel));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise Gemini request", e);
    }
  }

  static ObjectNode toJson(ChatRequest request, String upstreamModel) {
    ObjectNode root = NF.objectNode();
    ArrayNode system = NF.arrayNode();
    ArrayNode contents = root.putArray("contents");
    new Contents(contents, system).addAll(request.messages());
    if (GeminiSignatures.validated(upstreamModel)) GeminiSignatures.signFirstCalls(contents);
    if (!system.isEmpty()) root.putObject("systemInstruction").set("parts", system);
    if (!request.tools().isEmpty()) {
      ArrayNode decls = root.putArray("tools").addObject().putArray("functionDeclarations");
      for (ToolDef t : request.tools()) decls.add(declaration(t));
      if (request.toolChoice() != null) root.putObject("toolConfig").set("functionCallingConfig", toolChoice(request.toolChoice()));
    }
    ObjectNode gen = generationConfig(request);
    if (!gen.isEmpty()) root.set("generationConfig", gen);
    return root;
  }

  private static ObjectNode declaration(ToolDef t) {
    ObjectNode d = NF.objectNode().put("name", t.name());
    if (t.description() != null) d.put("description", t.description());
    // parametersJsonSchema takes full JSON Schema (the older `parameters` only an OpenAPI subset).
    JsonNode params = t.parameters();
    if (params != null && !params.isNull()) {
      if (params.isObject() && params.has("$schema")) params = ((ObjectNode) params.deepCopy()).without("$schema");
      d.set("parametersJsonSchema", params);
    }
    return d;
  }

  private static ObjectNode toolChoice(ToolChoice choice) {
    ObjectNode c = NF.objectNode();
    switch (choice.mode()) {
      case AUTO -> c.put("mode", "AUTO");
      case NONE -> c.put("mode", "NONE");
      case REQUIRED -> c.put("mode", "ANY");
      case NAMED -> {
        c.put("mode", "ANY");
        c.putArray("allowedFunctionNames").add(choice.name());
      }
    }
    return c;
  }

  private static ObjectNode generationConfig(ChatRequest r) {
    ObjectNode g = NF.objectNode();
    Sampling s = r.sampling();
    if (s.temperature() != null) g.put("temperature", s.temperature());
    if (s.topP() != null) g.put("topP", s.topP());
    if (s.topK() != null) g.put("topK", s.topK());
    if (r.maxTokens() != null) g.put("maxOutputTokens", r.maxTokens());
    if (!r.stop().isEmpty()) {
      ArrayNode stops = g.putArray("stopSequences");
      for (String stop : r.stop()) stops.add(stop);
    }
    if (s.seed() != null) g.put("seed", s.seed());
    if (s.presencePenalty() != null) g.put("presencePenalty", s.presencePenalty());
    if (s.frequencyPenalty() != null) g.put("frequencyPenalty", s.frequencyPenalty());
    ResponseFormat rf = r.responseFormat();
    if (rf != null && rf.type() != ResponseFormat.Type.TEXT) {
      g.put("responseMimeType", "application/json");
      // responseJsonSchema accepts JSON Schema as clients write it (responseSchema only the OpenAPI subset).
      if (rf.type() == ResponseFormat.Type.JSON_SCHEMA && rf.schema() != null) g.set("responseJsonSchema", rf.schema());
    }
    if (r.reasoning() != null) {
      ObjectNode thinking = thinkingConfig(r.reasoning());
      if (thinking != null) g.set("thinkingConfig", thinking);
    }
    GeminiLogprobs.request(r, g);
    return g;
  }

  private static ObjectNode thinkingConfig(Reasoning reasoning) {
    Integer budget = reasoning.budgetTokens();
    if (budget == null && reasoning.effort() != null) {
      budget = switch (reasoning.effort().toLowerCase(Locale.ROOT)) {
        case "none" -> 0;
        case "minimal", "low" -> 1024;
        case "medium" -> 8192;
        case "high" -> 24576;
        default -> throw GatewayException.invalid("reasoning_effort",
            "reasoning_effort must be one of none, minimal, low, medium, high; got '" + reasoning.effort() + "'");
      };
    }
    if (budget == null) return null;
    ObjectNode t = NF.objectNode().put("thinkingBudget", budget);
    if (budget != 0) t.put("includeThoughts", true); // a budget of 0 turns thinking off: nothing to include
    return t;
  }

  /** Builds {@code contents}: merges consecutive same-role turns and carries thought signatures onto their parts. */
  private static final class Contents {
    private final ArrayNode contents;
    private final ArrayNode system;
    private final Map<String, String> toolNames = new HashMap<>();
    private String role;
    private ArrayNode parts;
    private String pendingSignature;
    private String pendingRole;

    Contents(ArrayNode contents, ArrayNode system) {
      this.contents = contents;
      this.system = system;
    }

    void addAll(List<Message> messages) {
      for (int i = 0; i < messages.size(); i++) add(messages.get(i), i);
    }

    private void add(Message m, int index) {
      if (m.role() == Role.SYSTEM) {
        system.addObject().put("text", m.text());
        return;
      }
      String turnRole = m.role() == Role.ASSISTANT ? "model" : "user";
      List<ContentBlock> blocks = m.content();
      for (int j = 0; j < blocks.size(); j++) {
        String param = "messages[" + index + "].content[" + j + "]";
        switch (blocks.get(j)) {
          // Gemini refuses empty text ("empty text parameter"); OpenAI clients send content "" beside tool calls.
          case ContentBlock.Text t when t.text().isEmpty() -> { }
          case ContentBlock.Text t -> part(turnRole).put("text", t.text());
          case ContentBlock.Image img -> image(part(turnRole), img);
          case ContentBlock.ToolUse u -> functionCall(part(turnRole), u, param);
          case ContentBlock.ToolResult r -> {
            functionResponse(part("user"), r, param);
            // Images a tool returned (a screenshot read by an agent) follow its response in the same turn.
            for (ContentBlock c : r.content()) if (c instanceof ContentBlock.Image img) image(part("user"), img);
          }
          case ContentBlock.Thinking th -> thinking(turnRole, th);
          // Anthropic-only opaque data and blocks another wire could not read mean nothing to Gemini.
          case ContentBlock.RedactedThinking ignored -> { }
          case ContentBlock.Unknown ignored -> { }
        }
      }
      // A signature with no part after it in its turn: echo it on an empty text part, as Gemini itself sends it.
      if (pendingSignature != null) rawPart(pendingRole).put("text", "");
    }

    /**
     * Thought signatures live in canonical form as Thinking blocks placed just before the part they belong to
     * (an empty-text one from our decoder, or the signature of a streamed thinking block): attach to the next part.
     * One known to sign its own text is another model's (Anthropic's, sent back by an OpenAI client): Gemini refuses
     * it ("Corrupted thought signature"), so only the text goes, as for reasoning without a signature.
     */
    private void thinking(String turnRole, ContentBlock.Thinking th) {
      if (th.text() != null && !th.text().isEmpty()) part(turnRole).put("text", th.text()).put("thought", true);
      if (th.signature() != null && !th.signature().isEmpty() && !th.signsText()) {
        pendingSignature = th.signature();
        pendingRole = turnRole;
      }
    }

    private ObjectNode part(String partRole) {
      if (pendingSignature != null && !partRole.equals(pendingRole)) {
        // The signature's own turn ends here (e.g. a tool result inside an assistant message): keep it in that turn.
        rawPart(pendingRole).put("text", "");
      }
      return rawPart(partRole);
    }

    private ObjectNode rawPart(String partRole) {
      if (!partRole.equals(role)) {
        role = partRole;
        parts = contents.addObject().put("role", partRole).putArray("parts");
      }
      ObjectNode p = parts.addObject();
      if (pendingSignature != null) {
        p.put("thoughtSignature", pendingSignature);
        pendingSignature = null;
      }
      return p;
    }

    private void image(ObjectNode part, ContentBlock.Image img) {
      if (img.isInline()) {
        part.putObject("inlineData").put("mimeType", img.mediaType()).put("data", img.base64Data());
      } else {
        String mime = img.mediaType() != null ? img.mediaType() : MimeTypes.guess(img.url());
        part.putObject("fileData").put("mimeType", mime).put("fileUri", img.url());
      }
    }

    private void functionCall(ObjectNode part, ContentBlock.ToolUse u, String param) {
      if (u.id() != null) toolNames.put(u.id(), u.name());
      ObjectNode call = part.putObject("functionCall");
      if (u.id() != null && !GeminiJson.isGeneratedCallId(u.id())) call.put("id", u.id());
      call.put("name", u.name());
      call.set("args", arguments(u.arguments(), param));
    }

    private static JsonNode arguments(String json, String param) {
      if (json == null || json.isBlank()) return NF.objectNode();
      JsonNode args;
      try {
        args = GeminiJson.MAPPER.readTree(json);
      } catch (JsonProcessingException e) {
        throw GatewayException.invalid(param, "tool call arguments are not valid JSON");
      }
      if (!args.isObject()) throw GatewayException.invalid(param, "tool call arguments must be a JSON object");
      return args;
    }

    private void functionResponse(ObjectNode part, ContentBlock.ToolResult r, String param) {
      String name = r.name() != null ? r.name() : toolNames.get(r.toolUseId());
      if (name == null) {
        throw GatewayException.invalid(param, "tool result '" + r.toolUseId()
            + "' answers no earlier tool call; Gemini needs the function name");
      }
      ObjectNode fr = part.putObject("functionResponse");
      if (r.toolUseId() != null && !GeminiJson.isGeneratedCallId(r.toolUseId())) fr.put("id", r.toolUseId());
      fr.put("name", name);
      fr.set("response", responseObject(r));
    }

    /** FunctionResponse.response must be a JSON object: other results are wrapped (errors under "error", as Gemini's docs suggest). */
    private static JsonNode responseObject(ContentBlock.ToolResult r) {
      String text = r.text();
      String trimmed = text.strip();
      if (trimmed.startsWith("{")) {
        try {
          JsonNode parsed = GeminiJson.MAPPER.readTree(trimmed);
          if (parsed.isObject()) return parsed;
        } catch (JsonProcessingException e) {
          // not JSON after all: wrap as text below
        }
      }
      return NF.objectNode().put(r.isError() ? "error" : "result", text);
    }
  }
}

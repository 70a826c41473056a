package dev.switchboard.protocol.openai;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.model.ChatRequest;
import dev.switchboard.model.ContentBlock;
import dev.switchboard.model.Message;
import dev.switchboard.model.ResponseFormat;
import dev.switchboard.model.Sampling;
import dev.switchboard.model.ToolChoice;
import dev.switchboard.model.ToolDef;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** Canonical request into a Chat Completions body for an OpenAI-compatible upstream. */
final class OpenAiRequestEncoder {
  private OpenAiRequestEncoder() {}

  /**
   * @param officialOpenAi the upstream is OpenAI's own API: {@code max_completion_tokens} (its current name, required
   *                       by its reasoning models) instead of {@code max_tokens} (what most compatible servers
   *                       understand), and no {@code top_k}, which it refuses ("Unrecognized request argument")
   */
  static byte[] encode(ChatRequest r, String upstreamModel, boolean officialOpenAi) {
    return OpenAiJson.write(512 + r.messages().size() * 128, g -> {
      g.writeStartObject();
      g.writeStringField("model", upstreamModel);
      g.writeArrayFieldStart("messages");
      for (Message m : r.messages()) writeMessage(g, m);
      g.writeEndArray();
      if (!r.tools().isEmpty()) {
        g.writeArrayFieldStart("tools");
        for (ToolDef t : r.tools()) writeTool(g, t);
        g.writeEndArray();
      }
      if (r.toolChoice() != null) writeToolChoice(g, r.toolChoice());
      if (r.parallelToolCalls() != null && !r.tools().isEmpty()) g.writeBooleanField("parallel_tool_calls", r.parallelToolCalls());
      if (r.responseFormat() != null) writeResponseFormat(g, r.responseFormat());
      writeSampling(g, r.sampling(), !officialOpenAi);
      if (r.maxTokens() != null) g.writeNumberField(officialOpenAi ? "max_completion_tokens" : "max_tokens", r.maxTokens());
      if (!r.stop().isEmpty()) {
        g.writeArrayFieldStart("stop");
        for (String s : r.stop()) g.writeString(s);
        g.writeEndArray();
      }
      if (r.reasoning() != null && r.reasoning().effort() != null) g.writeStringField("reasoning_effort", r.reasoning().effort());
      if (r.user() != null) g.writeStringField("user", user(r.user()));
      if (r.stream()) {
        g.writeBooleanField("stream", true);
        // Always ask for usage so streams are metered, whether or not the client wants to see it.
        g.writeObjectFieldStart("stream_options");
        g.writeBooleanField("include_usage", true);
        g.writeEndObject();
      }
      for (Map.Entry<String, JsonNode> e : r.extra().entrySet()) {
        g.writeFieldName(e.getKey());
        OpenAiJson.MAPPER.writeTree(g, e.getValue());
      }
      g.writeEndObject();
    });
  }

  private static void writeMessage(JsonGenerator g, Message m) throws IOException {
    switch (m.role()) {
      case SYSTEM -> {
        g.writeStartObject();
        g.writeStringField("role", "system");
        if (m.name() != null) g.writeStringField("name", m.name());
        g.writeStringField("content", m.text());
        g.writeEndObject();
      }
      case USER -> {
        g.writeStartObject();
        g.writeStringField("role", "user");
        if (m.name() != null) g.writeStringField("name", m.name());
        writeUserContent(g, m.content());
        g.writeEndObject();
      }
      case ASSISTANT -> writeAssistant(g, m);
      case TOOL -> {
        // One canonical TOOL message may carry several results (Anthropic style); OpenAI wants one message each.
        List<ContentBlock> images = null;
        for (ContentBlock b : m.content()) {
          if (!(b instanceof ContentBlock.ToolResult tr)) continue;
          g.writeStartObject();
          g.writeStringField("role", "tool");
          g.writeStringField("tool_call_id", tr.toolUseId());
          g.writeStringField("content", tr.text());
          g.writeEndObject();
          boolean captioned = false;
          for (ContentBlock c : tr.content()) {
            if (!(c instanceof ContentBlock.Image)) continue;
            if (images == null) images = new ArrayList<>(2);
            if (!captioned) images.add(new ContentBlock.Text("Images returned by tool call " + tr.toolUseId() + ":"));
            captioned = true;
            images.add(c);
          }
        }
        // OpenAI tool messages take text only: images a tool returned (an agent reading a screenshot) follow the
        // results as one user message, each group named by the call it came from.
        if (images != null) {
          g.writeStartObject();
          g.writeStringField("role", "user");
          writeUserContent(g, images);
          g.writeEndObject();
        }
      }
    }
  }

  private static void writeUserContent(JsonGenerator g, List<ContentBlock> content) throws IOException {
    if (content.size() == 1 && content.get(0) instanceof ContentBlock.Text t) {
      g.writeStringField("content", t.text());
      return;
    }
    g.writeArrayFieldStart("content");
    for (ContentBlock b : content) {
      switch (b) {
        case ContentBlock.Text t -> {
          g.writeStartObject();
          g.writeStringField("type", "text");
          g.writeStringField("text", t.text());
          g.writeEndObject();
        }
        case ContentBlock.Image img -> {
          g.writeStartObject();
          g.writeStringField("type", "image_url");
          g.writeObjectFieldStart("image_url");
          g.writeStringField("url", img.url());
          if (img.detail() != null) g.writeStringField("detail", img.detail());
          g.writeEndObject();
          g.writeEndObject();
        }
        case ContentBlock.ToolResult tr -> {
          // Tool results inside a user turn (Anthropic style) have no OpenAI slot there; keep their text.
          g.writeStartObject();
          g.writeStringField("type", "text");
          g.writeStringField("text", tr.text());
          g.writeEndObject();
        }
        case ContentBlock.ToolUse ignored -> { }
        case ContentBlock.Thinking ignored -> { }
        case ContentBlock.RedactedThinking ignored -> { }
        case ContentBlock.Unknown u -> OpenAiJson.MAPPER.writeTree(g, u.raw());
      }
    }
    g.writeEndArray();
  }

  private static void writeAssistant(JsonGenerator g, Message m) throws IOException {
    g.writeStartObject();
    g.writeStringField("role", "assistant");
    if (m.name() != null) g.writeStringField("name", m.name());
    StringBuilder text = null;
    StringBuilder refusal = null;
    boolean hasCalls = false;
    for (ContentBlock b : m.content()) {
      if (b instanceof ContentBlock.Text t) {
        if (t.refusal()) (refusal == null ? refusal = new StringBuilder() : refusal).append(t.text());
        else (text == null ? text = new StringBuilder() : text).append(t.text());
      } else if (b instanceof ContentBlock.ToolUse) {
        hasCalls = true;
      }
    }
    if (text != null) g.writeStringField("content", text.toString());
    else g.writeNullField("content");
    if (refusal != null) g.writeStringField("refusal", refusal.toString());
    // Signatures stay out of upstream requests: OpenAI-compatible servers may refuse fields they do not know.
    if (hasCalls) writeToolCalls(g, m.content(), false);
    // An OpenAI client's fields without a slot (audio: {id} of an earlier spoken answer), as it sent them.
    if (m.extras() != null && m.extras().isFor(OpenAiChatCodec.WIRE)) OpenAiJson.writeFields(g, m.extras().message());
    g.writeEndObject();
  }

  /**
   * The {@code tool_calls} array of an assistant message (requests and responses share the shape). With
   * {@code signatures} (answers to a client), a call right after an empty-text signed Thinking block (how the Gemini
   * decoder carries the call part's thought signature) gets it as {@code extra_content}; a Thinking block with text
   * is reasoning of its own (Anthropic's), whose signature is not the call's.
   */
  static void writeToolCalls(JsonGenerator g, List<ContentBlock> content, boolean signatures) throws IOException {
    g.writeArrayFieldStart("tool_calls");
    String signature = null;
    for (ContentBlock b : content) {
      if (!(b instanceof ContentBlock.ToolUse tu)) {
        signature = b instanceof ContentBlock.Thinking t && (t.text() == null || t.text().isEmpty())
            ? t.signature() : null;
        continue;
      }
      g.writeStartObject();
      g.writeStringField("id", tu.id());
      g.writeStringField("type", "function");
      g.writeObjectFieldStart("function");
      g.writeStringField("name", tu.name());
      g.writeStringField("arguments", tu.arguments());
      g.writeEndObject();
      if (signatures && signature != null && !signature.isEmpty()) OpenAiThoughtSignatures.write(g, signature);
      signature = null;
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private static void writeTool(JsonGenerator g, ToolDef t) throws IOException {
    g.writeStartObject();
    g.writeStringField("type", "function");
    g.writeObjectFieldStart("function");
    g.writeStringField("name", t.name());
    if (t.description() != null) g.writeStringField("description", t.description());
    if (t.parameters() != null) {
      g.writeFieldName("parameters");
      OpenAiJson.MAPPER.writeTree(g, t.parameters());
    }
    if (t.strict() != null) g.writeBooleanField("strict", t.strict());
    g.writeEndObject();
    g.writeEndObject();
  }

  private static void writeToolChoice(JsonGenerator g, ToolChoice c) throws IOException {
    switch (c.mode()) {
      case AUTO -> g.writeStringField("tool_choice", "auto");
      case NONE -> g.writeStringField("tool_choice", "none");
      case REQUIRED -> g.writeStringField("tool_choice", "required");
      case NAMED -> {
        g.writeObjectFieldStart("tool_choice");
        g.writeStringField("type", "function");
        g.writeObjectFieldStart("function");
        g.writeStringField("name", c.name());
        g.writeEndObject();
        g.writeEndObject();
      }
    }
  }

  private static void writeResponseFormat(JsonGenerator g, ResponseFormat f) throws IOException {
    g.writeObjectFieldStart("response_format");
    switch (f.type()) {
      case TEXT -> g.writeStringField("type", "text");
      case JSON_OBJECT -> g.writeStringField("type", "json_object");
      case JSON_SCHEMA -> {
        g.writeStringField("type", "json_schema");
        g.writeObjectFieldStart("json_schema");
        // OpenAI requires a name; a schema from a wire without one (Anthropic's output_format) gets a neutral one.
        g.writeStringField("name", f.name() != null ? f.name() : "output");
        if (f.schema() != null) {
          g.writeFieldName("schema");
          OpenAiJson.MAPPER.writeTree(g, f.schema());
        }
        if (f.strict() != null) g.writeBooleanField("strict", f.strict());
        g.writeEndObject();
      }
    }
    g.writeEndObject();
  }

  /**
   * OpenAI refuses a {@code user} over 64 characters; Anthropic clients' {@code metadata.user_id} often is one
   * (Claude Code sends a JSON blob of ~150): a longer id goes as its SHA-256 in hex, 64 characters and as stable.
   */
  static String user(String user) {
    if (user.length() <= 64) return user;
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(user.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  private static void writeSampling(JsonGenerator g, Sampling s, boolean topK) throws IOException {
    if (s.temperature() != null) g.writeNumberField("temperature", s.temperature());
    if (s.topP() != null) g.writeNumberField("top_p", s.topP());
    if (topK && s.topK() != null) g.writeNumberField("top_k", s.topK());
    if (s.presencePenalty() != null) g.writeNumberField("presence_penalty", s.presencePenalty());
    if (s.frequencyPenalty() != null) g.writeNumberField("frequency_penalty", s.frequencyPenalty());
    if (s.seed() != null) g.writeNumberField("seed", s.seed());
  }
}

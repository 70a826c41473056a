package dev.switchboard.protocol.dashscope;

import static dev.switchboard.protocol.dashscope.DsJson.F;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.model.ChatRequest;
import dev.switchboard.model.ContentBlock;
import dev.switchboard.model.Message;
import dev.switchboard.model.ResponseFormat;
import dev.switchboard.model.Role;
import dev.switchboard.model.Sampling;
import dev.switchboard.model.ToolChoice;
import dev.switchboard.model.ToolDef;

/**
 * Canonical request -> DashScope text-generation body. Always {@code result_format: message} (the only format
 * carrying tool calls and reasoning) and, for streams, {@code incremental_output: true} so events are deltas.
 * Reasoning maps to {@code enable_thinking} (+ {@code thinking_budget}); thinking blocks of earlier turns are not
 * sent back, as DashScope does not take them in history.
 */
final class RequestEncoder {
  private RequestEncoder() {}

  static ObjectNode encode(ChatRequest r, String upstreamModel) {
    ObjectNode root = F.objectNode();
    root.put("model", upstreamModel);
    ArrayNode messages = root.putObject("input").putArray("messages");
    for (Message m : r.messages()) message(messages, m);
    ObjectNode p = root.putObject("parameters");
    p.put("result_format", "message");
    if (r.stream()) p.put("incremental_output", true);
    if (r.maxTokens() != null) p.put("max_tokens", r.maxTokens());
    Sampling s = r.sampling();
    if (s.temperature() != null) p.put("temperature", s.temperature());
    if (s.topP() != null) p.put("top_p", s.topP());
    if (s.topK() != null) p.put("top_k", s.topK());
    if (s.presencePenalty() != null) p.put("presence_penalty", s.presencePenalty());
    if (s.seed() != null) p.put("seed", s.seed());
    if (!r.stop().isEmpty()) {
      ArrayNode stop = p.putArray("stop");
      r.stop().forEach(stop::add);
    }
    if (!r.tools().isEmpty()) {
      ArrayNode tools = p.putArray("tools");
      for (ToolDef t : r.tools()) {
        ObjectNode fn = tools.addObject().put("type", "function").putObject("function");
        fn.put("name", t.name());
        if (t.description() != null) fn.put("description", t.description());
        fn.set("parameters", t.parameters() != null ? t.parameters() : F.objectNode().put("type", "object"));
      }
    }
    if (r.toolChoice() != null) toolChoice(p, r.toolChoice());
    if (r.parallelToolCalls() != null) p.put("parallel_tool_calls", r.parallelToolCalls());
    if (r.responseFormat() != null) responseFormat(p, r.responseFormat());
    if (r.reasoning() != null) {
      Integer budget = r.reasoning().budgetTokens();
      boolean off = "none".equals(r.reasoning().effort()) || (budget != null && budget <= 0);
      p.put("enable_thinking", !off);
      if (!off && budget != null) p.put("thinking_budget", budget);
    }
    return root;
  }

  private static void message(ArrayNode out, Message m) {
    // Tool results are their own messages on this wire, one per call, wherever the canonical form put them.
    boolean hasOther = false;
    for (ContentBlock b : m.content()) {
      if (b instanceof ContentBlock.ToolResult tr) {
        ObjectNode t = out.addObject().put("role", "tool").put("content", tr.text()).put("tool_call_id", tr.toolUseId());
        if (tr.name() != null) t.put("name", tr.name());
      } else {
        hasOther = true;
      }
    }
    if (!hasOther && m.role() == Role.TOOL) return;
    ObjectNode msg = F.objectNode().put("role", switch (m.role()) {
      case SYSTEM -> "system";
      case USER, TOOL -> "user";
      case ASSISTANT -> "assistant";
    });
    ArrayNode parts = null;
    StringBuilder text = new StringBuilder();
    ArrayNode calls = null;
    for (ContentBlock b : m.content()) {
      switch (b) {
        case ContentBlock.Text t -> {
          text.append(t.text());
          if (parts != null) parts.addObject().put("text", t.text());
        }
        case ContentBlock.Image i -> {
          // Vision models take {"image": url} parts; earlier text moves into parts too, in order.
          if (parts == null) {
            parts = F.arrayNode();
            if (!text.isEmpty()) parts.addObject().put("text", text.toString());
          }
          parts.addObject().put("image", i.url());
        }
        case ContentBlock.ToolUse u -> {
          if (calls == null) calls = F.arrayNode();
          ObjectNode call = calls.addObject().put("id", u.id()).put("type", "function");
          call.putObject("function").put("name", u.name()).put("arguments", u.arguments());
        }
        case ContentBlock.ToolResult tr -> { }
        case ContentBlock.Thinking t -> { }
        case ContentBlock.RedactedThinking rt -> { }
        case ContentBlock.Unknown u -> { }
      }
    }
    if (parts != null) msg.set("content", parts); else msg.put("content", text.toString());
    if (calls != null) msg.set("tool_calls", calls);
    if (m.name() != null && m.role() != Role.SYSTEM) msg.put("name", m.name());
    out.add(msg);
  }

  private static void toolChoice(ObjectNode p, ToolChoice c) {
    switch (c.mode()) {
      case AUTO -> p.put("tool_choice", "auto");
      case NONE -> p.put("tool_choice", "none");
      case REQUIRED -> p.put("tool_choice", "required");
      case NAMED -> p.putObject("tool_choice").put("type", "function").putObject("function").put("name", c.name());
    }
  }

  private static void responseFormat(ObjectNode p, ResponseFormat f) {
    switch (f.type()) {
      case TEXT -> p.putObject("response_format").put("type", "text");
      case JSON_OBJECT -> p.putObject("response_format").put("type", "json_object");
      case JSON_SCHEMA -> {
        ObjectNode js = p.putObject("response_format").put("type", "json_schema").putObject("json_schema");
        js.put("name", f.name() == null ? "response" : f.name());
        js.set("schema", f.schema());
        if (f.strict() != null) js.put("strict", f.strict());
      }
    }
  }
}

package dev.switchboard.protocol.dashscope;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.switchboard.error.GatewayError;
import dev.switchboard.model.ContentBlock;
import dev.switchboard.model.FinishReason;
import dev.switchboard.model.StreamEvent;
import dev.switchboard.model.Usage;
import dev.switchboard.protocol.StreamEncoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Canonical stream events -> DashScope SSE ({@code id:N}, {@code event:result}, {@code :HTTP_STATUS/200},
 * {@code data:{output,usage,request_id}}). Mid-stream events carry {@code finish_reason "null"} as DashScope sends
 * it; the last one, written at the end so it can carry the final usage, has the real reason. With
 * {@code incremental_output} false every event repeats everything generated so far (text, reasoning and tool-call
 * arguments), which is what such clients expect. Failures become {@code event:error} with DashScope's error body.
 */
final class DashScopeStreamEncoder implements StreamEncoder {
  private static final byte[] RESULT_HEAD = "\nevent:result\n:HTTP_STATUS/200\ndata:".getBytes(StandardCharsets.US_ASCII);

  private final boolean messageFormat;
  private final boolean incremental;
  private final ByteArrayOutputStream buf = new ByteArrayOutputStream(256);
  private final StringBuilder text = new StringBuilder();
  private final StringBuilder reasoning = new StringBuilder();
  /** Tool calls by canonical index (cumulative mode keeps their arguments so far). */
  private final List<Tool> tools = new ArrayList<>(0);
  private String requestId;
  private Usage usage = Usage.NONE;
  private FinishReason finish;
  private int eventId;

  private static final class Tool {
    final String id;
    final String name;
    final StringBuilder arguments = new StringBuilder();

    Tool(String id, String name) {
      this.id = id;
      this.name = name;
    }
  }

  DashScopeStreamEncoder(boolean messageFormat, boolean incremental) {
    this.messageFormat = messageFormat;
    this.incremental = incremental;
  }

  @Override
  public byte[] encode(StreamEvent event) {
    return switch (event) {
      case StreamEvent.Start s -> {
        if (s.id() != null && requestId == null) requestId = s.id();
        yield EMPTY;
      }
      case StreamEvent.UsageReport u -> {
        usage = usage.merge(u.usage());
        yield EMPTY;
      }
      case StreamEvent.TextDelta t -> {
        if (t.text().isEmpty()) yield EMPTY;
        if (!incremental) text.append(t.text());
        yield messageFormat
            ? result(g -> content(g, t.text(), null), "null")
            : result(null, "null", incremental ? t.text() : text.toString());
      }
      case StreamEvent.ThinkingDelta t -> {
        // The text format has no reasoning field: leave thinking out rather than mix it into the answer.
        if (!messageFormat || t.text().isEmpty()) yield EMPTY;
        if (!incremental) reasoning.append(t.text());
        yield result(g -> content(g, "", t.text()), "null");
      }
      case StreamEvent.ThinkingSignature s -> EMPTY;
      case StreamEvent.RedactedThinking r -> EMPTY; // no slot for encrypted reasoning
      case StreamEvent.DeltaExtras ignored -> EMPTY; // another wire's fields
      case StreamEvent.ToolCallStart s -> {
        Tool tool = new Tool(s.id() == null ? "call_" + s.index() : s.id(), s.name() == null ? "" : s.name());
        while (tools.size() <= s.index()) tools.add(null);
        tools.set(s.index(), tool);
        yield messageFormat ? result(g -> toolDelta(g, s.index(), tool, true, ""), "null") : EMPTY;
      }
      case StreamEvent.ToolCallDelta d -> {
        Tool tool = d.index() < tools.size() ? tools.get(d.index()) : null;
        if (tool == null) {
          tool = new Tool("call_" + d.index(), "");
          while (tools.size() <= d.index()) tools.add(null);
          tools.set(d.index(), tool);
        }
        if (!incremental) tool.arguments.append(d.argumentsFragment());
        Tool t = tool;
        yield messageFormat ? result(g -> toolDelta(g, d.index(), t, false, d.argumentsFragment()), "null") : EMPTY;
      }
      case StreamEvent.Finish f -> {
        finish = f.reason();
        yield EMPTY;
      }
      case StreamEvent.Error ignored -> EMPTY; // the executor turns upstream errors into error(GatewayError)
    };
  }

  @Override
  public byte[] end() {
    String reason = FinishReasons.encode(finish);
    if (messageFormat) return result(g -> content(g, "", null), reason);
    return result(null, reason, incremental ? "" : text.toString());
  }

  @Override
  public byte[] error(GatewayError error) {
    buf.reset();
    byte[] json = DsJson.write(160, g -> DsErrors.write(g, error, requestId()));
    buf.writeBytes(("id:" + (++eventId) + "\nevent:error\n:HTTP_STATUS/" + error.status() + "\ndata:")
        .getBytes(StandardCharsets.US_ASCII));
    buf.writeBytes(json);
    buf.write('\n');
    buf.write('\n');
    return buf.toByteArray();
  }

  /**
   * Message content: incremental mode writes the delta given; cumulative mode writes the whole state instead
   * (content, reasoning and every tool call so far).
   */
  private void content(JsonGenerator g, String textDelta, String reasoningDelta) throws IOException {
    if (!incremental) {
      cumulative(g);
      return;
    }
    g.writeStringField("role", "assistant");
    g.writeStringField("content", textDelta);
    if (reasoningDelta != null) g.writeStringField("reasoning_content", reasoningDelta);
  }

  private void toolDelta(JsonGenerator g, int index, Tool tool, boolean start, String fragment) throws IOException {
    if (!incremental) {
      cumulative(g);
      return;
    }
    g.writeStringField("role", "assistant");
    g.writeStringField("content", "");
    g.writeArrayFieldStart("tool_calls");
    g.writeStartObject();
    g.writeNumberField("index", index);
    g.writeStringField("id", start ? tool.id : "");
    g.writeStringField("type", "function");
    g.writeObjectFieldStart("function");
    if (start) g.writeStringField("name", tool.name);
    g.writeStringField("arguments", fragment);
    g.writeEndObject();
    g.writeEndObject();
    g.writeEndArray();
  }

  private void cumulative(JsonGenerator g) throws IOException {
    List<ContentBlock.ToolUse> calls = new ArrayList<>(tools.size());
    for (Tool t : tools) if (t != null) calls.add(new ContentBlock.ToolUse(t.id, t.name, t.arguments.toString()));
    ClientResponseEncoder.message(g, text, reasoning, calls);
  }

  private byte[] result(DsJson.Writer message, String finishReason) { return result(message, finishReason, null); }

  /** One {@code event:result}: message format when {@code message} is given, else {@code output.text = textValue}. */
  private byte[] result(DsJson.Writer message, String finishReason, String textValue) {
    buf.reset();
    buf.writeBytes(("id:" + (++eventId)).getBytes(StandardCharsets.US_ASCII));
    buf.writeBytes(RESULT_HEAD);
    try (JsonGenerator g = DsJson.MAPPER.getFactory().createGenerator(buf)) {
      g.writeStartObject();
      g.writeObjectFieldStart("output");
      if (message != null) {
        g.writeArrayFieldStart("choices");
        g.writeStartObject();
        g.writeObjectFieldStart("message");
        message.write(g);
        g.writeEndObject();
        g.writeStringField("finish_reason", finishReason);
        g.writeEndObject();
        g.writeEndArray();
      } else {
        g.writeStringField("finish_reason", finishReason);
        g.writeStringField("text", textValue);
      }
      g.writeEndObject();
      if (!usage.isEmpty()) DsUsage.write(g, usage);
      g.writeStringField("request_id", requestId());
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    buf.write('\n');
    buf.write('\n');
    return buf.toByteArray();
  }

  private String requestId() {
    if (requestId == null) requestId = DsErrors.requestId();
    return requestId;
  }
}

package dev.switchboard.protocol.responses;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.error.GatewayError;
import dev.switchboard.model.ChatRequest;
import dev.switchboard.model.FinishReason;
import dev.switchboard.model.StreamEvent;
import dev.switchboard.model.TokenLogprob;
import dev.switchboard.model.Usage;
import dev.switchboard.protocol.StreamEncoder;
import dev.switchboard.protocol.openai.OpenAiJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Canonical stream events -> the Responses streaming sequence, every event numbered by sequence_number:
 * response.created, response.in_progress, then per output item output_item.added, its parts and deltas
 * (content_part.added / output_text.delta / output_text.annotation.added / output_text.done / content_part.done for
 * a message;
 * reasoning_summary_part.added / reasoning_summary_text.delta / .done / reasoning_summary_part.done for reasoning;
 * function_call_arguments.delta / .done for a function call) and output_item.done, finally response.completed
 * (or response.incomplete when the answer hit max_output_tokens or a content filter) with the whole Response object.
 * An answer that ended in an upstream error ends as a failure does: {@code error}, then response.failed.
 *
 * <p>A message or reasoning item closes when an item of another kind opens. Function calls stay open until the
 * answer ends: a chat wire may send a call's argument fragments after another call's or after text, and no event may
 * follow an item's output_item.done. The SDKs' accumulators address items by output_index, so open items may
 * interleave.
 */
final class ResponsesStreamEncoder implements StreamEncoder {
  private final ChatRequest request;
  private final ByteArrayOutputStream buf = new ByteArrayOutputStream(512);
  private String id;
  private String model;
  private long createdAt;
  private int sequence;
  private boolean started;
  private Usage usage = Usage.NONE;
  private FinishReason finish;
  /** Output items by output_index; null while the item is still open. */
  private final List<ObjectNode> output = new ArrayList<>(4);
  private Open message;
  private Open reasoning;
  private final Map<Integer, Open> tools = new HashMap<>(4);
  private final List<Open> openTools = new ArrayList<>(2);
  /** Citations streamed while no message was open (see citations). */
  private final List<ObjectNode> waitingCitations = new ArrayList<>(0);

  /** One item being streamed. */
  private static final class Open {
    final int index;
    final String itemId;
    final StringBuilder text = new StringBuilder();
    /** A message's token log probabilities so far (for its done events and its part in the final Response). */
    final List<TokenLogprob> logprobs = new ArrayList<>();
    /** A message's citations so far (announced one by one, all of them again in its part when it closes). */
    final List<ObjectNode> annotations = new ArrayList<>();
    String callId;
    String name;
    String signature;
    boolean partOpen;
    /** The newest output_index when this item last got content: it was being written if no item opened since. */
    int touched;
    /** A message whose one content part is a refusal rather than output_text. */
    boolean refusal;

    Open(int index, String itemId) {
      this.index = index;
      this.itemId = itemId;
    }
  }

  ResponsesStreamEncoder(ChatRequest request) {
    this.request = request;
    this.model = request.model();
  }

  @Override
  public byte[] encode(StreamEvent event) {
    buf.reset();
    try {
      switch (event) {
        case StreamEvent.Start s -> {
          if (s.id() != null && id == null) id = s.id();
          if (s.model() != null) model = s.model();
          ensureStarted();
        }
        case StreamEvent.UsageReport u -> usage = usage.merge(u.usage());
        case StreamEvent.TextDelta t -> {
          // A refusal is its own part type (refusal.delta / refusal.done); text after a refusal, or a refusal
          // after text, starts a new message.
          if (message != null && message.refusal != t.refusal()) closeMessage();
          if (message == null) {
            closeReasoning();
            message = open("msg_", Items.message(null, "in_progress"));
            message.partOpen = true;
            message.refusal = t.refusal();
            frame("response.content_part.added", g -> {
              itemRef(g, message);
              g.writeNumberField("content_index", 0);
              g.writeFieldName("part");
              g.writeTree(Items.textPart("", t.refusal(), null));
            });
            if (!t.refusal() && !waitingCitations.isEmpty()) {
              citations(List.copyOf(waitingCitations));
              waitingCitations.clear();
            }
          }
          message.text.append(t.text());
          touch(message);
          if (t.logprobs() != null) message.logprobs.addAll(t.logprobs());
          frame(t.refusal() ? "response.refusal.delta" : "response.output_text.delta", g -> {
            itemRef(g, message);
            g.writeNumberField("content_index", 0);
            g.writeStringField("delta", t.text());
            if (!t.refusal()) {
              g.writeFieldName("logprobs");
              g.writeTree(Items.logprobs(t.logprobs(), false));
            }
          });
        }
        case StreamEvent.ThinkingDelta t -> {
          ensureReasoning();
          if (!reasoning.partOpen) {
            reasoning.partOpen = true;
            frame("response.reasoning_summary_part.added", g -> {
              itemRef(g, reasoning);
              g.writeNumberField("summary_index", 0);
              g.writeFieldName("part");
              g.writeTree(Items.summaryText(""));
            });
          }
          reasoning.text.append(t.text());
          touch(reasoning);
          frame("response.reasoning_summary_text.delta", g -> {
            itemRef(g, reasoning);
            g.writeNumberField("summary_index", 0);
            g.writeStringField("delta", t.text());
          });
        }
        case StreamEvent.ThinkingSignature s -> {
          ensureReasoning();
          reasoning.signature = reasoning.signature == null ? s.signature() : reasoning.signature + s.signature();
        }
        // The answer's one reasoning item holds the thinking's signature as its encrypted_content: no slot for it.
        case StreamEvent.RedactedThinking ignored -> { }
        case StreamEvent.ToolCallStart s -> openTool(s.index(), s.id(), s.name());
        case StreamEvent.ToolCallDelta d -> {
          Open tool = tools.get(d.index());
          if (tool == null) tool = openTool(d.index(), "call_" + d.index(), "");
          tool.text.append(d.argumentsFragment());
          touch(tool);
          Open t = tool;
          frame("response.function_call_arguments.delta", g -> {
            itemRef(g, t);
            g.writeStringField("delta", d.argumentsFragment());
          });
        }
        case StreamEvent.Finish f -> {
          finish = f.reason();
          ensureStarted();
          closeAll();
        }
        // Chat delta annotations are this wire's citations; other kept fields are another wire's.
        case StreamEvent.DeltaExtras d -> citations(Items.citations(d.extras()));
        case StreamEvent.Error ignored -> { } // the executor turns upstream errors into error(GatewayError)
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return buf.size() == 0 ? EMPTY : buf.toByteArray();
  }

  @Override
  public byte[] end() {
    // Items were closed at the Finish; the answer then ends like a failure mid-stream.
    if (finish == FinishReason.ERROR) return error(ResponseObject.STOPPED_WITH_ERROR);
    buf.reset();
    try {
      ensureStarted();
      closeAll();
      String status = ResponseObject.status(finish);
      var state = new ResponseObject.State(id, model, createdAt, status, finish, null, output, usage);
      frame("completed".equals(status) ? "response.completed" : "response.incomplete", g -> {
        g.writeFieldName("response");
        ResponseObject.write(g, state, request);
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return buf.toByteArray();
  }

  /** An {@code error} event, then response.failed with the items completed so far. */
  @Override
  public byte[] error(GatewayError error) {
    buf.reset();
    try {
      ensureStarted();
      // A stream broken after its first bytes keeps what it said: the open items close (the one being written as
      // incomplete), so response.failed carries the partial output.
      if (finish == null) finish = FinishReason.ERROR;
      closeAll();
      frame("error", g -> {
        g.writeStringField("code", error.key().code());
        g.writeStringField("message", error.message());
        if (error.param() != null) g.writeStringField("param", error.param()); else g.writeNullField("param");
      });
      List<ObjectNode> done = new ArrayList<>(output.size());
      for (ObjectNode item : output) if (item != null) done.add(item);
      var state = new ResponseObject.State(id, model, createdAt, "failed", finish, error, done, usage);
      frame("response.failed", g -> {
        g.writeFieldName("response");
        ResponseObject.write(g, state, request);
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return buf.toByteArray();
  }

  private void ensureStarted() throws IOException {
    if (started) return;
    started = true;
    id = ResponseObject.responseId(id);
    createdAt = System.currentTimeMillis() / 1000;
    var state = new ResponseObject.State(id, model, createdAt, "in_progress", null, null, List.of(), null);
    for (String type : new String[] {"response.created", "response.in_progress"}) {
      frame(type, g -> {
        g.writeFieldName("response");
        ResponseObject.write(g, state, request);
      });
    }
  }

  private Open open(String prefix, ObjectNode item) throws IOException {
    ensureStarted();
    int index = output.size();
    Open o = new Open(index, Items.id(prefix, id, index));
    o.touched = index;
    item.put("id", o.itemId);
    output.add(null);
    frame("response.output_item.added", g -> {
      g.writeNumberField("output_index", index);
      g.writeFieldName("item");
      g.writeTree(item);
    });
    return o;
  }

  private void ensureReasoning() throws IOException {
    if (reasoning != null) return;
    closeMessage();
    reasoning = open("rs_", Items.reasoning(null, null, null));
  }

  private Open openTool(int toolIndex, String callId, String name) throws IOException {
    closeMessage();
    closeReasoning();
    Open tool = open("fc_", Items.functionCall(null, callId, name, "", "in_progress"));
    tool.callId = callId;
    tool.name = name;
    tools.put(toolIndex, tool);
    openTools.add(tool);
    return tool;
  }

  /**
   * A search model's citations streamed as chat delta annotations: they cite the open message's text. Citations that
   * come while no message is open (on the role chunk, before any text) wait for the next message.
   */
  private void citations(List<ObjectNode> citations) throws IOException {
    Open m = message;
    if (m == null) {
      waitingCitations.addAll(citations);
      return;
    }
    if (m.refusal) return;
    for (ObjectNode c : citations) {
      int index = m.annotations.size();
      m.annotations.add(c);
      frame("response.output_text.annotation.added", g -> {
        itemRef(g, m);
        g.writeNumberField("content_index", 0);
        g.writeNumberField("annotation_index", index);
        g.writeFieldName("annotation");
        g.writeTree(c);
      });
    }
  }

  private void closeAll() throws IOException {
    closeMessage();
    closeReasoning();
    closeTools();
  }

  private void closeMessage() throws IOException {
    Open m = message;
    if (m == null) return;
    message = null;
    String text = m.text.toString();
    frame(m.refusal ? "response.refusal.done" : "response.output_text.done", g -> {
      itemRef(g, m);
      g.writeNumberField("content_index", 0);
      if (m.refusal) {
        g.writeStringField("refusal", text);
      } else {
        g.writeStringField("text", text);
        g.writeFieldName("logprobs");
        g.writeTree(Items.logprobs(m.logprobs, false));
      }
    });
    frame("response.content_part.done", g -> {
      itemRef(g, m);
      g.writeNumberField("content_index", 0);
      g.writeFieldName("part");
      g.writeTree(part(m, text));
    });
    ObjectNode item = Items.message(m.itemId, doneStatus(m));
    item.withArray("content").add(part(m, text));
    itemDone(m, item);
  }

  private static ObjectNode part(Open m, String text) {
    ObjectNode part = Items.textPart(text, m.refusal, m.logprobs);
    if (!m.refusal) part.withArray("annotations").addAll(m.annotations);
    return part;
  }

  private void closeReasoning() throws IOException {
    Open r = reasoning;
    if (r == null) return;
    reasoning = null;
    String text = r.text.toString();
    if (r.partOpen) {
      frame("response.reasoning_summary_text.done", g -> {
        itemRef(g, r);
        g.writeNumberField("summary_index", 0);
        g.writeStringField("text", text);
      });
      frame("response.reasoning_summary_part.done", g -> {
        itemRef(g, r);
        g.writeNumberField("summary_index", 0);
        g.writeFieldName("part");
        g.writeTree(Items.summaryText(text));
      });
    }
    itemDone(r, Items.reasoning(r.itemId, r.partOpen ? text : null, r.signature));
  }

  private void closeTools() throws IOException {
    for (Open t : openTools) {
      String args = t.text.isEmpty() ? "{}" : t.text.toString();
      frame("response.function_call_arguments.done", g -> {
        itemRef(g, t);
        g.writeStringField("name", t.name);
        g.writeStringField("arguments", args);
      });
      itemDone(t, Items.functionCall(t.itemId, t.callId, t.name, args, doneStatus(t)));
    }
    openTools.clear();
  }

  private void touch(Open o) { o.touched = output.size() - 1; }

  /**
   * An item closing as the answer is cut (max_output_tokens, a content filter, an upstream error) is incomplete if
   * it was still being written: it got content after the newest item opened. Items the model had moved on from
   * were finished.
   */
  private String doneStatus(Open o) {
    boolean cut = finish != null && !"completed".equals(ResponseObject.status(finish));
    return cut && o.touched == output.size() - 1 ? "incomplete" : "completed";
  }

  private void itemDone(Open o, ObjectNode item) throws IOException {
    output.set(o.index, item);
    frame("response.output_item.done", g -> {
      g.writeNumberField("output_index", o.index);
      g.writeFieldName("item");
      g.writeTree(item);
    });
  }

  private static void itemRef(JsonGenerator g, Open o) throws IOException {
    g.writeStringField("item_id", o.itemId);
    g.writeNumberField("output_index", o.index);
  }

  /** {@code event: <type>\ndata: {"type":..., <fields>, "sequence_number":n}\n\n} written straight into the buffer. */
  private void frame(String type, Json.Writer fields) throws IOException {
    buf.writeBytes(("event: " + type + "\ndata: ").getBytes(StandardCharsets.US_ASCII));
    // Closed at once so Jackson's recycler gets its buffers back (an unclosed generator allocates 8 KB per frame).
    try (JsonGenerator g = OpenAiJson.FACTORY.createGenerator(buf)) {
      g.writeStartObject();
      g.writeStringField("type", type);
      fields.write(g);
      g.writeNumberField("sequence_number", sequence++);
      g.writeEndObject();
    }
    buf.write('\n');
    buf.write('\n');
  }
}

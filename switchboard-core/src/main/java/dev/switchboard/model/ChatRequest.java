package dev.switchboard.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * The canonical chat request every inbound codec produces and every provider adapter consumes.
 * Absent optional values are null (never a made-up default) so adapters only send what the client asked for.
 *
 * @param model       the model name as the client wrote it (routing resolves it)
 * @param extra       top-level fields this model has no slot for, kept for same-wire pass-through
 * @param inbound     the client's original request, for upstreams of the same wire (null when not kept)
 */
public record ChatRequest(
    String model,
    List<Message> messages,
    List<ToolDef> tools,
    ToolChoice toolChoice,
    Boolean parallelToolCalls,
    ResponseFormat responseFormat,
    Sampling sampling,
    Integer maxTokens,
    List<String> stop,
    boolean stream,
    boolean includeUsage,
    Reasoning reasoning,
    String user,
    Map<String, JsonNode> extra,
    Inbound inbound) {

  public ChatRequest {
    messages = List.copyOf(messages);
    tools = tools == null ? List.of() : List.copyOf(tools);
    stop = stop == null ? List.of() : List.copyOf(stop);
    sampling = sampling == null ? Sampling.NONE : sampling;
    extra = extra == null ? Map.of() : Map.copyOf(extra);
  }

  /** Without the original request (codecs that translate everything). */
  public ChatRequest(String model, List<Message> messages, List<ToolDef> tools, ToolChoice toolChoice,
                     Boolean parallelToolCalls, ResponseFormat responseFormat, Sampling sampling, Integer maxTokens,
                     List<String> stop, boolean stream, boolean includeUsage, Reasoning reasoning, String user,
                     Map<String, JsonNode> extra) {
    this(model, messages, tools, toolChoice, parallelToolCalls, responseFormat, sampling, maxTokens, stop, stream,
        includeUsage, reasoning, user, extra, null);
  }

  public ChatRequest withModel(String newModel) {
    return new ChatRequest(newModel, messages, tools, toolChoice, parallelToolCalls, responseFormat, sampling,
        maxTokens, stop, stream, includeUsage, reasoning, user, extra, inbound);
  }

  public ChatRequest withInbound(Inbound newInbound) {
    return new ChatRequest(model, messages, tools, toolChoice, parallelToolCalls, responseFormat, sampling,
        maxTokens, stop, stream, includeUsage, reasoning, user, extra, newInbound);
  }

  /** True when the original request was kept and came in on {@code wire}. */
  public boolean cameIn(String wire) { return inbound != null && inbound.wire().equals(wire); }

  /** Whether any turn holds an image, tool results included (an agent's screenshot needs a vision model too). */
  public boolean hasImages() {
    for (Message m : messages) {
      for (ContentBlock b : m.content()) {
        if (b instanceof ContentBlock.Image) return true;
        if (b instanceof ContentBlock.ToolResult tr) {
          for (ContentBlock c : tr.content()) if (c instanceof ContentBlock.Image) return true;
        }
      }
    }
    return false;
  }
}

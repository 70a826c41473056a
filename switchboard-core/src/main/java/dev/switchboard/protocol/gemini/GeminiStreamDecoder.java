package dev.switchboard.protocol.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.model.FinishReason;
import dev.switchboard.model.StreamEvent;
import dev.switchboard.model.TokenLogprob;
import dev.switchboard.model.Usage;
import dev.switchboard.model.UpstreamError;
import dev.switchboard.protocol.sse.SseEvent;
import dev.switchboard.provider.StreamDecoder;
import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;

/**
 * streamGenerateContent?alt=sse: every SSE data is a whole GenerateContentResponse chunk. Text arrives in pieces,
 * function calls arrive whole, usageMetadata is cumulative and the last chunk carries finishReason.
 */
public final class GeminiStreamDecoder implements StreamDecoder {
  private final String fallbackModel;
  /** Made-up call ids of this answer share it (see {@link GeminiJson#generatedCallId}). */
  private final String callNonce = GeminiJson.newCallNonce();
  private boolean started;
  private int toolCalls;
  private boolean finished;
  private Usage usage;
  private boolean usageSent;
  /** The current chunk's log probabilities until an answer text carries them. */
  private List<TokenLogprob> pendingLogprobs;

  public GeminiStreamDecoder(String fallbackModel) { this.fallbackModel = fallbackModel; }

  @Override
  public void decode(SseEvent event, Consumer<StreamEvent> out) {
    JsonNode chunk;
    try {
      chunk = event.json(GeminiJson.MAPPER);
    } catch (IOException e) {
      out.accept(new StreamEvent.Error(new UpstreamError(0, "invalid_stream_data", null,
          "Gemini stream sent data that is not JSON")));
      return;
    }
    if (chunk == null || !chunk.isObject()) return;
    JsonNode error = chunk.get("error");
    if (error != null && error.isObject()) {
      out.accept(new StreamEvent.Error(GeminiErrors.fromErrorObject(0, error)));
      return;
    }
    if (!started) {
      started = true;
      String id = GeminiJson.text(chunk, "responseId");
      String model = GeminiJson.text(chunk, "modelVersion");
      out.accept(new StreamEvent.Start(id != null ? id : GeminiJson.generatedResponseId(),
          model != null ? model : fallbackModel));
    }
    JsonNode candidate = chunk.path("candidates").path(0);
    // The chunk's token log probabilities ride on its first answer text; a chunk without any (thoughts, a function
    // call) has none for the answer, and an empty text delta of their own would open a message on some client wires.
    pendingLogprobs = candidate.isObject() ? GeminiLogprobs.decode(candidate) : null;
    for (JsonNode part : GeminiParts.of(candidate)) part(part, out);
    pendingLogprobs = null;
    Usage u = GeminiUsage.of(chunk.get("usageMetadata"));
    if (u != null) usage = u; // cumulative: the latest report is the whole count
    if (finished) return;
    String finishReason = GeminiJson.text(candidate, "finishReason");
    if (finishReason != null) {
      finish(GeminiFinishReasons.of(finishReason, toolCalls > 0), out);
    } else if (candidate.isMissingNode() && chunk.path("promptFeedback").has("blockReason")) {
      finish(FinishReason.CONTENT_FILTER, out);
    }
  }

  private void part(JsonNode part, Consumer<StreamEvent> out) {
    String signature = GeminiParts.signature(part);
    // Placed just before the events of the part it belongs to, as the non-streaming decoder places it.
    if (signature != null) out.accept(new StreamEvent.ThinkingSignature(signature, false));
    JsonNode call = part.get("functionCall");
    if (call != null) {
      int index = toolCalls++;
      out.accept(new StreamEvent.ToolCallStart(index, GeminiParts.callId(call, callNonce, index),
          GeminiJson.text(call, "name")));
      out.accept(new StreamEvent.ToolCallDelta(index, GeminiParts.arguments(call)));
    } else if (part.has("text")) {
      String text = part.get("text").asText();
      if (text.isEmpty()) return;
      if (GeminiParts.isThought(part)) {
        out.accept(new StreamEvent.ThinkingDelta(text));
      } else {
        out.accept(new StreamEvent.TextDelta(text, pendingLogprobs));
        pendingLogprobs = null;
      }
    }
  }

  private void finish(FinishReason reason, Consumer<StreamEvent> out) {
    finished = true;
    out.accept(new StreamEvent.Finish(reason, null));
    sendUsage(out);
  }

  private void sendUsage(Consumer<StreamEvent> out) {
    if (usage != null && !usageSent) {
      usageSent = true;
      out.accept(new StreamEvent.UsageReport(usage));
    }
  }

  /** A stream cut before finishReason still reports the tokens counted so far (they are billed). */
  @Override
  public void finish(Consumer<StreamEvent> out) { sendUsage(out); }

  @Override
  public boolean completed() { return finished; }
}

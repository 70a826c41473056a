package dev.switchboard.protocol.openai;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.error.GatewayError;
import dev.switchboard.model.StreamEvent;
import dev.switchboard.model.TokenLogprob;
import dev.switchboard.model.Usage;
import dev.switchboard.protocol.StreamEncoder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Canonical stream events into chat.completion.chunk SSE frames for an OpenAI client. */
final class OpenAiStreamEncoder implements StreamEncoder {
  private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] CHOICES = ",\"choices\":".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] CHUNK_END = "}\n\n".getBytes(StandardCharsets.US_ASCII);

  private final boolean includeUsage;
  private final long created;
  private String id;
  private String model;
  private Usage usage;
  private boolean roleSent;
  /**
   * The signature of the event just before, if that was one: a call that comes right after gets it as
   * {@code extra_content} (Gemini's call part signature; see {@link OpenAiThoughtSignatures}).
   */
  private String precedingSignature;
  /** The {@code reasoning_details} entry that thinking text goes to now (see {@link OpenAiReasoningDetails}). */
  private int reasoningIndex;
  /** Whether that entry has text: Anthropic's signature, which follows it, ends it. */
  private boolean reasoningText;
  /** An upstream of this wire that streams {@code reasoning_details} itself (OpenRouter): its own go out, not ours. */
  private boolean upstreamDetails;
  /** The upstream's header fields without a canonical slot, repeated on every chunk as OpenAI does. */
  private Map<String, JsonNode> headerExtras = Map.of();
  /**
   * {@code data: {"id":…,"object":…,"created":…,"model":…,<kept fields>,"choices":}: the same on every chunk of the
   * stream, so it is serialized once and each chunk writes only its choices (most of a token's frame is this header).
   */
  private byte[] chunkStart;

  OpenAiStreamEncoder(boolean includeUsage, String fallbackModel) {
    this.includeUsage = includeUsage;
    this.created = System.currentTimeMillis() / 1000;
    this.model = fallbackModel;
  }

  @Override
  public byte[] encode(StreamEvent event) {
    String signature = precedingSignature;
    precedingSignature = null;
    return switch (event) {
      case StreamEvent.Start s -> {
        id = s.id() != null ? s.id() : "chatcmpl-" + Long.toHexString(System.nanoTime());
        if (s.model() != null) model = s.model();
        if (s.extras() != null && s.extras().isFor(OpenAiChatCodec.WIRE)) headerExtras = s.extras().response();
        chunkStart = null;
        yield chunk(g -> g.writeStringField("content", ""), null);
      }
      case StreamEvent.TextDelta t when t.refusal() -> chunk(g -> g.writeStringField("refusal", t.text()), null);
      case StreamEvent.TextDelta t -> chunk(g -> g.writeStringField("content", t.text()), null, t.logprobs());
      case StreamEvent.ThinkingDelta t -> {
        reasoningText = true;
        int index = reasoningIndex;
        // In the same delta as reasoning_content: clients show one or the other, never both (OpenRouter does this).
        yield chunk(g -> {
          g.writeStringField("reasoning_content", t.text());
          if (!upstreamDetails) OpenAiReasoningDetails.writeText(g, t.text(), index);
        }, null);
      }
      case StreamEvent.ThinkingSignature s when s.signsText() -> {
        // Anthropic's: it signs the entry's text. Without text there is nothing Anthropic would take back.
        if (!reasoningText) yield EMPTY;
        reasoningText = false;
        int index = reasoningIndex++;
        yield chunk(g -> OpenAiReasoningDetails.writeSignature(g, s.signature(), index), null);
      }
      case StreamEvent.ThinkingSignature s -> {
        precedingSignature = s.signature(); // Gemini's: Chat Completions has a slot only on the call that may come next
        yield EMPTY;
      }
      case StreamEvent.RedactedThinking r -> {
        if (reasoningText) reasoningIndex++; // unsigned text before it stays an entry of its own
        reasoningText = false;
        int index = reasoningIndex++;
        yield chunk(g -> OpenAiReasoningDetails.writeEncrypted(g, r.data(), index), null);
      }
      case StreamEvent.ToolCallStart s -> chunk(g -> toolCall(g, s.index(), s.id(), s.name(), "", signature), null);
      case StreamEvent.ToolCallDelta d ->
          chunk(g -> toolCall(g, d.index(), null, null, d.argumentsFragment(), null), null);
      case StreamEvent.DeltaExtras d when d.extras().isFor(OpenAiChatCodec.WIRE) && !d.extras().message().isEmpty() -> {
        upstreamDetails |= d.extras().message().containsKey(OpenAiReasoningDetails.FIELD);
        yield chunk(g -> OpenAiJson.writeFields(g, d.extras().message()), null);
      }
      case StreamEvent.DeltaExtras ignored -> EMPTY; // another wire's fields
      case StreamEvent.Finish f -> chunk(g -> { }, OpenAiFinishReasons.encode(f.reason()));
      case StreamEvent.UsageReport u -> {
        usage = usage == null ? u.usage() : usage.merge(u.usage());
        yield EMPTY;
      }
      case StreamEvent.Error e -> EMPTY; // the executor turns upstream errors into error(GatewayError)
    };
  }

  @Override
  public byte[] end() {
    if (!includeUsage || usage == null) return DONE;
    ensureId();
    byte[] json = OpenAiJson.write(256, g -> {
      header(g);
      g.writeArrayFieldStart("choices");
      g.writeEndArray();
      OpenAiUsage.encode(g, usage);
      g.writeEndObject();
    });
    return concat(frame(json), DONE);
  }

  @Override
  public byte[] error(GatewayError error) {
    return frame(OpenAiErrors.encode(error));
  }

  private interface DeltaWriter { void write(JsonGenerator g) throws IOException; }

  private byte[] chunk(DeltaWriter delta, String finishReason) { return chunk(delta, finishReason, null); }

  private byte[] chunk(DeltaWriter delta, String finishReason, List<TokenLogprob> logprobs) {
    ensureId();
    // Clients take the role from the first delta; whichever event comes first must carry it.
    boolean withRole = !roleSent;
    roleSent = true;
    if (chunkStart == null) chunkStart = chunkStart();
    return OpenAiJson.writeBetween(chunkStart, 128, g -> {
      g.writeStartArray();
      g.writeStartObject();
      g.writeNumberField("index", 0);
      g.writeObjectFieldStart("delta");
      if (withRole) g.writeStringField("role", "assistant");
      delta.write(g);
      g.writeEndObject();
      OpenAiLogprobs.write(g, logprobs);
      if (finishReason != null) g.writeStringField("finish_reason", finishReason); else g.writeNullField("finish_reason");
      g.writeEndObject();
      g.writeEndArray();
    }, CHUNK_END);
  }

  private byte[] chunkStart() {
    byte[] header = OpenAiJson.write(192, g -> {
      header(g);
      g.writeEndObject();
    });
    // The header object without its closing brace, then the choices field's name: the chunk's array goes after it.
    int headerLen = header.length - 1;
    byte[] out = new byte[DATA.length + headerLen + CHOICES.length];
    System.arraycopy(DATA, 0, out, 0, DATA.length);
    System.arraycopy(header, 0, out, DATA.length, headerLen);
    System.arraycopy(CHOICES, 0, out, DATA.length + headerLen, CHOICES.length);
    return out;
  }

  private void header(JsonGenerator g) throws IOException {
    g.writeStartObject();
    g.writeStringField("id", id);
    g.writeStringField("object", "chat.completion.chunk");
    g.writeNumberField("created", created);
    g.writeStringField("model", model);
    OpenAiJson.writeFields(g, headerExtras);
  }

  private static void toolCall(JsonGenerator g, int index, String id, String name, String args, String signature)
      throws IOException {
    g.writeArrayFieldStart("tool_calls");
    g.writeStartObject();
    g.writeNumberField("index", index);
    if (id != null) g.writeStringField("id", id);
    if (name != null) g.writeStringField("type", "function");
    g.writeObjectFieldStart("function");
    if (name != null) g.writeStringField("name", name);
    g.writeStringField("arguments", args);
    g.writeEndObject();
    if (signature != null && !signature.isEmpty()) OpenAiThoughtSignatures.write(g, signature);
    g.writeEndObject();
    g.writeEndArray();
  }

  private void ensureId() {
    if (id == null) id = "chatcmpl-" + Long.toHexString(System.nanoTime());
  }

  private static byte[] frame(byte[] json) {
    byte[] out = new byte[json.length + 8];
    out[0] = 'd'; out[1] = 'a'; out[2] = 't'; out[3] = 'a'; out[4] = ':'; out[5] = ' ';
    System.arraycopy(json, 0, out, 6, json.length);
    out[out.length - 2] = '\n';
    out[out.length - 1] = '\n';
    return out;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  boolean roleSent() { return roleSent; }
}

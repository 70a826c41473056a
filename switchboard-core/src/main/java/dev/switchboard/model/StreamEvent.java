package dev.switchboard.model;

/**
 * One event of a canonical stream. Decoders turn upstream wire frames into these; encoders turn them into the
 * client's wire. Tool calls are addressed by {@code index} (the position among tool calls of the answer) so
 * parallel calls with interleaved argument fragments survive translation.
 */
public sealed interface StreamEvent {

  /**
   * First event: message id and the model that answers. {@code extras} are the stream's header fields without a
   * canonical slot (e.g. OpenAI's system_fingerprint, service_tier) for a client of the same wire, else null.
   */
  record Start(String id, String model, WireExtras extras) implements StreamEvent {
    public Start(String id, String model) { this(id, model, null); }
  }

  /**
   * Answer text; {@code logprobs} are its tokens' log probabilities when the upstream reported them, else null.
   * {@code refusal} marks a piece of a refusal (see {@link ContentBlock.Text#refusal()}).
   */
  record TextDelta(String text, java.util.List<TokenLogprob> logprobs, boolean refusal) implements StreamEvent {
    public TextDelta(String text) { this(text, null, false); }

    public TextDelta(String text, java.util.List<TokenLogprob> logprobs) { this(text, logprobs, false); }
  }

  record ThinkingDelta(String text) implements StreamEvent {}

  /**
   * A reasoning signature, opaque, to be sent back unchanged. {@code signsText}: it signs the thinking text streamed
   * just before it and ends that block (Anthropic's signature_delta); otherwise it belongs to the part whose events
   * follow (Gemini's thoughtSignature on a call or text part), as a text-less Thinking block before that part does in
   * answers. The two cannot be told apart by their order alone: Gemini's call signature also follows thought text.
   */
  record ThinkingSignature(String signature, boolean signsText) implements StreamEvent {
    public ThinkingSignature(String signature) { this(signature, false); }
  }

  /** Reasoning the upstream encrypted (Anthropic's redacted_thinking block), to be sent back unchanged. */
  record RedactedThinking(String data) implements StreamEvent {}

  record ToolCallStart(int index, String id, String name) implements StreamEvent {}

  record ToolCallDelta(int index, String argumentsFragment) implements StreamEvent {}

  /**
   * Fields of a delta without a canonical slot (OpenAI's streamed {@code annotations} of a search model, {@code
   * audio}, a vendor's {@code images}), in {@link WireExtras#message()}: written by the same wire's encoder as a
   * delta of their own, ignored by the others (as {@link ChatResponse#extras()} in answers).
   */
  record DeltaExtras(WireExtras extras) implements StreamEvent {}

  record Finish(FinishReason reason, String stopSequence) implements StreamEvent {}

  record UsageReport(Usage usage) implements StreamEvent {}

  /** An error the upstream reported inside an already-started stream. */
  record Error(UpstreamError error) implements StreamEvent {}
}

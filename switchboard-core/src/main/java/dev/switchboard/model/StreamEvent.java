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

  record ThinkingSignature(String signature) implements StreamEvent {}

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

package dev.switchboard.protocol.openai;

import dev.switchboard.model.ChatResponse;
import dev.switchboard.model.ContentBlock;
import dev.switchboard.model.WireExtras;

/** Canonical response into a chat.completion body for an OpenAI client. */
final class OpenAiResponseEncoder {
  private OpenAiResponseEncoder() {}

  static byte[] encode(ChatResponse r) {
    // Fields the upstream sent without a canonical slot, when it spoke this wire too.
    WireExtras extras = r.extras() != null && r.extras().isFor(OpenAiChatCodec.WIRE) ? r.extras() : null;
    return OpenAiJson.write(512, g -> {
      g.writeStartObject();
      g.writeStringField("id", r.id());
      g.writeStringField("object", "chat.completion");
      g.writeNumberField("created", r.created());
      g.writeStringField("model", r.model());
      g.writeArrayFieldStart("choices");
      g.writeStartObject();
      g.writeNumberField("index", 0);
      g.writeObjectFieldStart("message");
      g.writeStringField("role", "assistant");
      StringBuilder text = null;
      StringBuilder refusal = null;
      StringBuilder thinking = null;
      boolean calls = false;
      for (ContentBlock b : r.content()) {
        switch (b) {
          case ContentBlock.Text t when t.refusal() ->
              (refusal == null ? refusal = new StringBuilder() : refusal).append(t.text());
          case ContentBlock.Text t -> (text == null ? text = new StringBuilder() : text).append(t.text());
          case ContentBlock.Thinking t -> (thinking == null ? thinking = new StringBuilder() : thinking).append(t.text());
          case ContentBlock.ToolUse ignored -> calls = true;
          default -> { }
        }
      }
      if (text != null) g.writeStringField("content", text.toString()); else g.writeNullField("content");
      // Reasoning travels in DeepSeek's reasoning_content field: never mixed into the answer text.
      if (thinking != null) g.writeStringField("reasoning_content", thinking.toString());
      // Anthropic's signed blocks, for the client to send back; an upstream of this wire that wrote its own (OpenRouter)
      // has them in the extras below.
      if (extras == null || !extras.message().containsKey(OpenAiReasoningDetails.FIELD)) {
        OpenAiReasoningDetails.write(g, r.content());
      }
      if (refusal != null) g.writeStringField("refusal", refusal.toString()); else g.writeNullField("refusal");
      if (calls) OpenAiRequestEncoder.writeToolCalls(g, r.content(), true);
      if (extras != null) OpenAiJson.writeFields(g, extras.message());
      g.writeEndObject();
      OpenAiLogprobs.write(g, r.logprobs());
      g.writeStringField("finish_reason", OpenAiFinishReasons.encode(r.finishReason()));
      g.writeEndObject();
      g.writeEndArray();
      OpenAiUsage.encode(g, r.usage());
      if (extras != null) OpenAiJson.writeFields(g, extras.response());
      g.writeEndObject();
    });
  }
}

package dev.switchboard.protocol.responses;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.model.ChatRequest;
import dev.switchboard.model.ChatResponse;
import dev.switchboard.model.ContentBlock;
import dev.switchboard.model.TokenLogprob;
import java.util.ArrayList;
import java.util.List;

/**
 * A canonical answer as a Response object. Blocks become output items in their order: thinking -> reasoning,
 * consecutive text blocks -> one message with one output_text part each, tool calls -> function_call items.
 */
final class ResponseEncoder {
  private ResponseEncoder() {}

  static byte[] encode(ChatResponse response, ChatRequest request) {
    String id = ResponseObject.responseId(response.id());
    List<ObjectNode> output = output(response.content(), id, response.logprobs(), Items.citations(response.extras()));
    long created = response.created() > 0 ? response.created() : System.currentTimeMillis() / 1000;
    String model = response.model() != null ? response.model() : request.model();
    var state = new ResponseObject.State(id, model, created, ResponseObject.status(response.finishReason()),
        response.finishReason(), null, output, response.usage());
    return Json.write(1024, g -> ResponseObject.write(g, state, request));
  }

  static List<ObjectNode> output(List<ContentBlock> content, String responseId, List<TokenLogprob> logprobs,
      List<ObjectNode> citations) {
    List<ObjectNode> out = new ArrayList<>(content.size());
    List<TokenLogprob> logprobsLeft = logprobs;
    List<ObjectNode> citationsLeft = citations;
    ArrayNode openMessage = null;
    for (ContentBlock b : content) {
      switch (b) {
        case ContentBlock.Text t -> {
          if (openMessage == null) {
            ObjectNode m = Items.message(Items.id("msg_", responseId, out.size()), "completed");
            out.add(m);
            openMessage = (ArrayNode) m.get("content");
          }
          // The answer's log probabilities and citations belong to its text: they go on its first output_text part.
          ObjectNode part = Items.textPart(t.text(), t.refusal(), logprobsLeft);
          if (!t.refusal()) {
            logprobsLeft = null;
            part.withArray("annotations").addAll(citationsLeft);
            citationsLeft = List.of();
          }
          openMessage.add(part);
        }
        case ContentBlock.Thinking t -> {
          openMessage = null;
          out.add(Items.reasoning(Items.id("rs_", responseId, out.size()), t.text(), t.signature()));
        }
        case ContentBlock.RedactedThinking r -> {
          openMessage = null;
          out.add(Items.reasoning(Items.id("rs_", responseId, out.size()), null, r.data()));
        }
        case ContentBlock.ToolUse u -> {
          openMessage = null;
          out.add(Items.functionCall(Items.id("fc_", responseId, out.size()), u.id(), u.name(),
              u.arguments() == null || u.arguments().isEmpty() ? "{}" : u.arguments(), "completed"));
        }
        // Answers carry no images, tool results or unknown blocks on this wire.
        case ContentBlock.Image i -> { }
        case ContentBlock.ToolResult r -> { }
        case ContentBlock.Unknown u -> { }
      }
    }
    return out;
  }
}

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
    String status = ResponseObject.status(response.finishReason());
    // The answer was cut in its last item (the model writes items one after another): that one is incomplete.
    if (!"completed".equals(status) && !output.isEmpty() && output.getLast().has("status")) {
      output.getLast().put("status", "incomplete");
    }
    var state = new ResponseObject.State(id, model, created, status, response.finishReason(),
        ResponseObject.error(response.finishReason()), output, response.usage());
    return Json.write(1024, g -> ResponseObject.write(g, state, request));
  }

  static List<ObjectNode> output(List<ContentBlock> content, String responseId, List<TokenLogprob> logprobs,
      List<ObjectNode> citations) {
    List<ObjectNode> out = new ArrayList<>(content.size());
    PartSlicer slicer = new PartSlicer(content, logprobs, citations);
    ArrayNode openMessage = null;
    for (ContentBlock b : content) {
      switch (b) {
        case ContentBlock.Text t -> {
          if (openMessage == null) {
            ObjectNode m = Items.message(Items.id("msg_", responseId, out.size()), "completed");
            out.add(m);
            openMessage = (ArrayNode) m.get("content");
          }
          if (t.refusal()) {
            openMessage.add(Items.textPart(t.text(), true, null));
          } else {
            ObjectNode part = Items.textPart(t.text(), false, slicer.logprobs());
            part.withArray("annotations").addAll(slicer.citations());
            slicer.next();
            openMessage.add(part);
          }
        }
        case ContentBlock.Thinking t -> {
          openMessage = null;
          out.add(Items.reasoning(Items.id("rs_", responseId, out.size()), t.text(), t.signature()));
        }
        case ContentBlock.RedactedThinking r -> {
          openMessage = null;
          out.add(Items.reasoning(Items.id("rs_", responseId, out.size()), null, Items.REDACTED + r.data()));
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

  /**
   * Splits an answer's token log probabilities and citations among its output_text parts. Upstreams report both for
   * the answer's whole text (a chat message's one content string, a Gemini candidate's parts joined): tokens and
   * citation offsets count characters from its start. Here that text is cut into parts (a tool call between two
   * texts makes two messages), so each part gets the tokens that start in it and the citations whose start lies in
   * it, with offsets counted from the part's own start. Tokens past the text (an upstream whose tokens do not spell
   * its text) stay on the last part.
   */
  private static final class PartSlicer {
    private final int[] ends;
    private final List<TokenLogprob> logprobs;
    private final List<ObjectNode> citations;
    private int part;
    private int partStart;
    private int token;
    private int tokenOffset;

    PartSlicer(List<ContentBlock> content, List<TokenLogprob> logprobs, List<ObjectNode> citations) {
      this.ends = content.stream().filter(b -> b instanceof ContentBlock.Text t && !t.refusal())
          .mapToInt(b -> ((ContentBlock.Text) b).text().length()).toArray();
      for (int i = 1; i < ends.length; i++) ends[i] += ends[i - 1];
      this.logprobs = logprobs;
      this.citations = citations;
    }

    private boolean last() { return part >= ends.length - 1; }

    private int end() { return ends.length == 0 ? 0 : ends[Math.min(part, ends.length - 1)]; }

    /** The current part's tokens; null when the answer has none (no logprobs key then). */
    List<TokenLogprob> logprobs() {
      if (logprobs == null) return null;
      int from = token;
      while (token < logprobs.size() && (last() || tokenOffset < end())) {
        tokenOffset += logprobs.get(token).token().length();
        token++;
      }
      return logprobs.subList(from, token);
    }

    List<ObjectNode> citations() {
      if (citations.isEmpty()) return List.of();
      List<ObjectNode> mine = new ArrayList<>(citations.size());
      for (ObjectNode c : citations) {
        int start = c.path("start_index").asInt(0);
        if ((part > 0 && start < partStart) || (start >= end() && !last())) continue;
        // A citation running past its part ends with it: the rest of the text is another message. Otherwise the
        // offsets only move by the part's start (none for the first part: one part keeps them as they came).
        int end = c.path("end_index").asInt(0);
        if (!last()) end = Math.min(end, end());
        ObjectNode rebased = c.deepCopy();
        rebased.put("start_index", start - partStart);
        rebased.put("end_index", end - partStart);
        mine.add(rebased);
      }
      return mine;
    }

    void next() {
      partStart = end();
      part++;
    }
  }
}

package dev.switchboard.server.http;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import dev.switchboard.model.ChatRequest;
import dev.switchboard.model.ContentBlock;
import dev.switchboard.model.Message;
import dev.switchboard.model.ToolDef;

/**
 * Input-token estimate for count_tokens. Anthropic's tokenizer is not public, so this counts with the o200k_base
 * BPE encoding (a real tokenizer, close to Claude's counts for English and code) plus fixed per-message, per-tool
 * and per-image allowances. Images count as Anthropic's upper bound for a full-size image (about 1,600 tokens).
 */
final class TokenEstimator {
  private static final Encoding ENCODING = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);
  static final int PER_MESSAGE = 3;
  static final int PER_TOOL = 8;
  static final int PER_IMAGE = 1600;

  private TokenEstimator() {}

  static long count(ChatRequest request) {
    long n = 0;
    for (Message m : request.messages()) {
      n += PER_MESSAGE;
      for (ContentBlock b : m.content()) n += block(b);
    }
    for (ToolDef t : request.tools()) {
      n += PER_TOOL + tokens(t.name()) + tokens(t.description());
      if (t.parameters() != null) n += tokens(t.parameters().toString());
    }
    return n;
  }

  private static long block(ContentBlock b) {
    return switch (b) {
      case ContentBlock.Text t -> tokens(t.text());
      case ContentBlock.Image ignored -> PER_IMAGE;
      case ContentBlock.ToolUse tu -> tokens(tu.name()) + tokens(tu.arguments());
      case ContentBlock.ToolResult tr -> {
        long sum = 0;
        for (ContentBlock c : tr.content()) sum += block(c);
        yield sum;
      }
      case ContentBlock.Thinking th -> tokens(th.text());
      case ContentBlock.RedactedThinking rt -> tokens(rt.data());
      case ContentBlock.Unknown u -> tokens(u.raw().toString());
    };
  }

  /** Special-token text in user input counts as ordinary text, as it would be for the model. */
  private static int tokens(String s) {
    return s == null || s.isEmpty() ? 0 : ENCODING.countTokensOrdinary(s);
  }
}

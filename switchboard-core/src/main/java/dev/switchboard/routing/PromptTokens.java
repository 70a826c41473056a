package dev.switchboard.routing;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import dev.switchboard.model.ChatRequest;
import dev.switchboard.model.ContentBlock;
import dev.switchboard.model.Message;
import dev.switchboard.model.ToolDef;
import java.util.List;

/**
 * Prompt size in tokens with OpenAI's o200k_base BPE (jtokkit). Other vendors' tokenizers differ by some percent,
 * which the context check tolerates far better than a chars/4 guess (off by 2-4x for code and CJK text).
 */
public final class PromptTokens {
  private static final Encoding O200K = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);
  /** Per-message framing tokens (role, separators) as in OpenAI's counting guide. */
  private static final int PER_MESSAGE = 4;
  /** A low-detail image tile; providers bill images very differently, this is the floor. */
  private static final int PER_IMAGE = 85;

  private PromptTokens() {}

  public static int count(ChatRequest r) {
    int n = 3;
    for (Message m : r.messages()) {
      n += PER_MESSAGE;
      for (ContentBlock b : m.content()) n += block(b);
    }
    for (ToolDef t : r.tools()) {
      n += tokens(t.name()) + tokens(t.description()) + (t.parameters() == null ? 0 : tokens(t.parameters().toString()));
    }
    return n;
  }

  /** The o200k tokens of plain texts (embeddings inputs). */
  public static long countTexts(List<String> texts) {
    long n = 0;
    for (String t : texts) n += tokens(t);
    return n;
  }

  /** The o200k tokens of content blocks (an answer's, for usage an upstream did not report). */
  public static int countContent(List<ContentBlock> content) {
    int n = 0;
    for (ContentBlock b : content) n += block(b);
    return n;
  }

  /**
   * A cheap upper bound: a byte-level BPE token covers at least one UTF-8 byte and a char is at most 3 bytes, so
   * when this bound fits every window the tokenizer need not run at all.
   */
  public static long upperBound(ChatRequest r) {
    long chars = 0;
    long extra = 3;
    for (Message m : r.messages()) {
      extra += PER_MESSAGE;
      for (ContentBlock b : m.content()) {
        switch (b) {
          case ContentBlock.Text t -> chars += t.text().length();
          case ContentBlock.Image i -> extra += PER_IMAGE;
          case ContentBlock.ToolUse u -> chars += len(u.name()) + len(u.arguments());
          case ContentBlock.ToolResult tr -> chars += tr.text().length();
          case ContentBlock.Thinking th -> chars += len(th.text());
          case ContentBlock.RedactedThinking rt -> chars += len(rt.data());
          case ContentBlock.Unknown u -> chars += u.raw().toString().length();
        }
      }
    }
    for (ToolDef t : r.tools()) chars += len(t.name()) + len(t.description()) + (t.parameters() == null ? 0 : t.parameters().toString().length());
    return chars * 3 + extra;
  }

  private static int block(ContentBlock b) {
    return switch (b) {
      case ContentBlock.Text t -> tokens(t.text());
      case ContentBlock.Image i -> PER_IMAGE;
      case ContentBlock.ToolUse u -> tokens(u.name()) + tokens(u.arguments());
      case ContentBlock.ToolResult tr -> tokens(tr.text());
      case ContentBlock.Thinking th -> tokens(th.text());
      case ContentBlock.RedactedThinking rt -> 0; // opaque, not re-tokenized by the provider
      case ContentBlock.Unknown u -> tokens(u.raw().toString());
    };
  }

  private static int tokens(String s) { return s == null || s.isEmpty() ? 0 : O200K.countTokensOrdinary(s); }

  private static int len(String s) { return s == null ? 0 : s.length(); }
}

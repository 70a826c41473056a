package dev.switchboard.model;

import java.util.List;

/**
 * One turn. Assistant tool calls are {@link ContentBlock.ToolUse} blocks; tool results are {@link ContentBlock.ToolResult} blocks in a TOOL message.
 *
 * @param extras fields of the turn without a canonical slot, in {@link WireExtras#message()} (e.g. an OpenAI
 *               assistant turn's {@code audio} reference to an earlier spoken answer): written back only by the
 *               encoder of their wire, ignored by the others; null when there are none
 */
public record Message(Role role, List<ContentBlock> content, String name, WireExtras extras) {
  public Message { content = List.copyOf(content); }

  public Message(Role role, List<ContentBlock> content, String name) { this(role, content, name, null); }

  public static Message text(Role role, String text) {
    return new Message(role, List.of(new ContentBlock.Text(text)), null);
  }

  /** The concatenated text blocks, for wires that only take strings (system prompts). */
  public String text() {
    if (content.size() == 1 && content.get(0) instanceof ContentBlock.Text t) return t.text();
    StringBuilder sb = new StringBuilder();
    for (ContentBlock b : content) if (b instanceof ContentBlock.Text t) sb.append(t.text());
    return sb.toString();
  }
}

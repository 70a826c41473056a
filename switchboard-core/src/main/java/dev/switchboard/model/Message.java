package dev.switchboard.model;

import java.util.List;

/** One turn. Assistant tool calls are {@link ContentBlock.ToolUse} blocks; tool results are {@link ContentBlock.ToolResult} blocks in a TOOL message. */
public record Message(Role role, List<ContentBlock> content, String name) {
  public Message { content = List.copyOf(content); }

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

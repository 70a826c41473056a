package dev.switchboard.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Field path ({@code providers[0].keys[1].weight}) to the line it is written on, built from the YAML token stream.
 * Only built when a semantic problem must be reported, so a valid config never pays for it.
 */
final class LineIndex {
  private final Map<String, Integer> lines;

  private LineIndex(Map<String, Integer> lines) { this.lines = lines; }

  static final LineIndex EMPTY = new LineIndex(Map.of());

  static LineIndex build(String text) {
    Map<String, Integer> lines = new HashMap<>();
    var stack = new ArrayDeque<Frame>();
    try (JsonParser p = Yaml.MAPPER.getFactory().createParser(text)) {
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        int line = p.currentTokenLocation().getLineNr();
        Frame top = stack.peek();
        switch (t) {
          case FIELD_NAME -> {
            top.field = p.currentName();
            lines.putIfAbsent(join(top.path, top.field), line);
          }
          case END_OBJECT, END_ARRAY -> stack.pop();
          default -> {
            String path = top == null ? "" : top.array ? top.path + "[" + (++top.index) + "]" : join(top.path, top.field);
            lines.putIfAbsent(path, line);
            if (t == JsonToken.START_OBJECT) stack.push(new Frame(path, false));
            else if (t == JsonToken.START_ARRAY) stack.push(new Frame(path, true));
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      // A syntax error was already reported by the parse; keep what was indexed so far.
    }
    return new LineIndex(lines);
  }

  /** The line of {@code path}, else of its nearest written ancestor (a missing field points at its parent); 0 if none. */
  int lineOf(String path) {
    String p = path;
    while (p != null && !p.isEmpty()) {
      Integer line = lines.get(p);
      if (line != null) return line;
      int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
      p = cut <= 0 ? null : p.substring(0, cut);
    }
    return 0;
  }

  /** The deepest path written on {@code line} (e.g. {@code providers[0].api-key}), or null. */
  String pathAt(int line) {
    String best = null;
    for (var e : lines.entrySet()) {
      if (e.getValue() == line && (best == null || e.getKey().length() > best.length())) best = e.getKey();
    }
    return best;
  }

  static String join(String parent, String field) { return parent.isEmpty() ? field : parent + "." + field; }

  private static final class Frame {
    final String path;
    final boolean array;
    int index = -1;
    String field;

    Frame(String path, boolean array) {
      this.path = path;
      this.array = array;
    }
  }
}

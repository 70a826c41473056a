package dev.switchboard.protocol.anthropic;

/**
 * Whether JSON text fed fragment by fragment has closed its top-level object or array: bracket depth plus string
 * and escape state, each character looked at once. Tool arguments are objects, so a top-level scalar (or text that
 * is no JSON) is never reported complete; its end is the answer's.
 */
final class JsonCompletion {
  private int depth;
  private boolean inString;
  private boolean escaped;
  private boolean complete;

  void reset() {
    depth = 0;
    inString = false;
    escaped = false;
    complete = false;
  }

  boolean complete() { return complete; }

  /** Reads the fragment and tells whether the value is now complete (anything after the end is not looked at). */
  boolean feed(String fragment) {
    for (int i = 0, n = fragment.length(); i < n && !complete; i++) {
      char c = fragment.charAt(i);
      if (inString) {
        if (escaped) escaped = false;
        else if (c == '\\') escaped = true;
        else if (c == '"') inString = false;
      } else if (c == '"') {
        inString = true;
      } else if (c == '{' || c == '[') {
        depth++;
      } else if ((c == '}' || c == ']') && depth > 0 && --depth == 0) {
        complete = true;
      }
    }
    return complete;
  }
}

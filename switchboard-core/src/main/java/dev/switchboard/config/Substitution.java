package dev.switchboard.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Replaces {@code ${VAR}} and {@code ${VAR:-default}} in the raw text before it is parsed, line by line so that line
 * numbers stay exact. {@code $${} writes a literal {@code ${}. Whole-line comments are left alone so that the example
 * file can show {@code ${...}} in its documentation. A variable set to the empty string counts as unset for
 * {@code :-} (as in the shell), and as empty for plain {@code ${VAR}}.
 */
final class Substitution {
  private Substitution() {}

  static String apply(String source, String text, Map<String, String> env) {
    if (text.indexOf("${") < 0) return text;
    var out = new StringBuilder(text.length() + 64);
    List<Problem> problems = new ArrayList<>();
    int lineNo = 1;
    int start = 0;
    while (start <= text.length()) {
      int end = text.indexOf('\n', start);
      String line = end < 0 ? text.substring(start) : text.substring(start, end);
      if (line.stripLeading().startsWith("#") || line.indexOf("${") < 0) out.append(line);
      else substituteLine(source, lineNo, line, env, out, problems);
      if (end < 0) break;
      out.append('\n');
      start = end + 1;
      lineNo++;
    }
    if (!problems.isEmpty()) throw new ConfigException(withPaths(text, problems));
    return out.toString();
  }

  private static void substituteLine(String source, int lineNo, String line, Map<String, String> env,
                                     StringBuilder out, List<Problem> problems) {
    String field = fieldOf(line);
    int i = 0;
    while (i < line.length()) {
      char c = line.charAt(i);
      if (c == '$' && line.startsWith("$${", i)) {
        out.append("${");
        i += 3;
      } else if (c == '$' && line.startsWith("${", i)) {
        int close = line.indexOf('}', i + 2);
        if (close < 0) {
          problems.add(new Problem(source, lineNo, field, "unterminated ${ (write $${ for a literal ${)"));
          out.append(line, i, line.length());
          return;
        }
        String body = line.substring(i + 2, close);
        int sep = body.indexOf(":-");
        String name = sep < 0 ? body : body.substring(0, sep);
        if (!validName(name)) {
          problems.add(new Problem(source, lineNo, field, "bad variable name in ${" + name + "}"));
        } else {
          String value = env.get(name);
          if (sep >= 0) out.append(value == null || value.isEmpty() ? body.substring(sep + 2) : value);
          else if (value != null) out.append(value);
          else problems.add(new Problem(source, lineNo, field, "environment variable " + name + " is not set (use ${" + name + ":-default} for a default)"));
        }
        i = close + 1;
      } else {
        out.append(c);
        i++;
      }
    }
  }

  /** Replaces the bare key in each problem by its full path when the unsubstituted text parses far enough. */
  private static List<String> withPaths(String text, List<Problem> problems) {
    LineIndex index = LineIndex.build(text);
    List<String> out = new ArrayList<>(problems.size());
    for (Problem p : problems) {
      String path = index.pathAt(p.line);
      out.add(ConfigException.format(p.source, p.line, path != null ? path : p.field, p.message));
    }
    return out;
  }

  private record Problem(String source, int line, String field, String message) {}

  /** The YAML key on this line, for the message ({@code "- api-key: ${X}"} gives {@code api-key}). */
  private static String fieldOf(String line) {
    String s = line.strip();
    if (s.startsWith("- ")) s = s.substring(2).strip();
    int colon = s.indexOf(':');
    if (colon <= 0) return "";
    String key = s.substring(0, colon).strip();
    return key.contains("${") || key.contains(" ") ? "" : key;
  }

  private static boolean validName(String name) {
    if (name.isEmpty()) return false;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean ok = c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (i > 0 && c >= '0' && c <= '9');
      if (!ok) return false;
    }
    return true;
  }
}

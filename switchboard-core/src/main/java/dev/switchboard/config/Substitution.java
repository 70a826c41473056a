package dev.switchboard.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions.ScalarStyle;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;

/**
 * Replaces {@code ${VAR}} and {@code ${VAR:-default}} in the raw text before it is parsed. {@code $${} writes a
 * literal {@code ${}. A variable set to the empty string counts as unset for {@code :-} (as in the shell), and as
 * empty for plain {@code ${VAR}}.
 *
 * <p>A value is pasted as YAML, not as text, so that a secret like {@code sk-team #7} or {@code *pass} stays whole:
 * an unquoted scalar holding a placeholder becomes a double-quoted string (the strict reader still binds
 * {@code "8080"} to a number field; an empty result stays empty, i.e. null, as if the field were not written);
 * inside double quotes the value is escaped; inside single quotes its quotes are doubled. Line breaks become escapes,
 * so line numbers stay exact. Comments are left alone, so that the example file can show {@code ${...}}.
 */
final class Substitution {
  private Substitution() {}

  /** {@code ${...}} or {@code $${} at [start, end); body is null for {@code $${}, closed false for a missing "}". */
  private record Placeholder(int start, int end, int line, int lineStart, String body, boolean closed) {}

  /** A scalar's extent in the text, from its first character (or quote) to just after its last. */
  private record Scalar(int start, int end, ScalarStyle style, boolean hasProperties) {}

  private record Problem(String source, int line, String field, String message) {}

  static String apply(String source, String text, Map<String, String> env) {
    if (text.indexOf("${") < 0) return text;
    List<Placeholder> found = placeholders(text);
    String masked = masked(text, found);
    List<Scalar> scalars = scalars(masked);
    var r = new Resolver(source, text, env);
    String out = scalars == null ? asWritten(text, found, r) : asYaml(text, found, scalars, r);
    if (!r.problems.isEmpty()) throw new ConfigException(withPaths(masked, r.problems));
    return out;
  }

  private static List<Placeholder> placeholders(String text) {
    List<Placeholder> out = new ArrayList<>();
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n') {
        line++;
        lineStart = i + 1;
      } else if (c == '$' && text.startsWith("$${", i)) {
        out.add(new Placeholder(i, i + 3, line, lineStart, null, true));
        i += 2;
      } else if (c == '$' && text.startsWith("${", i)) {
        int eol = i;
        while (eol < text.length() && text.charAt(eol) != '\n' && text.charAt(eol) != '\r') eol++;
        int close = text.indexOf('}', i + 2);
        boolean closed = close >= 0 && close < eol;
        int end = closed ? close + 1 : eol;
        out.add(new Placeholder(i, end, line, lineStart, text.substring(i + 2, closed ? close : eol), closed));
        i = end - 1;
      }
    }
    return out;
  }

  /** The text with each placeholder replaced by as many plain letters, so that it parses as the file is written. */
  private static String masked(String text, List<Placeholder> found) {
    char[] chars = text.toCharArray();
    for (Placeholder ph : found) Arrays.fill(chars, ph.start, ph.end, 'x');
    return new String(chars);
  }

  /** Every scalar of the masked text in order, or null when it does not parse (the reader then reports why). */
  private static List<Scalar> scalars(String masked) {
    List<Scalar> out = new ArrayList<>();
    // Marks count code points; convert to char offsets only when they differ.
    boolean bmp = masked.codePointCount(0, masked.length()) == masked.length();
    try {
      var parser = new ParserImpl(new StreamReader(masked), new LoaderOptions());
      while (!parser.checkEvent(Event.ID.StreamEnd)) {
        if (parser.getEvent() instanceof ScalarEvent s) {
          int start = s.getStartMark().getIndex();
          int end = s.getEndMark().getIndex();
          if (!bmp) {
            start = masked.offsetByCodePoints(0, start);
            end = masked.offsetByCodePoints(0, end);
          }
          out.add(new Scalar(start, end, s.getScalarStyle(), s.getAnchor() != null || s.getTag() != null));
        }
      }
    } catch (YAMLException e) {
      return null;
    }
    return out;
  }

  /** Placeholders in scalars substituted as YAML of the scalar's style; those outside (comments) left as written. */
  private static String asYaml(String text, List<Placeholder> found, List<Scalar> scalars, Resolver r) {
    var out = new StringBuilder(text.length() + 64);
    int copied = 0;
    int next = 0;
    for (Scalar s : scalars) {
      while (next < found.size() && found.get(next).start < s.start) next++;
      int first = next;
      while (next < found.size() && found.get(next).end <= s.end) next++;
      if (first == next) continue;
      List<Placeholder> inside = found.subList(first, next);
      out.append(text, copied, s.start);
      copied = s.end;
      boolean oneLine = text.substring(s.start, s.end).chars().noneMatch(c -> c == '\n' || c == '\r');
      if (s.hasProperties || (s.style == ScalarStyle.PLAIN && !oneLine) || s.style == ScalarStyle.LITERAL
          || s.style == ScalarStyle.FOLDED) {
        // Tagged or anchored values, block scalars (| >) and unquoted values over several lines: pasted as written.
        out.append(substitute(text, s.start, s.end, inside, r, ScalarStyle.PLAIN));
      } else if (s.style == ScalarStyle.PLAIN) {
        String value = substitute(text, s.start, s.end, inside, r, ScalarStyle.PLAIN);
        out.append(value.isEmpty() ? "" : "\"" + escapeDoubleQuoted(value) + "\"");
      } else {
        out.append(substitute(text, s.start, s.end, inside, r, s.style));
      }
    }
    return out.append(text, copied, text.length()).toString();
  }

  /** For a text that does not parse anyway: pasted as written, except on whole-line comments. */
  private static String asWritten(String text, List<Placeholder> found, Resolver r) {
    List<Placeholder> used = found.stream().filter(ph -> !lineOf(text, ph).stripLeading().startsWith("#")).toList();
    return substitute(text, 0, text.length(), used, r, ScalarStyle.PLAIN);
  }

  /** The text with each value escaped for {@code quotes} (PLAIN: as is, the caller quotes the whole value). */
  private static String substitute(String text, int from, int to, List<Placeholder> inside, Resolver r,
                                   ScalarStyle quotes) {
    var out = new StringBuilder(to - from + 32);
    int at = from;
    for (Placeholder ph : inside) {
      out.append(text, at, ph.start);
      String value = r.resolve(ph);
      if (value != null && ph.body != null && quotes == ScalarStyle.DOUBLE_QUOTED) value = escapeDoubleQuoted(value);
      if (value != null && ph.body != null && quotes == ScalarStyle.SINGLE_QUOTED) {
        // Single quotes keep a line break only by folding it into the next line: refuse rather than mangle.
        if (value.chars().anyMatch(Substitution::isLineBreak)) {
          r.problem(ph, "the value of " + name(ph) + " has a line break, which single quotes cannot keep: use \"${"
              + name(ph) + "}\"");
        }
        value = value.replace("'", "''");
      }
      if (value != null) out.append(value);
      at = ph.end;
    }
    return out.append(text, at, to).toString();
  }

  private static String escapeDoubleQuoted(String value) {
    var sb = new StringBuilder(value.length() + 8);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          // Other line breaks and characters YAML refuses unescaped.
          if (c < 0x20 || isLineBreak(c) || (c >= 0x7F && c <= 0x9F) || c == 0xFEFF || c >= 0xFFFE) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.toString();
  }

  private static boolean isLineBreak(int c) { return c == '\n' || c == '\r' || c == 0x85 || c == 0x2028 || c == 0x2029; }

  /** Looks variables up and collects what is wrong with placeholders, by line. */
  private static final class Resolver {
    final String source;
    final String text;
    final Map<String, String> env;
    final List<Problem> problems = new ArrayList<>();

    Resolver(String source, String text, Map<String, String> env) {
      this.source = source;
      this.text = text;
      this.env = env;
    }

    /** The value to paste, or null after recording a problem. */
    String resolve(Placeholder ph) {
      if (ph.body == null) return "${";
      if (!ph.closed) {
        problem(ph, "unterminated ${ (write $${ for a literal ${)");
        return null;
      }
      String name = name(ph);
      if (!validName(name)) {
        // Not quoted: a key pasted into ${...} by mistake would end up in the log.
        problem(ph, "bad variable name in ${...} (letters, digits and _, not starting with a digit)");
        return null;
      }
      String value = env.get(name);
      int sep = ph.body.indexOf(":-");
      if (sep >= 0) return value == null || value.isEmpty() ? ph.body.substring(sep + 2) : value;
      if (value == null) {
        problem(ph, "environment variable " + name + " is not set (use ${" + name + ":-default} for a default)");
      }
      return value;
    }

    void problem(Placeholder ph, String message) {
      problems.add(new Problem(source, ph.line, fieldOf(lineOf(text, ph)), message));
    }
  }

  private static String name(Placeholder ph) {
    int sep = ph.body.indexOf(":-");
    return sep < 0 ? ph.body : ph.body.substring(0, sep);
  }

  private static String lineOf(String text, Placeholder ph) {
    int end = text.indexOf('\n', ph.lineStart);
    return text.substring(ph.lineStart, end < 0 ? text.length() : end);
  }

  /** Replaces the bare key in each problem by its full path, found in the text as written (placeholders masked). */
  private static List<String> withPaths(String masked, List<Problem> problems) {
    LineIndex index = LineIndex.build(masked);
    List<String> out = new ArrayList<>(problems.size());
    for (Problem p : problems) {
      String path = index.pathAt(p.line);
      out.add(ConfigException.format(p.source, p.line, path != null ? path : p.field, p.message));
    }
    return out;
  }

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

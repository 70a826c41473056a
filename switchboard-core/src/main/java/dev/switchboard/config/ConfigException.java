package dev.switchboard.config;

import java.util.List;

/**
 * The configuration is invalid. Each problem reads {@code <file>:<line>: <field path>: <problem>} (the line is left out
 * when unknown, e.g. for values that came from the environment); the message lists them all, one per line.
 * Secrets never appear in problems: they name the field, never its value.
 */
public final class ConfigException extends RuntimeException {
  private final List<String> problems;

  ConfigException(List<String> problems) {
    super(String.join("\n", problems));
    this.problems = List.copyOf(problems);
  }

  static ConfigException of(String source, int line, String path, String problem) {
    return new ConfigException(List.of(format(source, line, path, problem)));
  }

  /** Every problem found, in file order as far as known. */
  public List<String> problems() { return problems; }

  static String format(String source, int line, String path, String problem) {
    var sb = new StringBuilder(source);
    if (line > 0) sb.append(':').append(line);
    sb.append(": ");
    if (path != null && !path.isEmpty()) sb.append(path).append(": ");
    return sb.append(problem).toString();
  }
}

package dev.switchboard.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;

/** Collects semantic problems by field path; lines are resolved only when there is something to report. */
final class Problems {
  private record Problem(String path, String message) {}

  private final String source;
  private final Supplier<LineIndex> index;
  private final List<Problem> problems = new ArrayList<>();

  Problems(String source, Supplier<LineIndex> index) {
    this.source = source;
    this.index = index;
  }

  void add(String path, String message) { problems.add(new Problem(path, message)); }

  boolean isEmpty() { return problems.isEmpty(); }

  void throwIfAny() {
    if (problems.isEmpty()) return;
    LineIndex lines = index.get();
    record Located(int line, String text) {}
    List<String> out = problems.stream()
        .map(p -> {
          int line = lines.lineOf(p.path);
          return new Located(line, ConfigException.format(source, line, p.path, p.message));
        })
        .sorted(Comparator.comparingInt(Located::line))
        .map(Located::text)
        .toList();
    throw new ConfigException(out);
  }
}

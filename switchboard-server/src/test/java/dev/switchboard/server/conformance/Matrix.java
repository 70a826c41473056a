package dev.switchboard.server.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Results per (pair, feature, streaming) cell, rendered as pairs x features. Thread-safe: cells may run anywhere. */
final class Matrix {
  enum Result { PASS, FAIL, UNSUPPORTED_400, NOT_RUN }

  private final List<String> pairs;
  private final Map<String, Result> cells = new LinkedHashMap<>();
  private final Map<String, String> notes = new LinkedHashMap<>();

  Matrix(List<String> pairs) { this.pairs = List.copyOf(pairs); }

  static String pair(ClientDriver c, UpstreamDriver u) { return c.wire() + " -> " + u.wire(); }

  private static String key(String pair, Feature f, boolean stream) { return pair + "|" + f + "|" + stream; }

  synchronized void record(String pair, Feature f, boolean stream, Result r, String note) {
    cells.put(key(pair, f, stream), r);
    if (note == null) return;
    // One note per pair and feature; the streaming cell adds its own only when it differs.
    String at = pair + " " + f.column;
    String before = notes.get(at);
    if (before == null) notes.put(at, (stream ? "(streaming) " : "") + note);
    else if (!before.equals(note)) notes.put(at, before + " | " + (stream ? "streaming: " : "non-streaming: ") + note);
  }

  synchronized Result result(String pair, Feature f, boolean stream) {
    return cells.getOrDefault(key(pair, f, stream), Result.NOT_RUN);
  }

  synchronized boolean allPassed() {
    for (String p : pairs) {
      for (Feature f : Feature.values()) {
        for (boolean s : new boolean[] {false, true}) {
          Result r = result(p, f, s);
          if (r == Result.FAIL || r == Result.NOT_RUN) return false;
        }
      }
    }
    return true;
  }

  private static String label(Result r) {
    return switch (r) {
      case PASS -> "PASS";
      case FAIL -> "FAIL";
      case UNSUPPORTED_400 -> "400";
      case NOT_RUN -> "-";
    };
  }

  synchronized String render() {
    List<String> header = new ArrayList<>();
    header.add("inbound -> upstream");
    for (Feature f : Feature.values()) header.add(f.column);
    List<List<String>> rows = new ArrayList<>();
    rows.add(header);
    int pass = 0, fail = 0, unsupported = 0, notRun = 0;
    for (String p : pairs) {
      List<String> row = new ArrayList<>();
      row.add(p);
      for (Feature f : Feature.values()) {
        Result ns = result(p, f, false);
        Result st = result(p, f, true);
        row.add(label(ns) + "/" + label(st));
        for (Result r : new Result[] {ns, st}) {
          switch (r) {
            case PASS -> pass++;
            case FAIL -> fail++;
            case UNSUPPORTED_400 -> unsupported++;
            case NOT_RUN -> notRun++;
          }
        }
      }
      rows.add(row);
    }
    int[] width = new int[header.size()];
    for (List<String> row : rows) for (int i = 0; i < row.size(); i++) width[i] = Math.max(width[i], row.get(i).length());
    StringBuilder sb = new StringBuilder();
    sb.append("Conformance matrix: inbound wire -> upstream wire x feature; each cell is non-streaming/streaming.\n");
    sb.append("PASS = translated and checked both ways; 400 = unsupported on this pair, answered with a clear 400 naming it; ")
        .append("FAIL = a check failed; - = not run.\n\n");
    for (int r = 0; r < rows.size(); r++) {
      List<String> row = rows.get(r);
      sb.append("| ");
      for (int i = 0; i < row.size(); i++) sb.append(pad(row.get(i), width[i])).append(" | ");
      sb.setLength(sb.length() - 1);
      sb.append('\n');
      if (r == 0) {
        sb.append('|');
        for (int w : width) sb.append("-".repeat(w + 2)).append('|');
        sb.append('\n');
      }
    }
    sb.append("\nCells: ").append(pass).append(" PASS, ").append(unsupported).append(" UNSUPPORTED-400, ")
        .append(fail).append(" FAIL, ").append(notRun).append(" not run.\n");
    if (!notes.isEmpty()) {
      sb.append("\nNotes:\n");
      notes.forEach((cell, note) -> sb.append("- ").append(cell).append(": ").append(note).append('\n'));
    }
    return sb.toString();
  }

  private static String pad(String s, int w) { return s + " ".repeat(w - s.length()); }

  void write(Path file) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, render());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

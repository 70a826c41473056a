package dev.switchboard.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.protocol.sse.SseEvent;
import dev.switchboard.protocol.sse.SseParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Golden files under {@code /golden/<wire>/<name>} on the test classpath. JSON is compared as trees, SSE streams
 * event by event (data compared as JSON trees when it parses), with a path-by-path diff on mismatch. Run with
 * {@code -Dgolden.update=true} to rewrite mismatching or missing files under {@code src/test/resources/golden}
 * (override the root with {@code -Dgolden.dir=...}) instead of failing.
 */
public final class Golden {
  private static final int MAX_DIFF_LINES = 40;

  private Golden() {}

  public static boolean updating() { return Boolean.parseBoolean(System.getProperty("golden.update")); }

  /** The file's text; fails naming the resource when it is missing. */
  public static String load(String wire, String name) {
    String resource = resource(wire, name);
    try (InputStream in = Golden.class.getResourceAsStream(resource)) {
      if (in == null) throw new AssertionError("golden file not found on the classpath: " + resource);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read golden file " + resource, e);
    }
  }

  public static JsonNode json(String wire, String name) { return Json.parse(load(wire, name), resource(wire, name)); }

  public static void assertJson(String wire, String name, String actualJson) {
    assertJson(wire, name, Json.parse(actualJson, "actual JSON for " + resource(wire, name)));
  }

  public static void assertJson(String wire, String name, JsonNode actual) {
    // Round-trip so number node types match what parsing the file gives (e.g. float vs double nodes).
    JsonNode normalized = Json.parse(Json.write(actual), "actual JSON");
    String existing = existing(wire, name);
    List<String> diff = existing == null ? List.of("(golden file missing)")
        : diff(Json.parse(existing, resource(wire, name)), normalized);
    if (diff.isEmpty()) return;
    if (updating()) {
      write(wire, name, pretty(normalized) + "\n");
      return;
    }
    throw new AssertionError(report(wire, name, diff));
  }

  /** Compares an SSE stream with a golden stream: same events in order, same names, same data. */
  public static void assertSse(String wire, String name, String actualStream) {
    String existing = existing(wire, name);
    List<String> diff = existing == null ? List.of("(golden file missing)") : sseDiff(parse(existing), parse(actualStream));
    if (diff.isEmpty()) return;
    if (updating()) {
      write(wire, name, actualStream);
      return;
    }
    throw new AssertionError(report(wire, name, diff));
  }

  /** Path-by-path differences between two JSON trees; empty when equal. */
  public static List<String> diff(JsonNode expected, JsonNode actual) {
    List<String> out = new ArrayList<>();
    diff("$", expected, actual, out);
    return out;
  }

  private static void diff(String path, JsonNode expected, JsonNode actual, List<String> out) {
    if (expected.equals(actual)) return;
    if (expected.isObject() && actual.isObject()) {
      for (Map.Entry<String, JsonNode> e : expected.properties()) {
        JsonNode other = actual.get(e.getKey());
        if (other == null) out.add(path + "." + e.getKey() + ": missing, expected " + Json.write(e.getValue()));
        else diff(path + "." + e.getKey(), e.getValue(), other, out);
      }
      for (Map.Entry<String, JsonNode> a : actual.properties()) {
        String key = a.getKey();
        if (!expected.has(key)) out.add(path + "." + key + ": unexpected " + Json.write(a.getValue()));
      }
    } else if (expected.isArray() && actual.isArray()) {
      int common = Math.min(expected.size(), actual.size());
      for (int i = 0; i < common; i++) diff(path + "[" + i + "]", expected.get(i), actual.get(i), out);
      for (int i = common; i < expected.size(); i++) out.add(path + "[" + i + "]: missing, expected " + Json.write(expected.get(i)));
      for (int i = common; i < actual.size(); i++) out.add(path + "[" + i + "]: unexpected " + Json.write(actual.get(i)));
    } else {
      out.add(path + ": expected " + Json.write(expected) + " but was " + Json.write(actual));
    }
  }

  private static List<String> sseDiff(List<SseEvent> expected, List<SseEvent> actual) {
    List<String> out = new ArrayList<>();
    int common = Math.min(expected.size(), actual.size());
    for (int i = 0; i < common; i++) {
      SseEvent e = expected.get(i);
      SseEvent a = actual.get(i);
      String at = "event[" + i + "]";
      if (!java.util.Objects.equals(e.event(), a.event())) {
        out.add(at + ".event: expected " + e.event() + " but was " + a.event());
      }
      JsonNode ej = tryJson(e.data());
      JsonNode aj = tryJson(a.data());
      if (ej != null && aj != null) diff(at + ".data$", ej, aj, out);
      else if (!e.data().equals(a.data())) out.add(at + ".data: expected " + e.data() + " but was " + a.data());
    }
    for (int i = common; i < expected.size(); i++) out.add("event[" + i + "]: missing, expected " + expected.get(i));
    for (int i = common; i < actual.size(); i++) out.add("event[" + i + "]: unexpected " + actual.get(i));
    return out;
  }

  private static List<SseEvent> parse(String stream) {
    List<SseEvent> events = new ArrayList<>();
    SseParser parser = new SseParser();
    parser.feed(stream.getBytes(StandardCharsets.UTF_8), events::add);
    parser.finish(events::add);
    return events;
  }

  private static JsonNode tryJson(String text) {
    try {
      return Json.MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  private static String existing(String wire, String name) {
    try (InputStream in = Golden.class.getResourceAsStream(resource(wire, name))) {
      return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read golden file " + resource(wire, name), e);
    }
  }

  private static void write(String wire, String name, String content) {
    Path file = Path.of(System.getProperty("golden.dir", "src/test/resources/golden"), wire, name);
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write golden file " + file.toAbsolutePath(), e);
    }
    System.err.println("golden file updated: " + file.toAbsolutePath());
  }

  private static String report(String wire, String name, List<String> diff) {
    StringBuilder sb = new StringBuilder("golden mismatch for ").append(resource(wire, name))
        .append(" (rerun with -Dgolden.update=true to accept):");
    diff.stream().limit(MAX_DIFF_LINES).forEach(line -> sb.append("\n  ").append(line));
    if (diff.size() > MAX_DIFF_LINES) sb.append("\n  … ").append(diff.size() - MAX_DIFF_LINES).append(" more");
    return sb.toString();
  }

  private static String pretty(JsonNode node) {
    try {
      return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String resource(String wire, String name) { return "/golden/" + wire + "/" + name; }
}

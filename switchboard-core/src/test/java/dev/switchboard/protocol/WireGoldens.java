package dev.switchboard.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Reads golden files from src/test/resources/golden/&lt;wire&gt;/ for the embeddings/rerank wires. */
public final class WireGoldens {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private WireGoldens() {}

  public static byte[] bytes(String path) {
    try (InputStream in = WireGoldens.class.getResourceAsStream("/golden/" + path)) {
      if (in == null) throw new IllegalArgumentException("no golden file " + path);
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static JsonNode json(String path) { return tree(bytes(path)); }

  public static JsonNode tree(byte[] json) {
    try {
      return MAPPER.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The golden request's documents, so tests build the same canonical request the golden was made from. */
  public static java.util.List<String> documents(String path) {
    java.util.List<String> out = new java.util.ArrayList<>();
    json(path).path("documents").forEach(d -> out.add(d.asText()));
    return out;
  }
}

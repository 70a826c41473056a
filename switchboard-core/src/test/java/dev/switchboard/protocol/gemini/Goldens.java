package dev.switchboard.protocol.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Reads golden files from src/test/resources/golden/gemini. */
public final class Goldens {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Goldens() {}

  public static byte[] bytes(String name) {
    try (InputStream in = Goldens.class.getResourceAsStream("/golden/gemini/" + name)) {
      if (in == null) throw new IllegalArgumentException("no golden file " + name);
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static JsonNode json(String name) { return tree(bytes(name)); }

  public static JsonNode tree(byte[] json) {
    try {
      return MAPPER.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

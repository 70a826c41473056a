package dev.switchboard.protocol.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Reads golden files from {@code src/test/resources/golden/anthropic}. */
final class Golden {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Golden() {}

  static byte[] bytes(String name) {
    try (InputStream in = Golden.class.getResourceAsStream("/golden/anthropic/" + name)) {
      if (in == null) throw new IllegalArgumentException("no golden file " + name);
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode json(String name) {
    try {
      return MAPPER.readTree(bytes(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode parse(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

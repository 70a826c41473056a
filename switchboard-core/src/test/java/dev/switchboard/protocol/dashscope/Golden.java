package dev.switchboard.protocol.dashscope;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.model.StreamEvent;
import dev.switchboard.protocol.sse.SseEvent;
import dev.switchboard.protocol.sse.SseParser;
import dev.switchboard.provider.StreamDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Reads golden files from {@code src/test/resources/golden/dashscope}, plus SSE helpers for the tests. */
final class Golden {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private Golden() {}

  static byte[] bytes(String name) {
    try (InputStream in = Golden.class.getResourceAsStream("/golden/dashscope/" + name)) {
      if (in == null) throw new IllegalArgumentException("no golden file " + name);
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode json(String name) { return parse(bytes(name)); }

  static JsonNode parse(byte[] json) {
    try {
      return MAPPER.readTree(json);
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

  static List<SseEvent> events(byte[] bytes) {
    List<SseEvent> out = new ArrayList<>();
    SseParser p = new SseParser();
    p.feed(bytes, out::add);
    p.finish(out::add);
    return out;
  }

  /** Runs a stream through a decoder, fed in {@code chunk}-byte pieces (0: all at once). */
  static List<StreamEvent> decode(StreamDecoder decoder, byte[] bytes, int chunk) {
    SseParser parser = new SseParser();
    List<StreamEvent> out = new ArrayList<>();
    int step = chunk == 0 ? bytes.length : chunk;
    for (int i = 0; i < bytes.length; i += step) {
      parser.feed(bytes, i, Math.min(step, bytes.length - i), e -> decoder.decode(e, out::add));
    }
    parser.finish(e -> decoder.decode(e, out::add));
    decoder.finish(out::add);
    return out;
  }
}

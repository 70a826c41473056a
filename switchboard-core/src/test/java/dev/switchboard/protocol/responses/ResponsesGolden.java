package dev.switchboard.protocol.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.error.GatewayException;
import dev.switchboard.model.StreamEvent;
import dev.switchboard.protocol.sse.SseEvent;
import dev.switchboard.protocol.sse.SseParser;
import dev.switchboard.provider.StreamDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.ThrowableAssert;

/** Golden files under {@code golden/responses} and small helpers for SSE output. */
final class ResponsesGolden {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private ResponsesGolden() {}

  static byte[] bytes(String name) {
    try (InputStream in = ResponsesGolden.class.getResourceAsStream("/golden/responses/" + name)) {
      if (in == null) throw new IllegalArgumentException("no golden file " + name);
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode json(String name) { return tree(bytes(name)); }

  static JsonNode tree(byte[] json) {
    try {
      return MAPPER.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** SSE bytes into their events. */
  static List<SseEvent> sse(byte[] bytes) {
    List<SseEvent> out = new ArrayList<>();
    SseParser parser = new SseParser();
    parser.feed(bytes, 0, bytes.length, out::add);
    parser.finish(out::add);
    return out;
  }

  static List<StreamEvent> decodeStream(byte[] bytes) {
    StreamDecoder decoder = new ResponsesStreamDecoder();
    List<StreamEvent> out = new ArrayList<>();
    for (SseEvent e : sse(bytes)) decoder.decode(e, out::add);
    if (!decoder.completed()) throw new AssertionError("stream did not complete");
    return out;
  }

  static byte[] utf8(String s) { return s.getBytes(StandardCharsets.UTF_8); }

  static GatewayException gatewayError(ThrowableAssert.ThrowingCallable call) {
    try {
      call.call();
    } catch (GatewayException e) {
      return e;
    } catch (Throwable t) {
      throw new AssertionError("expected a GatewayException, got " + t, t);
    }
    throw new AssertionError("expected a GatewayException, nothing was thrown");
  }
}

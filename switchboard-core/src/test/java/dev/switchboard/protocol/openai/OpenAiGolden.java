package dev.switchboard.protocol.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.error.GatewayException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.assertj.core.api.ThrowableAssert;

/** Reads golden files from {@code src/test/resources/golden/openai}. */
public final class OpenAiGolden {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private OpenAiGolden() {}

  public static byte[] bytes(String name) {
    try (InputStream in = OpenAiGolden.class.getResourceAsStream("/golden/openai/" + name)) {
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

  public static JsonNode tree(String json) { return tree(json.getBytes(StandardCharsets.UTF_8)); }

  static byte[] utf8(String s) { return s.getBytes(StandardCharsets.UTF_8); }

  /** Runs {@code call} and returns the GatewayException it must throw. */
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

package dev.switchboard.protocol.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.model.StreamEvent;
import dev.switchboard.protocol.StreamEncoder;
import dev.switchboard.protocol.sse.SseParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** What an OpenAI client makes of a Chat Completions stream, for round-trip tests of every upstream wire. */
public final class ClientStreams {
  private static final ObjectMapper M = new ObjectMapper();

  private ClientStreams() {}

  /** The chunks the encoder writes for {@code events} and its end, [DONE] left out. */
  public static List<JsonNode> chunks(StreamEncoder encoder, List<StreamEvent> events) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (StreamEvent e : events) out.writeBytes(encoder.encode(e));
    out.writeBytes(encoder.end());
    List<JsonNode> chunks = new ArrayList<>();
    new SseParser().feed(out.toByteArray(), e -> {
      if (e.data().equals("[DONE]")) return;
      try {
        chunks.add(M.readTree(e.data()));
      } catch (IOException ex) {
        throw new UncheckedIOException(ex);
      }
    });
    return chunks;
  }

  /**
   * The assistant message a client builds from the chunks: content, and tool calls by index with their arguments
   * joined and, as the Vercel AI SDK does, the {@code extra_content} of each call's first delta.
   */
  public static ObjectNode assemble(List<JsonNode> chunks) {
    StringBuilder content = new StringBuilder();
    List<ObjectNode> calls = new ArrayList<>();
    for (JsonNode chunk : chunks) {
      JsonNode delta = chunk.at("/choices/0/delta");
      content.append(delta.path("content").asText(""));
      for (JsonNode d : delta.path("tool_calls")) {
        int i = d.path("index").asInt();
        if (i == calls.size()) {
          ObjectNode call = M.createObjectNode().put("id", d.path("id").asText()).put("type", "function");
          call.putObject("function").put("name", d.at("/function/name").asText()).put("arguments", "");
          if (d.has("extra_content")) call.set("extra_content", d.get("extra_content"));
          calls.add(call);
        }
        ObjectNode fn = (ObjectNode) calls.get(i).get("function");
        fn.put("arguments", fn.path("arguments").asText() + d.at("/function/arguments").asText(""));
      }
    }
    ObjectNode message = M.createObjectNode().put("role", "assistant").put("content", content.toString());
    message.putArray("tool_calls").addAll(calls);
    return message;
  }
}

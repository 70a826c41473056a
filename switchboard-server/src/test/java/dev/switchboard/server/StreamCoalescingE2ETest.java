package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testkit.Endpoint;
import dev.switchboard.testkit.OpenAiWire;
import dev.switchboard.testkit.Reply;
import dev.switchboard.testkit.Tokens;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Events that arrive from the upstream in one read go to the client as one HTTP chunk (one write, one syscall),
 * translated and complete, except the stream's first bytes, which leave at once; events that arrive one by one still
 * go out one by one.
 */
public class StreamCoalescingE2ETest {
  private static final String BODY =
      "{\"model\":\"anth/claude-test\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

  @Test
  void a_burst_of_upstream_events_reaches_the_client_as_one_chunk_and_complete() throws Exception {
    try (GatewayFixture fx = new GatewayFixture()) {
      List<String> deltas = List.of("one", " two", " three", " four", " five", " six", " seven", " eight");
      // The whole upstream stream in one body write: the gateway reads it at once.
      String burst = String.join("", OpenAiWire.streamText("gpt-test", deltas, Tokens.of(5, 8)));
      fx.fake.enqueue(Endpoint.OPENAI_CHAT, Reply.text(200, "text/event-stream", burst));
      List<String> chunks = chunksOf(fx, "oai/gpt-test");
      String all = String.join("", chunks);
      assertThat(all).contains("\"content\":\" eight\"").contains("\"finish_reason\":\"stop\"").endsWith("data: [DONE]\n\n");
      assertThat(all.split("data: ", -1).length - 1).as("every event translated").isGreaterThanOrEqualTo(deltas.size() + 2);
      // 11 events (role, 8 deltas, finish, [DONE]): the first event on its own (time to first byte), then one chunk
      // per upstream read (the burst may be split across two socket reads), the last one with the end.
      assertThat(chunks.getFirst()).as("the first event goes out alone").contains("\"role\":\"assistant\"")
          .doesNotContain("\"content\":\"one\"");
      assertThat(chunks).as("a chunk per upstream read, not per event: " + chunks).hasSizeLessThanOrEqualTo(3);
      // The upstream's end came with its last events: they and the stream's end marker leave in one write.
      assertThat(chunks.getLast()).contains("\"finish_reason\":\"stop\"").endsWith("data: [DONE]\n\n");

    }
  }

  @Test
  void events_arriving_one_by_one_are_written_one_by_one() throws Exception {
    try (GatewayFixture fx = new GatewayFixture()) {
      List<String> deltas = List.of("a", "b", "c", "d");
      fx.fake.enqueue(Endpoint.OPENAI_CHAT, Reply.sse(OpenAiWire.streamText("gpt-test", deltas, Tokens.of(5, 4)))
          .withEventDelay(java.time.Duration.ofMillis(30)));
      List<String> chunks = chunksOf(fx, "oai/gpt-test");
      assertThat(String.join("", chunks)).endsWith("data: [DONE]\n\n");
      assertThat(chunks.size()).as("no waiting for more events before writing").isGreaterThanOrEqualTo(deltas.size());
    }
  }

  private static List<String> chunksOf(GatewayFixture fx, String model) throws IOException {
    return chunksOf(fx.gateway.port(), GatewayFixture.CLIENT_KEY, BODY.replace("anth/claude-test", model));
  }

  /** The chunk payloads of a chunked HTTP/1.1 streaming answer to a chat request, read off a raw socket. */
  public static List<String> chunksOf(int port, String key, String requestBody) throws IOException {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(10_000);
      byte[] body = requestBody.getBytes(StandardCharsets.UTF_8);
      OutputStream out = s.getOutputStream();
      out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
          + "Authorization: Bearer " + key + "\r\nContent-Length: " + body.length
          + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.flush();
      InputStream in = s.getInputStream();
      String status = line(in);
      assertThat(status).startsWith("HTTP/1.1 200");
      boolean chunked = false;
      for (String h = line(in); !h.isEmpty(); h = line(in)) {
        chunked |= h.toLowerCase(java.util.Locale.ROOT).equals("transfer-encoding: chunked");
      }
      assertThat(chunked).isTrue();
      List<String> chunks = new ArrayList<>();
      while (true) {
        int size = Integer.parseInt(line(in).trim(), 16);
        if (size == 0) break;
        chunks.add(new String(in.readNBytes(size), StandardCharsets.UTF_8));
        line(in); // CRLF after the chunk
      }
      return chunks;
    }
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) != -1 && c != '\n') if (c != '\r') b.write(c);
    return b.toString(StandardCharsets.US_ASCII);
  }
}

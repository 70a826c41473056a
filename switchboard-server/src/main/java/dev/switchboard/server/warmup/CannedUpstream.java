package dev.switchboard.server.warmup;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.nio.charset.StandardCharsets;

/**
 * An in-process upstream on a loopback port that answers {@code POST /v1/chat/completions} in OpenAI's wire format:
 * a {@code chat.completion} JSON, or with {@code "stream": true} a server-sent-event stream of role, content,
 * finish and usage chunks. Only the warm-up talks to it.
 */
final class CannedUpstream {
  private static final Buffer JSON = Buffer.buffer("""
      {"id":"chatcmpl-warmup","object":"chat.completion","created":1700000000,"model":"warmup-model",\
      "choices":[{"index":0,"message":{"role":"assistant","content":"Warm-up answer with a few words in it."},\
      "logprobs":null,"finish_reason":"stop"}],\
      "usage":{"prompt_tokens":12,"completion_tokens":9,"total_tokens":21,\
      "prompt_tokens_details":{"cached_tokens":0},"completion_tokens_details":{"reasoning_tokens":0}}}""");
  private static final Buffer SSE = sse();

  private final HttpServer server;

  private CannedUpstream(HttpServer server) { this.server = server; }

  static Future<CannedUpstream> start(Vertx vertx) {
    HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0).setTcpNoDelay(true));
    server.requestHandler(req -> req.body().onComplete(body -> {
      boolean stream = body.succeeded() && body.result().toString(StandardCharsets.UTF_8).contains("\"stream\":true");
      req.response().putHeader("content-type", stream ? "text/event-stream" : "application/json")
          .end(stream ? SSE : JSON);
    }));
    return server.listen().map(CannedUpstream::new);
  }

  int port() { return server.actualPort(); }

  Future<Void> close() { return server.close(); }

  private static Buffer sse() {
    String head = "{\"id\":\"chatcmpl-warmup\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,"
        + "\"model\":\"warmup-model\",\"choices\":[";
    StringBuilder b = new StringBuilder();
    b.append("data: ").append(head).append("{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},"
        + "\"logprobs\":null,\"finish_reason\":null}]}\n\n");
    for (String word : new String[] {"Warm", "-up", " answer", " with", " a", " few", " words", "."}) {
      b.append("data: ").append(head).append("{\"index\":0,\"delta\":{\"content\":\"").append(word)
          .append("\"},\"logprobs\":null,\"finish_reason\":null}]}\n\n");
    }
    b.append("data: ").append(head).append("{\"index\":0,\"delta\":{},\"logprobs\":null,\"finish_reason\":\"stop\"}]}\n\n");
    b.append("data: ").append(head).append("],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":8,"
        + "\"total_tokens\":20}}\n\n");
    b.append("data: [DONE]\n\n");
    return Buffer.buffer(b.toString());
  }
}

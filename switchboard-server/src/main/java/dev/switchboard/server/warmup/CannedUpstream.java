package dev.switchboard.server.warmup;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

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
  /**
   * As OpenAI itself answers: indented, with nulls, a system fingerprint and a longer text. Real upstreams differ from
   * the compact answer above in whitespace, field set and length, and each difference is a branch (the JSON parser's
   * whitespace and null paths, Vert.x's longer content-length) that the first real answers deoptimized when the
   * warm-up had only seen the compact one (docs/benchmarks.md).
   */
  private static final Buffer JSON_INDENTED = Buffer.buffer("""
      {
        "id": "chatcmpl-warmup-2",
        "object": "chat.completion",
        "created": 1700000001,
        "model": "warmup-model-2025-01-01",
        "choices": [
          {
            "index": 0,
            "message": {
              "role": "assistant",
              "content": "%s",
              "refusal": null,
              "annotations": []
            },
            "logprobs": null,
            "finish_reason": "stop"
          }
        ],
        "usage": {
          "prompt_tokens": 1200,
          "completion_tokens": 310,
          "total_tokens": 1510,
          "prompt_tokens_details": {
            "cached_tokens": 1024,
            "audio_tokens": 0
          },
          "completion_tokens_details": {
            "reasoning_tokens": 0,
            "audio_tokens": 0,
            "accepted_prediction_tokens": 0,
            "rejected_prediction_tokens": 0
          }
        },
        "service_tier": "default",
        "system_fingerprint": "fp_warmup"
      }
      """.formatted("A longer warm-up answer, sentence after sentence. ".repeat(24).trim()));
  private static final Buffer SSE = sse();

  private final HttpServer server;

  private CannedUpstream(HttpServer server) { this.server = server; }

  static Future<CannedUpstream> start(Vertx vertx) {
    HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0).setTcpNoDelay(true));
    AtomicLong answers = new AtomicLong();
    server.requestHandler(req -> req.body().onComplete(body -> {
      boolean stream = body.succeeded() && body.result().toString(StandardCharsets.UTF_8).contains("\"stream\":true");
      // Every other answer carries the headers a hosted provider sends (a server, a date, request ids, timings) and
      // streams chunked: header parsing and the chunked decoder are on the real path too.
      boolean hosted = (answers.incrementAndGet() & 1) == 0;
      HttpServerResponse resp = req.response();
      if (hosted) {
        resp.putHeader("date", "Sun, 22 Nov 2026 06:00:00 GMT").putHeader("server", "cloudflare")
            .putHeader("openai-processing-ms", "412").putHeader("openai-version", "2020-10-01")
            .putHeader("x-request-id", "req_warmup" + answers.get()).putHeader("connection", "keep-alive");
      }
      if (stream) {
        resp.putHeader("content-type", "text/event-stream; charset=utf-8");
        if (hosted) resp.putHeader("cache-control", "no-cache").setChunked(true).write(SSE).onComplete(w -> resp.end());
        else resp.end(SSE);
      } else {
        resp.putHeader("content-type", "application/json").end(hosted ? JSON_INDENTED : JSON);
      }
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

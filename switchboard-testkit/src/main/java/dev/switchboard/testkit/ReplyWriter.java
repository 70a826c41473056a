package dev.switchboard.testkit;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * Plays one {@link Reply} onto a response on the request's event loop. Each SSE event is written in its own
 * event-loop turn, after the previous write completed, so it is flushed as its own chunk.
 */
final class ReplyWriter {
  private final Vertx vertx;
  private final Context context;
  private final HttpServerRequest request;
  private final HttpServerResponse response;
  private final Reply reply;
  private final Runnable onClientGone;
  private boolean cutByUs;

  private ReplyWriter(Vertx vertx, HttpServerRequest request, Reply reply, Runnable onClientGone) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.request = request;
    this.response = request.response();
    this.reply = reply;
    this.onClientGone = onClientGone;
  }

  /** Must be called on the request's event loop. {@code onClientGone} runs if the client leaves before the end. */
  static void play(Vertx vertx, HttpServerRequest request, Reply reply, Runnable onClientGone) {
    new ReplyWriter(vertx, request, reply, onClientGone).start();
  }

  private void start() {
    response.closeHandler(v -> {
      if (!response.ended() && !cutByUs) onClientGone.run();
    });
    later(reply.headersDelay(), this::head);
  }

  private void head() {
    if (response.closed()) return;
    response.setStatusCode(reply.status());
    reply.headers().forEach(response::putHeader);
    switch (reply.body()) {
      case Reply.Empty e -> fixed("", null);
      case Reply.Fixed f -> fixed(f.text(), f.contentType());
      case Reply.Sse s -> {
        response.setChunked(true);
        response.putHeader("content-type", s.contentType());
        response.putHeader("cache-control", "no-cache");
        response.writeHead().onComplete(ar -> nextEvent(s.events(), 0));
      }
    }
  }

  /** A fixed body: whole on Complete; on Cut only its first half, then the connection closes; on Stall only headers. */
  private void fixed(String text, String contentType) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    if (contentType != null) response.putHeader("content-type", contentType);
    switch (reply.ending()) {
      case Reply.Complete c -> response.end(Buffer.buffer(bytes));
      case Reply.Cut c -> {
        response.putHeader("content-length", Integer.toString(bytes.length));
        response.write(Buffer.buffer(bytes).getBuffer(0, bytes.length / 2)).onComplete(ar -> cut());
      }
      case Reply.Stall s -> {
        response.putHeader("content-length", Integer.toString(bytes.length));
        response.writeHead();
      }
    }
  }

  private void nextEvent(List<String> events, int index) {
    if (response.closed()) return;
    int limit = switch (reply.ending()) {
      case Reply.Complete c -> events.size();
      case Reply.Cut c -> Math.min(c.afterEvents(), events.size());
      case Reply.Stall s -> Math.min(s.afterEvents(), events.size());
    };
    if (index >= limit) {
      switch (reply.ending()) {
        case Reply.Complete c -> response.end();
        case Reply.Cut c -> cut();
        case Reply.Stall s -> { } // keep the connection open, write nothing more
      }
      return;
    }
    later(reply.eventDelay(), () -> {
      if (response.closed()) return;
      response.write(Buffer.buffer(events.get(index))).onComplete(ar -> nextEvent(events, index + 1));
    });
  }

  /** Closes the connection without ending the response: the client sees a truncated body. */
  private void cut() {
    cutByUs = true;
    request.connection().close();
  }

  private void later(Duration delay, Runnable action) {
    long ms = delay.toMillis();
    if (ms <= 0) context.runOnContext(v -> action.run());
    else vertx.setTimer(ms, id -> action.run());
  }
}

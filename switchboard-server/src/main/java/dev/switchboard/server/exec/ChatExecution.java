package dev.switchboard.server.exec;

import dev.switchboard.billing.UsageEstimate;
import dev.switchboard.error.ErrorKey;
import dev.switchboard.error.GatewayError;
import dev.switchboard.model.ChatRequest;
import dev.switchboard.model.ChatResponse;
import dev.switchboard.model.FinishReason;
import dev.switchboard.model.StreamEvent;
import dev.switchboard.model.UpstreamError;
import dev.switchboard.model.Usage;
import dev.switchboard.protocol.ClientCodec;
import dev.switchboard.protocol.StreamEncoder;
import dev.switchboard.protocol.sse.SseEvent;
import dev.switchboard.protocol.sse.SseParser;
import dev.switchboard.provider.ChatAdapter;
import dev.switchboard.provider.StreamDecoder;
import dev.switchboard.provider.UpstreamRequest;
import dev.switchboard.provider.UpstreamTarget;
import dev.switchboard.routing.RoutePlan;
import dev.switchboard.server.exec.AttemptPlanner.Choice;
import dev.switchboard.server.upstream.Bodies;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServerResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Runs one chat request: attempts along the route plan (other key, then fallback) until one upstream answers;
 * non-streaming answers are buffered and re-encoded, streams are decoded, re-encoded and written as they arrive.
 * Fallback is only possible until the first event has been written to the client.
 */
public final class ChatExecution extends AttemptLoop {
  private static final String STOPPED_WITH_ERROR = "the upstream model stopped with an error (finish reason)";
  private final ClientCodec codec;
  private final ChatRequest request;
  /** The served non-streaming answer's content, for usage its upstream did not report. */
  private List<dev.switchboard.model.ContentBlock> answer;
  /** What the served stream relayed, in quarter tokens (see {@link UsageEstimate#streamedQuarterTokens}). */
  private long streamedQuarterTokens;

  public ChatExecution(GatewayServices services, Vertx vertx, HttpServerResponse response, ClientCodec codec,
                       ChatRequest request, RoutePlan plan, Exchange exchange, String accountIdHeader) {
    super(services, vertx, response, plan, exchange, accountIdHeader, codec::encodeError);
    this.codec = codec;
    this.request = request;
    exchange.stream = request.stream();
  }

  /** The prompt's o200k token count and the output budget: max_tokens, else the largest candidate maximum. */
  @Override
  protected dev.switchboard.billing.Estimate estimate() {
    long output = request.maxTokens() != null ? request.maxTokens() : 0;
    if (output <= 0) {
      for (var c : planner.plan().candidates()) {
        Integer max = c.model().maxOutputTokens();
        if (max != null) output = Math.max(output, max);
      }
    }
    if (output <= 0) output = services.billing().settings().defaultOutputTokens();
    return dev.switchboard.billing.Estimate.tokens(dev.switchboard.routing.PromptTokens.count(request), output);
  }

  @Override
  protected Callable<Usage> missingUsage() {
    Usage reported = exchange.usage;
    if (UsageEstimate.isComplete(reported)) return null;
    List<dev.switchboard.model.ContentBlock> content = answer;
    long streamed = UsageEstimate.tokensOfQuarters(streamedQuarterTokens);
    return () -> UsageEstimate.complete(reported, request,
        content != null ? UsageEstimate.outputTokens(content) : streamed);
  }

  @Override
  protected void attempt(Choice choice) {
    var candidate = choice.candidate();
    if (!candidate.provider().adapter().servesChat()) {
      skipCandidate(choice, "the " + candidate.provider().adapter().protocol().configName() + " wire has no chat");
      return;
    }
    UpstreamTarget target = candidate.provider().target(candidate.model(), planner.accountIdHeader());
    ChatAdapter adapter = candidate.provider().adapter().chat().forTarget(request, target);
    UpstreamRequest upstreamRequest = adapter.prepareChat(request, target, choice.key().key());
    long attemptStart = System.nanoTime();
    send(choice, attemptStart, upstreamRequest, resp -> {
      if (resp.statusCode() / 100 != 2) {
        IdleWatch watch = watchIdle(resp); // an error body that stalls must not hold the request (and its retry)
        resp.body().onComplete(body -> {
          watch.stop();
          inFlight = null;
          byte[] bytes = body.succeeded() ? body.result().getBytes() : new byte[0];
          UpstreamError error = adapter.parseError(resp.statusCode(), bytes);
          upstreamFailed(choice, attemptStart, adapter.classify(error), resp, error);
        });
      } else if (request.stream()) {
        new StreamRelay(choice, attemptStart, adapter, resp).run();
      } else {
        IdleWatch watch = watchIdle(resp);
        resp.body().onComplete(body -> {
          watch.stop();
          inFlight = null;
          if (body.failed()) transportFailed(choice, attemptStart, body.cause());
          else complete(choice, attemptStart, adapter, resp, body.result());
        });
      }
    });
  }

  private void complete(Choice choice, long attemptStart, ChatAdapter adapter, HttpClientResponse resp, Buffer body) {
    ChatResponse parsed;
    try {
      parsed = Bodies.parse(body, (bytes, offset, length) -> adapter.parseChat(request, bytes, offset, length));
    } catch (RuntimeException e) {
      unusableAnswer(choice, attemptStart, "invalid response body");
      return;
    }
    if (parsed.finishReason() == FinishReason.ERROR) {
      // Gemini's MALFORMED_FUNCTION_CALL / OTHER, a chat "error" finish: no client wire has an honest slot for it,
      // and passed on it would look like a (mostly empty) success. Another key or candidate may answer.
      unusableAnswer(choice, attemptStart, STOPPED_WITH_ERROR);
      return;
    }
    exchange.usage = parsed.usage();
    answer = parsed.content();
    if (clientGone) {
      abandon(); // drained after a disconnect: metered, nothing to send
      return;
    }
    succeeded(choice, attemptStart, resp);
    if (parsed.model() == null) parsed = parsed.withModel(choice.candidate().model().upstreamId());
    exchange.firstByte();
    response.putHeader(Responder.CONTENT_TYPE, Responder.APPLICATION_JSON);
    // Same wire as the client: the upstream's own bytes are the most faithful answer (parsed above for metering).
    Buffer answer = adapter.passesThrough(request) ? body : Bodies.wrap(codec.encodeResponse(parsed));
    // Ended once the charge is durable: a request the client saw complete is never left unbilled.
    finish(200, null).onComplete(v -> response.end(answer));
  }

  /**
   * Relays one upstream stream. Nothing is written until the first upstream event decoded without error: until
   * then a failure (an error event, a cut, a timeout) still falls back to the next attempt; after it, errors become
   * the client wire's error event, never a made-up success end.
   */
  private final class StreamRelay {
    private final Choice choice;
    private final long attemptStart;
    private final ChatAdapter adapter;
    private final HttpClientResponse upstream;
    private final SseParser parser = new SseParser();
    /** Upstream reads into the parser, made once per stream rather than per read. */
    private final Bodies.RangeReader feed;
    private final StreamDecoder decoder;
    private final StreamEncoder encoder;
    private final List<StreamEvent> held = new ArrayList<>(2);
    /** Same wire as the client: upstream SSE events are forwarded as they are, decoded only for usage and errors. */
    private final boolean raw;
    private final List<byte[]> heldRaw;
    private boolean committed;
    private boolean ended;
    private IdleWatch watch;
    /**
     * What the events of upstream reads encoded to, written to the client as one chunk once the event loop has
     * handled the reads at hand: an upstream buffer holding many events (a fast provider, a burst) costs one write
     * and one syscall, not one per event, and when the upstream's end arrives with its last events (as it does from
     * a fast upstream) the rest of the stream and the response's end go out together. Only the stream's first bytes
     * are flushed on their own. Null when nothing waits (end, errors): writes go out at once.
     */
    private Buffer pending;
    /** The length of the upstream read being handled: what its translation will roughly take. */
    private int readLength;
    /** Where, in {@link #pending}, the stream's end (end marker or error event) starts: what comes before is answer. */
    private int endStart;
    private final Context context = Vertx.currentContext();

    StreamRelay(Choice choice, long attemptStart, ChatAdapter adapter, HttpClientResponse upstream) {
      java.util.function.Consumer<SseEvent> onSse = this::onSse;
      this.feed = (bytes, offset, length) -> parser.feed(bytes, offset, length, onSse);
      this.choice = choice;
      this.attemptStart = attemptStart;
      this.adapter = adapter;
      this.upstream = upstream;
      this.decoder = adapter.streamDecoder(request);
      this.encoder = codec.streamEncoder(request);
      this.raw = adapter.passesThrough(request);
      this.heldRaw = raw ? new ArrayList<>(4) : List.of();
    }

    void run() {
      watch = watchIdle(upstream);
      upstream.handler(buf -> {
        watch.touch();
        if (ended) return;
        readLength = buf.length();
        if (pending == null) {
          // Before the commit only the first events collect here (the rest waits in `held`); after it, this read's
          // translation, which is about as long as the read itself.
          pending = Buffer.buffer(committed ? readLength + 256 : 512);
          // Runs after the reads the loop is handling now, so an end in the same read joins this write (endStream).
          context.runOnContext(v -> flushPending());
        }
        Bodies.read(buf, feed);
      });
      upstream.exceptionHandler(this::onUpstreamError);
      upstream.endHandler(v -> onUpstreamEnd());
    }

    private void onSse(SseEvent event) {
      boolean wasCommitted = committed;
      decoder.decode(event, this::onEvent);
      if (ended) return;
      if (raw) {
        byte[] frame = event.frame();
        if (committed) write(frame); else heldRaw.add(frame);
      }
      // The first upstream event decoded without error commits the stream: an error *in* the first event still
      // falls back, and the client gets its first bytes (role, message_start) without waiting for a token.
      if (!committed && !held.isEmpty()) commit();
      // The first bytes leave at once, not after the rest of this read is translated (time to first byte).
      if (!wasCommitted && committed && pending != null) {
        flushPending();
        pending = Buffer.buffer(readLength + 256); // the rest of this read (a 256-byte start grew 4-5 times)
      }
    }

    private void onEvent(StreamEvent event) {
      if (ended) return;
      if (event instanceof StreamEvent.Finish f && f.reason() == FinishReason.ERROR) {
        // As for a whole answer (complete): before the first byte another attempt may answer; after it, the
        // client's stream ends with an error event, never with a success end.
        onStreamError(new UpstreamError(0, null, null, STOPPED_WITH_ERROR));
        return;
      }
      switch (event) {
        case StreamEvent.UsageReport u -> exchange.usage = exchange.usage.merge(u.usage());
        case StreamEvent.TextDelta t -> streamedQuarterTokens += UsageEstimate.streamedQuarterTokens(t.text());
        case StreamEvent.ThinkingDelta t -> streamedQuarterTokens += UsageEstimate.streamedQuarterTokens(t.text());
        case StreamEvent.ToolCallDelta d ->
            streamedQuarterTokens += UsageEstimate.streamedQuarterTokens(d.argumentsFragment());
        default -> { }
      }
      if (event instanceof StreamEvent.Error e) {
        onStreamError(e.error());
        return;
      }
      if (!committed) {
        if (event instanceof StreamEvent.Start || event instanceof StreamEvent.UsageReport) {
          held.add(event);
          return;
        }
        commit();
      }
      if (!raw) write(encoder.encode(event));
    }

    private void commit() {
      committed = true;
      succeeded(choice, attemptStart, upstream);
      response.setChunked(true);
      response.putHeader("content-type", "text/event-stream");
      response.putHeader("cache-control", "no-cache");
      exchange.firstByte();
      if (raw) {
        // The upstream's own events so far (message_start...); the current one follows once decoded.
        for (byte[] frame : heldRaw) write(frame);
        heldRaw.clear();
        held.clear();
        return;
      }
      if (held.isEmpty() || !(held.get(0) instanceof StreamEvent.Start)) {
        write(encoder.encode(new StreamEvent.Start(null, choice.candidate().model().upstreamId())));
      }
      for (StreamEvent e : held) write(encoder.encode(e));
      held.clear();
    }

    private void write(byte[] bytes) {
      if (bytes.length == 0 || clientGone) return;
      if (pending != null) {
        pending.appendBytes(bytes);
        return;
      }
      send(Buffer.buffer(bytes));
    }

    private void flushPending() {
      Buffer out = pending;
      pending = null;
      if (out != null && out.length() > 0 && !clientGone) send(out);
    }

    private void send(Buffer out) {
      response.write(out);
      if (response.writeQueueFull()) {
        // Backpressure: stop reading the upstream until the client caught up.
        upstream.pause();
        response.drainHandler(v -> upstream.resume());
      }
    }

    private void onStreamError(UpstreamError error) {
      watch.stop();
      String message = services.redactor().redact(error.message());
      if (!committed) {
        ended = true;
        inFlight.reset();
        inFlight = null;
        unusableAnswer(choice, attemptStart, "stream error before first event: " + message);
        return;
      }
      endWithError(GatewayError.of(ErrorKey.UPSTREAM_ERROR, "Upstream stream failed: " + message));
    }

    private void onUpstreamError(Throwable cause) {
      watch.stop();
      if (ended) return;
      if (clientGone) {
        abandon();
        return;
      }
      if (!committed) {
        ended = true;
        inFlight = null;
        transportFailed(choice, attemptStart, cause);
        return;
      }
      if (services.graceOver().get()) {
        endWithError(CUT_BY_SHUTDOWN); // the shutdown reset it, the upstream did not break
        return;
      }
      String msg = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
      endWithError(GatewayError.of(ErrorKey.UPSTREAM_ERROR, "Upstream stream broke: " + services.redactor().redact(msg)));
    }

    private void onUpstreamEnd() {
      watch.stop();
      if (ended) return;
      if (clientGone) {
        parser.finish(this::onSse);
        abandon(); // drained after a disconnect: usage is in the exchange
        return;
      }
      // What the end translates to (the last events, the wire's end marker) goes out with the response's end.
      if (pending == null) pending = Buffer.buffer(256);
      parser.finish(this::onSse);
      decoder.finish(this::onEvent);
      if (ended) return;
      if (!committed) {
        if (!decoder.completed()) {
          ended = true;
          inFlight = null;
          unusableAnswer(choice, attemptStart, "stream ended before any event");
          return;
        }
        commit(); // a complete but empty answer
      }
      ended = true;
      inFlight = null;
      if (!decoder.completed()) {
        endWithError(GatewayError.of(ErrorKey.UPSTREAM_ERROR, "Upstream stream ended before it was complete"));
        return;
      }
      endStart = pending == null ? 0 : pending.length();
      if (!raw) write(encoder.end()); // a forwarded stream already carried its own end
      endStream(null);
    }

    private void endWithError(GatewayError error) {
      watch.stop();
      ended = true;
      brokeAfterFirstByte(choice, attemptStart);
      if (inFlight != null) {
        inFlight.reset();
        inFlight = null;
      }
      // Partial streams are still recorded with whatever usage was reported.
      exchange.errorKey = error.key().name();
      if (pending == null) pending = Buffer.buffer(256);
      endStart = pending.length();
      write(encoder.error(error));
      endStream(error.key().name());
    }

    /**
     * Ends the client's stream: the pending bytes (the last reads' events, then the end marker: [DONE],
     * message_stop, an error event) and the response's end in one write, once the charge is durable, so a client
     * never sees the end of a stream that could still go unbilled. When the charge is still being made durable
     * (prepaid billing's journal), the answer's last events go out at once and only the end waits for it.
     */
    private void endStream(String errorKey) {
      Buffer last = pending;
      pending = null;
      Future<Void> settled = finish(200, errorKey);
      if (!settled.isComplete() && last != null && endStart > 0 && !clientGone) {
        send(last.getBuffer(0, endStart));
        last = last.getBuffer(endStart, last.length());
      }
      Buffer end = last;
      settled.onComplete(v -> {
        if (end != null && end.length() > 0 && !clientGone) response.end(end);
        else response.end();
      });
    }
  }
}

package dev.switchboard.server.exec;

import dev.switchboard.billing.Estimate;
import dev.switchboard.error.ErrorKey;
import dev.switchboard.error.FailureClass;
import dev.switchboard.model.UpstreamError;
import dev.switchboard.protocol.openai.OpenAiErrors;
import dev.switchboard.provider.ApiKey;
import dev.switchboard.provider.UpstreamRequest;
import dev.switchboard.provider.UpstreamTarget;
import dev.switchboard.routing.ProviderRuntime;
import dev.switchboard.routing.RoutePlan;
import dev.switchboard.server.exec.AttemptPlanner.Choice;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServerResponse;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * Forwards a request whose upstream speaks the client's own shape (moderations, images, audio, the provider proxy)
 * through the shared attempt loop: the {@link Forward} builds each attempt's call (model id and key swapped in),
 * and the answer goes back as the upstream sent it. JSON answers are buffered to read their usage; anything else
 * (audio, SSE, files) is streamed with backpressure, after which nothing can be retried. The forward also says what
 * is billed beside tokens (images, seconds of audio: {@link MediaMeters}).
 */
public final class PassThroughExecution extends AttemptLoop {
  /** Response headers that describe one hop, or that no longer hold once the body is re-chunked or decompressed. */
  static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authenticate", "proxy-authorization",
      "te", "trailer", "trailers", "transfer-encoding", "upgrade", "content-length", "content-encoding");

  /** How one endpoint's request reaches one candidate. */
  public interface Forward {
    /** Why this provider cannot serve the request (its wire lacks the endpoint), or null when it can. */
    String unsupported(ProviderRuntime provider);

    UpstreamRequest prepare(ProviderRuntime provider, UpstreamTarget target, ApiKey key);

    /** True for the raw proxy: an upstream 4xx reaches the client as the upstream wrote it. */
    default boolean verbatimErrors() { return false; }

    /** What the request is known to consume before it goes upstream, for the balance reservation. */
    default Estimate estimate() { return Estimate.NONE; }

    /** What a 2xx JSON answer is billed for; its OpenAI- or Anthropic-style top-level usage by default. */
    default Metered meter(ProviderRuntime provider, byte[] body) { return Metered.tokens(body); }

    /** Watches a relayed answer (audio, SSE, text) for what it is billed for; nothing by default. */
    default RelayMeter relayMeter(ProviderRuntime provider, String contentType) { return RelayMeter.NONE; }
  }

  /** Takes a successful answer instead of the client: a non-final step of a chain. */
  public interface Capture {
    void accept(ProviderRuntime provider, String contentType, Buffer body);
  }

  private final Forward forward;
  private final Capture capture;

  public PassThroughExecution(GatewayServices services, Vertx vertx, HttpServerResponse response, RoutePlan plan,
                              Exchange exchange, String accountIdHeader, Forward forward, Capture capture) {
    super(services, vertx, response, plan, exchange, accountIdHeader, OpenAiErrors::encode);
    this.forward = forward;
    this.capture = capture;
    this.recordsSuccess = capture == null;
  }

  @Override
  protected Estimate estimate() { return forward.estimate(); }

  @Override
  protected void attempt(Choice choice) {
    ProviderRuntime provider = choice.candidate().provider();
    String unsupported = forward.unsupported(provider);
    if (unsupported != null) {
      skipCandidate(choice, unsupported);
      return;
    }
    UpstreamRequest upstreamRequest = forward.prepare(provider,
        provider.target(choice.candidate().model(), planner.accountIdHeader()), choice.key().key());
    long attemptStart = System.nanoTime();
    send(choice, attemptStart, upstreamRequest, resp -> {
      String type = resp.getHeader("content-type");
      if (resp.statusCode() / 100 != 2) {
        resp.body().onComplete(body -> {
          inFlight = null;
          byte[] bytes = body.succeeded() ? body.result().getBytes() : new byte[0];
          var chat = provider.adapter().chat();
          UpstreamError error = chat.parseError(resp.statusCode(), bytes);
          FailureClass failure = chat.classify(error);
          if (failure == FailureClass.CALLER_FAULT && forward.verbatimErrors() && capture == null) {
            verbatimError(choice, attemptStart, resp, error, body.succeeded() ? body.result() : Buffer.buffer());
          } else {
            upstreamFailed(choice, attemptStart, failure, resp, error);
          }
        });
      } else if (capture != null || isJson(type)) {
        resp.body().onComplete(body -> {
          inFlight = null;
          if (body.failed()) transportFailed(choice, attemptStart, body.cause());
          else complete(choice, attemptStart, provider, resp, type, body.result());
        });
      } else {
        relay(choice, attemptStart, provider, resp, type);
      }
    });
  }

  private void complete(Choice choice, long attemptStart, ProviderRuntime provider, HttpClientResponse resp,
                        String type, Buffer body) {
    if (clientGone) {
      abandon();
      return;
    }
    succeeded(choice, attemptStart, resp);
    if (isJson(type) || capture != null) forward.meter(provider, body.getBytes()).addTo(exchange);
    exchange.firstByte();
    var charged = finish(resp.statusCode(), null);
    if (capture != null) {
      capture.accept(provider, type, body);
      return;
    }
    copyHeaders(resp);
    response.setStatusCode(resp.statusCode());
    charged.onComplete(v -> response.end(body));
  }

  /** Streams a non-JSON answer (audio, SSE, files) as it arrives; past the first byte nothing can be retried. */
  private void relay(Choice choice, long attemptStart, ProviderRuntime provider, HttpClientResponse upstream,
                     String type) {
    if (clientGone) {
      upstream.request().reset();
      abandon();
      return;
    }
    succeeded(choice, attemptStart, upstream);
    exchange.stream = type != null && type.toLowerCase(Locale.ROOT).startsWith("text/event-stream");
    copyHeaders(upstream);
    response.setStatusCode(upstream.statusCode());
    response.setChunked(true);
    boolean[] ended = {false};
    RelayMeter meter = forward.relayMeter(provider, type);
    upstream.handler(buf -> {
      if (ended[0] || clientGone) return;
      exchange.firstByte();
      meter.chunk(buf);
      response.write(buf);
      if (response.writeQueueFull()) {
        // Backpressure: stop reading the upstream until the client caught up.
        upstream.pause();
        response.drainHandler(v -> upstream.resume());
      }
    });
    upstream.exceptionHandler(t -> {
      if (ended[0] || clientGone) return;
      ended[0] = true;
      inFlight = null;
      meter.end().addTo(exchange); // what reached the client is charged, as for a broken chat stream
      // Headers are out: the only honest signal left is to cut the client's response too.
      // Reset by the shutdown at the end of its grace, or broken by the upstream.
      ErrorKey why = services.graceOver().get() ? ErrorKey.SHUTTING_DOWN : ErrorKey.UPSTREAM_ERROR;
      finish(upstream.statusCode(), why.name());
      response.reset();
    });
    upstream.endHandler(v -> {
      if (ended[0] || clientGone) return;
      ended[0] = true;
      inFlight = null;
      meter.end().addTo(exchange);
      finish(upstream.statusCode(), null).onComplete(x -> response.end());
    });
  }

  private void verbatimError(Choice choice, long attemptStart, HttpClientResponse resp, UpstreamError error, Buffer body) {
    if (clientGone) return;
    recordAttempt(choice, attemptStart, resp.statusCode(), FailureClass.CALLER_FAULT,
        services.redactor().redact(String.valueOf(error.message())));
    responder.headers(choice);
    copyHeaders(resp);
    response.setStatusCode(resp.statusCode());
    finish(resp.statusCode(), ErrorKey.UPSTREAM_BAD_REQUEST.name());
    // The upstream's own words, but never a key it echoed ("Invalid API key: sk-..." to a proxied call).
    String text = body.toString(StandardCharsets.UTF_8);
    String redacted = services.redactor().redact(text);
    response.end(redacted.equals(text) ? body : Buffer.buffer(redacted));
  }

  private void copyHeaders(HttpClientResponse upstream) {
    upstream.headers().forEach(h -> {
      String name = h.getKey().toLowerCase(Locale.ROOT);
      if (!HOP_BY_HOP.contains(name) && !name.startsWith("x-switchboard-") && !name.equals("x-request-id")) {
        response.headers().add(h.getKey(), h.getValue());
      }
    });
  }

  static boolean isJson(String type) {
    if (type == null) return false;
    String t = type.toLowerCase(Locale.ROOT);
    return t.startsWith("application/json") || t.contains("+json");
  }
}

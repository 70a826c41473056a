package dev.switchboard.server.exec;

import dev.switchboard.error.ErrorKey;
import dev.switchboard.error.FailureClass;
import dev.switchboard.error.GatewayError;
import dev.switchboard.model.UpstreamError;
import dev.switchboard.routing.Outcome;
import dev.switchboard.routing.RateLimitHeaders;
import dev.switchboard.routing.RoutePlan;
import dev.switchboard.server.exec.AttemptPlanner.Choice;
import dev.switchboard.server.upstream.Bodies;
import dev.switchboard.server.upstream.UpstreamClient;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServerResponse;
import java.util.Optional;
import java.util.function.Function;

/**
 * The retry/fallback loop shared by every endpoint that calls upstreams: pick the next (candidate, key), let the
 * subclass make the call, and apply what each failure says (disable or cool the key, try another key, fall back,
 * or stop on a caller fault). Runs on the request's event loop only.
 */
abstract class AttemptLoop {
  /** A request still running when the shutdown grace ends: its upstream call is reset and it ends with this. */
  static final GatewayError CUT_BY_SHUTDOWN = GatewayError.of(ErrorKey.SHUTTING_DOWN,
      "The gateway is shutting down; retry on another instance");
  protected final GatewayServices services;
  protected final Vertx vertx;
  protected final HttpServerResponse response;
  protected final Exchange exchange;
  protected final AttemptPlanner planner;
  protected final Responder responder;
  protected HttpClientRequest inFlight;
  protected boolean clientGone;
  /** The connection was closed by the shutdown after its grace, not by the client. */
  private boolean cutByShutdown;
  private GatewayError lastCallerFault;
  /** A provider's 404 (model_not_found): the request moved on to the next candidate. */
  private GatewayError lastNotFound;
  private boolean done;
  private Choice served;
  /**
   * False for a step of a chain (speech-to-speech) that is not the last: its success ends without recording, so
   * the exchange is recorded once, by the step that answers the client (failures always record).
   */
  protected boolean recordsSuccess = true;

  AttemptLoop(GatewayServices services, Vertx vertx, HttpServerResponse response, RoutePlan plan, Exchange exchange,
              String accountIdHeader, Function<GatewayError, byte[]> errorEncoder) {
    this.services = services;
    this.vertx = vertx;
    this.response = response;
    this.exchange = exchange;
    this.planner = new AttemptPlanner(plan, services.router(), services.config().routing(), exchange.startNanos,
        accountIdHeader);
    exchange.plan = plan;
    exchange.planner = planner;
    this.responder = new Responder(services, response, exchange, errorEncoder);
  }

  public final void start() {
    response.closeHandler(v -> onClientGone());
    var billing = services.billing();
    if (billing == null || !billing.applies(exchange)) {
      next();
      return;
    }
    // Prepaid: the estimated cost is held before anything goes upstream (from memory unless a refill is needed).
    var reserved = billing.reserve(exchange, estimate());
    if (reserved.succeeded()) {
      next();
      return;
    }
    reserved.onComplete(ar -> {
      if (ar.succeeded()) {
        next();
        return;
      }
      if (done) return;
      GatewayError error = ar.cause() instanceof dev.switchboard.error.GatewayException g ? g.error()
          : GatewayError.of(ErrorKey.INTERNAL, "Internal error (request " + exchange.requestId() + ")");
      if (clientGone) {
        abandon();
        return;
      }
      responder.error(error);
      finish(error.status(), error.key().name());
    });
  }

  /**
   * What the request is known to consume, for the balance reservation; no tokens (the default) reserves at least
   * the configured minimum. Chat overrides it with the prompt's o200k count and max_tokens or the model's maximum
   * output; the media endpoints with the images asked for or the seconds uploaded.
   */
  protected dev.switchboard.billing.Estimate estimate() { return dev.switchboard.billing.Estimate.NONE; }

  /** Sends one attempt; must end in a success, {@link #transportFailed} or {@link #upstreamFailed}. */
  protected abstract void attempt(Choice choice);

  protected final void next() {
    if (done) return;
    if (clientGone) {
      abandon();
      return;
    }
    if (services.graceOver().get()) {
      // The shutdown reset the upstream call at the end of its grace: no other attempt, the client retries elsewhere.
      responder.error(CUT_BY_SHUTDOWN);
      finish(CUT_BY_SHUTDOWN.status(), CUT_BY_SHUTDOWN.key().name());
      return;
    }
    Optional<Choice> choice = planner.next();
    if (choice.isEmpty()) {
      failAll();
      return;
    }
    attempt(choice.get());
  }

  /** Moves past a candidate whose wire cannot serve this endpoint; the reason shows in the final error. */
  protected final void skipCandidate(Choice choice, String reason) {
    planner.skip(choice, reason);
    next();
  }

  private void onClientGone() {
    if (done) return;
    clientGone = true;
    cutByShutdown = services.graceOver().get();
    if (inFlight != null && services.config().upstream().drainOnDisconnect() && !cutByShutdown) {
      // Configured to keep reading the answer so it is metered; it is recorded as 499 when it ends
      // (bounded by the upstream idle timeout).
      return;
    }
    // Default: cancel the upstream call at once, nobody is left to read it.
    if (inFlight != null) inFlight.reset();
    abandon();
  }

  /**
   * Ends an exchange whose client left: recorded as 499 with whatever usage was reported; as 503 SHUTTING_DOWN when
   * the shutdown closed the connection at the end of its grace (the client did not leave, the gateway cut it).
   */
  protected final void abandon() {
    inFlight = null;
    if (cutByShutdown) finish(ErrorKey.SHUTTING_DOWN.status(), ErrorKey.SHUTTING_DOWN.name());
    else finish(499, "CLIENT_CLOSED");
  }

  /** Opens and sends a request with a first-byte deadline; the response (any status) goes to {@code onResponse}. */
  protected final void send(Choice choice, long attemptStart, dev.switchboard.provider.UpstreamRequest upstreamRequest,
                            io.vertx.core.Handler<HttpClientResponse> onResponse) {
    long firstByteMs = Math.max(1, Math.min(services.config().upstream().firstByteTimeout().toMillis(),
        planner.remainingNanos() / 1_000_000));
    services.upstream().open(upstreamRequest).onComplete(opened -> {
      if (opened.failed()) {
        transportFailed(choice, attemptStart, opened.cause());
        return;
      }
      HttpClientRequest req = opened.result();
      if (clientGone) { req.reset(); return; }
      inFlight = req;
      long timer = vertx.setTimer(firstByteMs, t -> req.reset(0, new java.util.concurrent.TimeoutException(
          "timeout: no response within " + firstByteMs + " ms")));
      req.send(UpstreamClient.body(upstreamRequest)).onComplete(sent -> {
        vertx.cancelTimer(timer);
        if (sent.failed()) {
          inFlight = null;
          transportFailed(choice, attemptStart, sent.cause());
          return;
        }
        onResponse.handle(sent.result());
      });
    });
  }

  /**
   * Sends an attempt and buffers the answer: transport failures, non-2xx answers and a departed client go through
   * the loop; a 2xx body goes to {@code onOk}.
   */
  protected final void sendBuffered(Choice choice, long attemptStart, dev.switchboard.provider.UpstreamRequest request,
                                    java.util.function.BiConsumer<HttpClientResponse, byte[]> onOk) {
    var provider = choice.candidate().provider();
    send(choice, attemptStart, request, resp -> {
      IdleWatch watch = watchIdle(resp);
      resp.body().onComplete(body -> {
      watch.stop();
      inFlight = null;
      if (body.failed()) {
        transportFailed(choice, attemptStart, body.cause());
        return;
      }
      if (resp.statusCode() / 100 != 2) {
        var chat = provider.adapter().chat();
        UpstreamError error = chat.parseError(resp.statusCode(), body.result().getBytes());
        upstreamFailed(choice, attemptStart, chat.classify(error), resp, error);
        return;
      }
      if (clientGone) {
        abandon();
        return;
      }
      onOk.accept(resp, body.result().getBytes());
      });
    });
  }

  /** Starts the idle timeout for an answer being read (see {@link IdleWatch}); stop it when the answer ended. */
  protected final IdleWatch watchIdle(HttpClientResponse resp) {
    return new IdleWatch(vertx, resp.request(), services.config().upstream().idleTimeout().toMillis());
  }

  /** Ends a successful exchange with a JSON answer. */
  protected final void answerJson(byte[] json) {
    exchange.firstByte();
    response.putHeader(Responder.CONTENT_TYPE, Responder.APPLICATION_JSON);
    io.vertx.core.buffer.Buffer answer = Bodies.wrap(json);
    // Ended once the charge is durable: a request the client saw complete is never left unbilled.
    finish(200, null).onComplete(v -> response.end(answer));
  }

  protected final void transportFailed(Choice choice, long attemptStart, Throwable cause) {
    if (clientGone) {
      abandon();
      return;
    }
    String msg = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    boolean timeout = cause instanceof java.util.concurrent.TimeoutException
        || cause.getClass().getSimpleName().contains("Timeout") || msg.startsWith("timeout");
    String detail = (timeout ? "timeout: " : "connection failed: ") + services.redactor().redact(msg);
    recordAttempt(choice, attemptStart, 0, FailureClass.TRANSIENT, detail);
    services.router().report(choice.candidate(), choice.key(), Outcome.failed(FailureClass.TRANSIENT,
        System.nanoTime() - attemptStart, null, null, detail));
    planner.keyFailed(choice.key());
    next();
  }

  protected final void upstreamFailed(Choice choice, long attemptStart, FailureClass failure, HttpClientResponse resp,
                                      UpstreamError error) {
    if (clientGone) {
      abandon();
      return;
    }
    String message = services.redactor().redact(error.message());
    services.router().report(choice.candidate(), choice.key(), Outcome.failed(failure, System.nanoTime() - attemptStart,
        RetryAfter.parse(resp.headers()), budgetSpent(resp), "HTTP " + resp.statusCode() + ": " + message));
    recordAttempt(choice, attemptStart, resp.statusCode(), failure, message);
    if (failure == FailureClass.CALLER_FAULT) {
      int status = resp.statusCode() >= 400 && resp.statusCode() < 500 ? resp.statusCode() : 400;
      GatewayError fault = new GatewayError(ErrorKey.UPSTREAM_BAD_REQUEST, status,
          "Provider '" + choice.candidate().provider().name() + "' rejected the request: " + message, null);
      if (resp.statusCode() == 404) {
        // The model is retired at this provider or not open to its account (model_not_found): the next candidate
        // of the chain may serve it. The client gets the 404 only if every attempt ended that way.
        lastNotFound = fault;
        planner.nextCandidate();
        next();
        return;
      }
      // The request itself is at fault: another key or provider would refuse it too.
      lastCallerFault = fault;
      failAll();
      return;
    }
    planner.keyFailed(choice.key());
    next();
  }

  /** A 2xx answer that could not be used (unparseable body, empty stream): try elsewhere. */
  protected final void unusableAnswer(Choice choice, long attemptStart, String detail) {
    recordAttempt(choice, attemptStart, 200, FailureClass.TRANSIENT, detail);
    services.router().report(choice.candidate(), choice.key(), Outcome.failed(FailureClass.TRANSIENT,
        System.nanoTime() - attemptStart, null, null, detail));
    planner.keyFailed(choice.key());
    next();
  }

  private void failAll() {
    if (done) return;
    GatewayError fault = lastCallerFault;
    if (fault == null && lastNotFound != null && exchange.attempts.stream().allMatch(a -> a.status() == 404)) {
      fault = lastNotFound;
    }
    GatewayError error = planner.finalError(exchange.attempts, fault);
    if (error.key() == ErrorKey.RATE_LIMITED || error.key() == ErrorKey.NO_PROVIDER_AVAILABLE) {
      Long retryAfter = planner.retryAfterSeconds(exchange.attempts);
      if (retryAfter == null) retryAfter = services.config().routing().defaultCooldown().toSeconds();
      response.putHeader("retry-after", String.valueOf(Math.max(1, retryAfter)));
    }
    responder.error(error);
    finish(error.status(), error.key().name());
  }

  protected final void succeeded(Choice c, long attemptStart, HttpClientResponse resp) {
    long elapsed = System.nanoTime() - attemptStart;
    // Success is reported at the first byte the client gets: latency and TTFB are the same measure here.
    services.router().report(c.candidate(), c.key(), Outcome.success(elapsed, elapsed, budgetSpent(resp)));
    services.router().served(planner.plan(), c.candidate());
    served = c;
    recordAttempt(c, attemptStart, 200, null, null);
    exchange.provider = c.candidate().provider().name();
    exchange.servedModel = c.candidate().model().publicId();
    exchange.upstreamKey = c.key().name();
    responder.headers(c);
  }

  protected final void recordAttempt(Choice c, long start, int status, FailureClass failure, String detail) {
    exchange.attempts.add(new Attempt(c.candidate().provider().name(), c.candidate().model().publicId(),
        c.key().name(), status, failure, detail, (System.nanoTime() - start) / 1000));
  }

  /** The key's budget per the provider's x-ratelimit-* headers (null when not spent or not sent). */
  private static java.time.Duration budgetSpent(HttpClientResponse resp) {
    return RateLimitHeaders.exhaustedFor(resp.headers()::get, System.currentTimeMillis() / 1000);
  }

  /** A stream that broke after its first byte: too late to fall back, but it counts against the provider's health. */
  protected final void brokeAfterFirstByte(Choice c, long attemptStart) {
    services.router().reportBrokenStream(c.candidate(), c.key(), System.nanoTime() - attemptStart);
  }

  /**
   * Ends the exchange once; the future completes when its charge is durable (at once when nothing is billed), so
   * callers end a successful answer after it.
   */
  protected final io.vertx.core.Future<Void> finish(int status, String errorKey) {
    if (done) return io.vertx.core.Future.succeededFuture();
    done = true;
    java.util.concurrent.Callable<dev.switchboard.model.Usage> estimate = served == null ? null : missingUsage();
    if (estimate == null) return settle(status, errorKey);
    // Counting a prompt can take milliseconds: off the event loop, and only when the upstream reported no usage.
    return vertx.executeBlocking(estimate, false)
        .recover(e -> io.vertx.core.Future.succeededFuture(exchange.usage))
        .compose(usage -> {
          exchange.usage = usage;
          return settle(status, errorKey);
        });
  }

  /**
   * Usage the upstream left out of a served answer, to estimate before it is recorded and charged (null when
   * nothing is missing): the exchange would otherwise be metered, and billed, as free.
   */
  protected java.util.concurrent.Callable<dev.switchboard.model.Usage> missingUsage() { return null; }

  private io.vertx.core.Future<Void> settle(int status, String errorKey) {
    if (served != null) {
      long tokens = (exchange.usage.inputTokens() == null ? 0 : exchange.usage.inputTokens())
          + (exchange.usage.outputTokens() == null ? 0 : exchange.usage.outputTokens());
      services.router().chargeTokens(served.candidate(), served.key(), tokens);
    }
    exchange.status = status;
    if (errorKey != null) exchange.errorKey = errorKey;
    if (errorKey == null && status / 100 == 2 && !recordsSuccess) return io.vertx.core.Future.succeededFuture();
    return services.record(exchange);
  }
}

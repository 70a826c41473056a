package dev.switchboard.testkit;

import dev.switchboard.provider.Protocol;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A fake upstream on 127.0.0.1 (ephemeral port) serving every wire by path: OpenAI under {@code /v1}
 * (chat/completions, responses, embeddings, models, moderations, images, audio), Anthropic {@code /v1/messages}, Gemini under
 * {@code /v1beta/models/}, Cohere under {@code /v2}, Jina under {@code /jina/v1}, Voyage under {@code /voyage/v1},
 * DashScope {@code /api/v1/services/aigc/text-generation/generation}.
 *
 * <p>Each request is recorded, then answered by, in order: the wrong-key check (when {@link #validKeys} is set),
 * the next reply enqueued for its endpoint, the next reply enqueued for any endpoint, the endpoint's default reply,
 * and finally the model-name conventions ({@code slow-<ms>}, {@code status-<code>},
 * {@code status-<code>-retry-after-<s>}, {@code cut-after-<n>}, {@code stall-after-<n>}, {@code bad-key}), where
 * any other model gets "Hello from &lt;wire&gt; fake" with {@link #DEFAULT_USAGE}.
 *
 * <p>Usage: {@code try (var fake = new FakeUpstream().start()) { ... fake.baseUrl(Protocol.OPENAI) ... }}
 */
public final class FakeUpstream implements AutoCloseable {
  /** Usage reported by the normal answer on every wire. */
  public static final Tokens DEFAULT_USAGE = Tokens.of(11, 4);

  private final Map<Endpoint, Queue<Reply>> queues = new EnumMap<>(Endpoint.class);
  private final Queue<Reply> anyQueue = new ConcurrentLinkedQueue<>();
  private final Map<Endpoint, Function<ReceivedRequest, Reply>> defaults = new ConcurrentHashMap<>();
  private final Set<String> validKeys = ConcurrentHashMap.newKeySet();
  private final Object lock = new Object();
  private final List<ReceivedRequest> received = new ArrayList<>();
  private int cancelled;
  private volatile boolean closing;
  private Vertx vertx;
  private HttpServer server;

  public FakeUpstream() {
    for (Endpoint e : Endpoint.values()) queues.put(e, new ConcurrentLinkedQueue<>());
  }

  /** The text of the normal answer, e.g. "Hello from openai fake". */
  public static String defaultText(Protocol protocol) { return "Hello from " + protocol.configName() + " fake"; }

  /** Starts listening; returns once the port is bound. */
  public FakeUpstream start() {
    if (vertx != null) throw new IllegalStateException("already started");
    // One event loop and minimal pools: fakes start many times per test run and must start fast.
    vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1).setInternalBlockingPoolSize(1));
    server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0)).requestHandler(this::handle);
    try {
      server.listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      vertx.close();
      throw new IllegalStateException("fake upstream failed to start", e);
    }
    return this;
  }

  public int port() {
    if (server == null) throw new IllegalStateException("not started");
    return server.actualPort();
  }

  /** {@code http://127.0.0.1:PORT} */
  public String origin() { return "http://127.0.0.1:" + port(); }

  /**
   * The base URL a provider config uses: {@code …/v1} for OpenAI and Anthropic, {@code …/v1beta} for Gemini,
   * {@code …/v2} for Cohere, {@code …/jina/v1} and {@code …/voyage/v1} for Jina and Voyage (whose real paths
   * collide with OpenAI's, hence the prefixes).
   * {@code …/api/v1} for DashScope.
   */
  public String baseUrl(Protocol protocol) {
    return origin() + switch (protocol) {
      case GEMINI -> "/v1beta";
      case COHERE -> "/v2";
      case JINA -> "/jina/v1";
      case VOYAGE -> "/voyage/v1";
      case DASHSCOPE -> "/api/v1";
      case OPENAI, ANTHROPIC -> "/v1";
    };
  }

  /** The OpenAI/Anthropic base URL {@code …/v1}. */
  public String baseUrl() { return baseUrl(Protocol.OPENAI); }

  // ---- scripting -----------------------------------------------------------------------------------------------

  /** Queues replies for one endpoint, consumed in order. */
  public FakeUpstream enqueue(Endpoint endpoint, Reply... replies) {
    Queue<Reply> queue = queues.get(Objects.requireNonNull(endpoint, "endpoint"));
    for (Reply r : replies) queue.add(Objects.requireNonNull(r, "reply"));
    return this;
  }

  /** Queues replies for whichever endpoint is called next (after that endpoint's own queue is empty). */
  public FakeUpstream enqueue(Reply... replies) {
    for (Reply r : replies) anyQueue.add(Objects.requireNonNull(r, "reply"));
    return this;
  }

  /** The reply an endpoint gives when its queues are empty, instead of the model-name conventions. */
  public FakeUpstream defaultReply(Endpoint endpoint, Reply reply) {
    Objects.requireNonNull(reply, "reply");
    return defaultReply(endpoint, request -> reply);
  }

  /** Like {@link #defaultReply(Endpoint, Reply)} but computed from the request. */
  public FakeUpstream defaultReply(Endpoint endpoint, Function<ReceivedRequest, Reply> responder) {
    defaults.put(Objects.requireNonNull(endpoint, "endpoint"), Objects.requireNonNull(responder, "responder"));
    return this;
  }

  /** Only these API keys are accepted; any other (or none) gets the wire's wrong-key error. Empty: accept all. */
  public FakeUpstream validKeys(String... keys) {
    validKeys.clear();
    validKeys.addAll(List.of(keys));
    return this;
  }

  /** Forgets recordings, queues, default replies and valid keys. */
  public void reset() {
    synchronized (lock) {
      received.clear();
      cancelled = 0;
    }
    queues.values().forEach(Queue::clear);
    anyQueue.clear();
    defaults.clear();
    validKeys.clear();
  }

  // ---- recording -----------------------------------------------------------------------------------------------

  /** All requests so far, in arrival order. */
  public List<ReceivedRequest> requests() {
    synchronized (lock) {
      return List.copyOf(received);
    }
  }

  public ReceivedRequest lastRequest() {
    synchronized (lock) {
      if (received.isEmpty()) throw new AssertionError("fake upstream received no request");
      return received.getLast();
    }
  }

  /** Waits until at least {@code n} requests arrived; fails with an AssertionError on timeout. */
  public List<ReceivedRequest> awaitRequests(int n, Duration timeout) {
    synchronized (lock) {
      awaitCondition(() -> received.size() >= n, timeout,
          () -> "expected " + n + " requests, got " + received.size());
      return List.copyOf(received);
    }
  }

  /** How many responses the client abandoned (disconnected or reset) before the fake ended them. */
  public int cancelledCount() {
    synchronized (lock) {
      return cancelled;
    }
  }

  /** Waits until at least one response was abandoned by the client; fails with an AssertionError on timeout. */
  public int awaitCancelled(Duration timeout) {
    synchronized (lock) {
      awaitCondition(() -> cancelled > 0, timeout, () -> "no request was cancelled by the client");
      return cancelled;
    }
  }

  private void awaitCondition(java.util.function.BooleanSupplier done, Duration timeout,
                              java.util.function.Supplier<String> failure) {
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      while (!done.getAsBoolean()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) throw new AssertionError(failure.get() + " within " + timeout);
        TimeUnit.NANOSECONDS.timedWait(lock, left);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting", e);
    }
  }

  // ---- serving -------------------------------------------------------------------------------------------------

  private void handle(HttpServerRequest req) {
    req.body().onSuccess(body -> {
      Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      req.headers().forEach(h -> headers.computeIfAbsent(h.getKey(), k -> new ArrayList<>()).add(h.getValue()));
      headers.replaceAll((k, v) -> Collections.unmodifiableList(v));
      String path = req.path();
      ReceivedRequest request = new ReceivedRequest(req.method().name(), path, req.query() == null ? "" : req.query(),
          Collections.unmodifiableMap(headers), body.getBytes(), Endpoint.match(req.method().name(), path));
      synchronized (lock) {
        received.add(request);
        lock.notifyAll();
      }
      Reply reply;
      try {
        reply = choose(request);
      } catch (RuntimeException e) {
        // e.g. a malformed JSON body: answer like a real upstream would rather than hanging the client
        reply = request.endpoint() == null ? Conventions.unknownPath(path)
            : Conventions.badRequest(request.endpoint(), e.getMessage());
      }
      ReplyWriter.play(vertx, req, reply, this::clientGone);
    });
  }

  private Reply choose(ReceivedRequest request) {
    Endpoint endpoint = request.endpoint();
    if (endpoint == null) return Conventions.unknownPath(request.path());
    if (!validKeys.isEmpty()) {
      String key = request.apiKey();
      if (key == null || !validKeys.contains(key)) return Conventions.authError(endpoint.protocol());
    }
    Reply next = queues.get(endpoint).poll();
    if (next == null) next = anyQueue.poll();
    if (next != null) return next;
    Function<ReceivedRequest, Reply> responder = defaults.get(endpoint);
    return responder != null ? responder.apply(request) : Conventions.reply(request);
  }

  private void clientGone() {
    if (closing) return;
    synchronized (lock) {
      cancelled++;
      lock.notifyAll();
    }
  }

  @Override public void close() {
    closing = true;
    if (vertx != null) {
      try {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new IllegalStateException("fake upstream failed to stop", e);
      }
    }
  }
}

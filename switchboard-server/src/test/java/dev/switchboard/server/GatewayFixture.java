package dev.switchboard.server;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import dev.switchboard.config.ConfigLoader;
import dev.switchboard.config.GatewayConfig;
import dev.switchboard.provider.Protocol;
import dev.switchboard.testkit.FakeUpstream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Boots the real gateway in-process from a YAML config whose providers point at one {@link FakeUpstream}:
 * {@code oai} (OpenAI wire, keys k1/k2), {@code anth} (Anthropic), {@code gem} (Gemini). H2 in a temp dir.
 */
public final class GatewayFixture implements AutoCloseable {
  public static final String CLIENT_KEY = "sk-client-test-0123456789";
  public static final String OAI_K1 = "sk-upstream-oai-key-one-111";
  public static final String OAI_K2 = "sk-upstream-oai-key-two-222";
  public static final String ANTH_KEY = "sk-ant-upstream-key-333333";
  public static final String GEM_KEY = "AIza-upstream-gemini-key-444";

  public final FakeUpstream fake;
  public final Gateway gateway;
  public final Path dir;

  public GatewayFixture() { this(""); }

  /** @param extraYaml appended after the providers (more providers when indented as list items); {fake} is the fake's origin */
  public GatewayFixture(String extraYaml) { this(extraYaml, "discovery: {enabled: false}"); }

  public GatewayFixture(String extraYaml, String routingYaml) { this(extraYaml, routingYaml, ""); }

  /**
   * @param routingYaml   extra entries of the routing section (flow style), e.g. {@code strategy: least-latency}.
   *                      Model discovery is off unless a test turns it on (its GET /v1/models would show up in
   *                      the fake's request list).
   * @param upstreamExtra extra entries for the upstream section, e.g. {@code ", on-client-disconnect: drain"}
   */
  public GatewayFixture(String extraYaml, String routingYaml, String upstreamExtra) {
    this(extraYaml, routingYaml, upstreamExtra, "");
  }

  /** @param serverExtra extra entries for the server section, e.g. {@code ", warm-up: PT10S"} */
  public GatewayFixture(String extraYaml, String routingYaml, String upstreamExtra, String serverExtra) {
    this(extraYaml, routingYaml, upstreamExtra, serverExtra, "connect-timeout: PT2S, first-byte-timeout: PT3S, idle-timeout: PT5S");
  }

  /** @param upstreamTimeouts the upstream section's timeout entries (flow style) in place of the fixture's */
  public GatewayFixture(String extraYaml, String routingYaml, String upstreamExtra, String serverExtra,
                        String upstreamTimeouts) {
    try {
      dir = Files.createTempDirectory("switchboard-e2e");
      fake = new FakeUpstream().start();
      String yaml = """
          server: {host: 127.0.0.1, port: 0, event-loops: 1, shutdown-grace: PT5S, max-body-bytes: 65536, max-upload-bytes: 65536%s}
          upstream: {%s%s}
          routing: {max-attempts: 4, total-timeout: PT20S, default-cooldown: PT30S, %s}
          database: {url: "jdbc:h2:file:%s/db;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"}
          request-log: {batch-size: 50, flush-interval: PT0.05S, retention: 30d}
          auto-providers: false
          client-keys:
            - {name: tester, secret: "%s"}
          providers:
            - name: oai
              protocol: openai
              base-url: %s
              include-preset-models: false
              keys:
                - {name: k1, secret: "%s", weight: 1}
                - {name: k2, secret: "%s", weight: 1}
              models:
                - {id: gpt-test, aliases: [chatty], context-window: 128000, max-output-tokens: 4096, capabilities: [tools, json, vision, streaming], prices: {input: 0.15, output: 0.6, cached-input: 0.075}}
                - {id: embed-test, capabilities: [embeddings]}
                - {id: gpt-resp, capabilities: [tools, json, streaming, responses]}
                - {id: flaky, fallbacks: [anth/claude-test]}
            - name: anth
              protocol: anthropic
              base-url: %s
              include-preset-models: false
              keys:
                - {name: a1, secret: "%s"}
              models:
                - {id: claude-test, aliases: [shared-model], max-output-tokens: 8192, capabilities: [tools, vision, streaming]}
            - name: gem
              protocol: gemini
              base-url: %s
              include-preset-models: false
              keys:
                - {name: g1, secret: "%s"}
              models:
                - {id: gemini-test, aliases: [shared-model], capabilities: [tools, json, vision, streaming]}
                - {id: gemini-embed, capabilities: [embeddings]}
          %s
          """.formatted(serverExtra, upstreamTimeouts, upstreamExtra, routingYaml, dir, CLIENT_KEY, fake.baseUrl(Protocol.OPENAI), OAI_K1, OAI_K2,
          fake.baseUrl(Protocol.ANTHROPIC), ANTH_KEY, fake.baseUrl(Protocol.GEMINI), GEM_KEY,
          extraYaml.replace("{fake}", fake.origin()));
      Path file = dir.resolve("switchboard.yaml");
      Files.writeString(file, yaml);
      GatewayConfig config = ConfigLoader.load(file, Map.of());
      gateway = Gateway.start(config);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String baseUrl() { return gateway.baseUrl(); }

  /** The request log's row for a request id, once the writer stored it (within 10 s). */
  public dev.switchboard.store.RequestRecord logged(String requestId) {
    var repo = new dev.switchboard.store.RequestLogRepository(gateway.database().dataSource());
    long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      var row = repo.findByRequestId(requestId);
      if (row.isPresent()) return row.get();
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for request " + requestId);
      }
    }
    throw new AssertionError("request " + requestId + " was not logged");
  }

  public OpenAIClient openAi() {
    return OpenAIOkHttpClient.builder().baseUrl(baseUrl() + "/v1").apiKey(CLIENT_KEY).maxRetries(0)
        .timeout(Duration.ofSeconds(20)).build();
  }

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** A raw HTTP call, for inputs an SDK would refuse to send. */
  public HttpResponse<String> post(String path, String contentType, String body, String key) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(20))
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) b.header("content-type", contentType);
    if (key != null) b.header("authorization", "Bearer " + key);
    return send(b.build());
  }

  public HttpResponse<String> get(String path, String key) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(20)).GET();
    if (key != null) b.header("authorization", "Bearer " + key);
    return send(b.build());
  }

  private static HttpResponse<String> send(HttpRequest request) {
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    gateway.close();
    fake.close();
  }
}

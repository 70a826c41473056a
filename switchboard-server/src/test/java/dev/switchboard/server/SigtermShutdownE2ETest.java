package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.config.DatabaseSettings;
import dev.switchboard.provider.Protocol;
import dev.switchboard.store.Database;
import dev.switchboard.store.RequestLogRepository;
import dev.switchboard.testkit.FakeUpstream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The gateway as users run it: its own JVM, stopped with SIGTERM. The JVM's shutdown hooks then run concurrently
 * (H2's own one included), so this is where a store closed under the request-log writer's last batch shows up; the
 * in-process shutdown test cannot see that race.
 */
class SigtermShutdownE2ETest {
  private static final String KEY = "sk-client-sigterm-0123456789";
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  void sigterm_writes_every_queued_request_log_row_to_the_embedded_store() throws Exception {
    Path dir = Files.createTempDirectory("switchboard-sigterm");
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    String dbUrl = "jdbc:h2:file:" + dir + "/db;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
    Path log = dir.resolve("gateway.log");
    int answered = 0;
    try (FakeUpstream fake = new FakeUpstream().start()) {
      // A batch larger than the load and a long flush interval: every row is still queued when SIGTERM arrives.
      Path config = dir.resolve("switchboard.yaml");
      Files.writeString(config, """
          server: {host: 127.0.0.1, port: %d, event-loops: 1, shutdown-grace: PT5S}
          database: {url: "%s"}
          request-log: {batch-size: 1000, flush-interval: PT60S}
          auto-providers: false
          client-keys: [{name: tester, secret: "%s"}]
          providers:
            - {name: oai, protocol: openai, base-url: "%s", include-preset-models: false, api-key: sk-upstream-1111,
               models: [{id: gpt-test}]}
          """.formatted(port, dbUrl, KEY, fake.baseUrl(Protocol.OPENAI)));
      ChildGateway child = ChildGateway.launch(config, log, "http://127.0.0.1:" + port);
      Process gateway = child.process();
      try {
        String base = "http://127.0.0.1:" + port;
        child.awaitListening(Duration.ofSeconds(60));
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 300; i++) calls.add(chat(base));
        for (CompletableFuture<HttpResponse<String>> c : calls) {
          if (c.get(30, TimeUnit.SECONDS).statusCode() == 200) answered++;
        }
        gateway.destroy(); // SIGTERM
        assertThat(gateway.waitFor(30, TimeUnit.SECONDS)).isTrue();
      } finally {
        gateway.destroyForcibly();
      }
    }
    String output = Files.readString(log);
    assertThat(answered).isEqualTo(300);
    assertThat(output).contains("stopped").doesNotContain("already closed").doesNotContainIgnoringCase("failed");
    try (Database db = Database.open(new DatabaseSettings(dbUrl, "sa", "", 2))) {
      assertThat(new RequestLogRepository(db.dataSource()).count()).isEqualTo(300);
    }
  }

  private static CompletableFuture<HttpResponse<String>> chat(String base) {
    return HTTP.sendAsync(HttpRequest.newBuilder(URI.create(base + "/v1/chat/completions"))
        .timeout(Duration.ofSeconds(20)).header("authorization", "Bearer " + KEY).header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"oai/gpt-test\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
        .build(), HttpResponse.BodyHandlers.ofString());
  }
}

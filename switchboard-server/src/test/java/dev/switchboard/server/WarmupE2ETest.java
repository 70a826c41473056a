package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.switchboard.config.DatabaseSettings;
import dev.switchboard.server.warmup.Warmup;
import dev.switchboard.store.Database;
import dev.switchboard.store.RequestLogRepository;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * {@code server.warm-up}: after the gateway listens it drives synthetic requests through its own routes, codecs and
 * upstream client until the JIT goes quiet. Readiness says so meanwhile, real requests are served meanwhile, and
 * none of the synthetic traffic reaches a configured provider or the request log.
 */
class WarmupE2ETest {

  @Test
  void warm_up_holds_readiness_serves_real_requests_and_leaves_no_trace_upstream_or_in_the_log() throws Exception {
    Set<Path> throwawayStoresBefore = throwawayStores();
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.addAppender(logs);
    GatewayFixture fx = new GatewayFixture("", "discovery: {enabled: false}", "", ", warm-up: PT4S");
    Warmup.Result result;
    String realId;
    try {
      HttpResponse<String> ready = fx.get("/health/ready", null);
      assertThat(ready.statusCode()).isEqualTo(503);
      assertThat(ready.body()).contains("\"warming_up\":true").contains("\"store\":\"up\"");

      HttpResponse<String> chat = fx.post("/v1/chat/completions", "application/json",
          "{\"model\":\"oai/gpt-test\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", GatewayFixture.CLIENT_KEY);
      assertThat(chat.statusCode()).as("served while warming up").isEqualTo(200);
      realId = chat.headers().firstValue("x-request-id").orElseThrow();

      result = fx.gateway.warmedUp().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      assertThat(result.failure()).isNull();
      assertThat(result.logDropped()).as("every warm-up exchange ended before its request log closed").isZero();
      assertThat(result.requests()).isGreaterThan(100);
      assertThat(result.took().toMillis()).isLessThan(4_000 + 2_000);

      HttpResponse<String> after = fx.get("/health/ready", null);
      assertThat(after.statusCode()).isEqualTo(200);
      assertThat(after.body()).doesNotContain("warming_up");
      assertThat(fx.fake.requests()).as("only the real request went to the configured provider").hasSize(1);
      assertThat(throwawayStores()).as("the warm-up's own request-log store is deleted").isEqualTo(throwawayStoresBefore);
      // Its connections close once idle: closed under exchanges in flight, some were reset and Vert.x logged
      // "Connection reset by peer" at ERROR at the end of 2 warm-ups in 15.
      assertThat(logs.list).filteredOn(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
          .as("the warm-up ends without a warning or an error").isEmpty();
    } finally {
      root.detachAppender(logs);
      fx.close();
    }
    String url = "jdbc:h2:file:" + fx.dir + "/db;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
    try (Database db = Database.open(new DatabaseSettings(url, "sa", "", 2))) {
      RequestLogRepository log = new RequestLogRepository(db.dataSource());
      assertThat(log.count()).as("the warm-up's requests are not in the gateway's request log").isEqualTo(1);
      assertThat(log.findByRequestId(realId)).isPresent();
    }
  }

  @Test
  void a_shutdown_during_the_warm_up_ends_it_and_deletes_its_store() throws Exception {
    Set<Path> throwawayStoresBefore = throwawayStores();
    GatewayFixture fx = new GatewayFixture("", "discovery: {enabled: false}", "", ", warm-up: PT60S");
    try {
      assertThat(fx.get("/health/ready", null).body()).contains("\"warming_up\":true");
    } finally {
      fx.close();
    }
    assertThat(fx.gateway.warmedUp().isComplete()).as("the warm-up ended before the gateway closed").isTrue();
    assertThat(throwawayStores()).as("the warm-up's own request-log store is deleted").isEqualTo(throwawayStoresBefore);
  }

  private static Set<Path> throwawayStores() throws IOException {
    try (Stream<Path> s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return s.filter(p -> p.getFileName().toString().startsWith("switchboard-warmup")).collect(Collectors.toSet());
    }
  }
}

package dev.switchboard.server.billing;

import dev.switchboard.config.ConfigLoader;
import dev.switchboard.config.DatabaseSettings;
import dev.switchboard.provider.Protocol;
import dev.switchboard.server.Gateway;
import dev.switchboard.store.Database;
import dev.switchboard.store.accounts.KeyStore;
import dev.switchboard.store.accounts.TenantStore;
import dev.switchboard.store.money.LedgerKind;
import dev.switchboard.store.money.Ledger;
import dev.switchboard.testkit.FakeUpstream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A database seeded with one tenant, its key and a balance, a fake upstream, and gateway configs pointing at them.
 * The public model {@code pub-chat} costs 2.5 per million output tokens and nothing for input, so a request with
 * {@code max_tokens: 4} (the fake answers 11 in / 4 out) is estimated at exactly its actual cost, 0.00001.
 * {@code pub-image}, {@code pub-whisper} and {@code pub-tts} are priced per image and per second of audio.
 */
final class BillingHarness implements AutoCloseable {
  static final String KEY = "sk-sb-billing-test-key-0123456789abcdef";
  static final String ADMIN_EMAIL = "admin@billing.test";
  static final String ADMIN_PASSWORD = "correct-horse-battery";
  static final BigDecimal COST = new BigDecimal("0.00001");

  final Path dir;
  final FakeUpstream fake;
  final DatabaseSettings database;
  final String schema;
  long tenantId;
  long keyId;

  /** @param postgres true: a fresh schema on the real server; false: an H2 file in a temp directory */
  BillingHarness(boolean postgres) {
    try {
      dir = Files.createTempDirectory("switchboard-billing");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (postgres) {
      schema = PgTestDb.newSchema();
      database = new DatabaseSettings(PgTestDb.schemaUrl(schema), null, null, 16);
    } else {
      schema = null;
      database = new DatabaseSettings("jdbc:h2:file:" + dir.resolve("db") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
          + "DEFAULT_NULL_ORDERING=HIGH", "sa", "", 16);
    }
    fake = new FakeUpstream().start();
  }

  /** Creates the tenant, its key and a starting balance (before any gateway starts, so key caches see them). */
  BillingHarness seed(BigDecimal balance) {
    try (Database db = Database.open(database)) {
      Instant now = Instant.now();
      tenantId = new TenantStore(db.dataSource()).create("acme", null, now);
      keyId = new KeyStore(db.dataSource()).create(tenantId, sha256(KEY), KEY.substring(0, 10),
          new KeyStore.KeyFields("load", "all", List.of(), List.of(), "admin", null, null, null), now);
      if (balance.signum() > 0) {
        new Ledger(db.dataSource(), Clock.systemUTC()).post(tenantId, LedgerKind.ADJUSTMENT, balance, "test credit",
            "seed-" + tenantId, "test");
      }
    }
    return this;
  }

  /** Gives the seeded key a spend limit (before any gateway starts). */
  BillingHarness keySpendLimit(BigDecimal limit) {
    try (Database db = Database.open(database); Connection c = db.dataSource().getConnection();
         PreparedStatement ps = c.prepareStatement("UPDATE api_keys SET spend_limit = ? WHERE id = ?")) {
      ps.setBigDecimal(1, limit);
      ps.setLong(2, keyId);
      ps.executeUpdate();
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
    return this;
  }

  /** Sets the tenant's price multiplier (before a gateway starts, so its price book reads it). */
  BillingHarness multiplier(BigDecimal multiplier) {
    try (Database db = Database.open(database)) {
      new TenantStore(db.dataSource()).update(tenantId, "acme", "active", null, multiplier);
    }
    return this;
  }

  /** The gateway config file for an instance with its own journal directory. */
  Path config(String instance, int port, String billingExtra) {
    String yaml = """
        server: {host: 127.0.0.1, port: %d, event-loops: 2, shutdown-grace: PT5S}
        upstream: {connect-timeout: PT2S, first-byte-timeout: PT5S, idle-timeout: PT10S}
        routing: {max-attempts: 2, total-timeout: PT20S, discovery: {enabled: false}}
        database: {url: "%s", pool-size: 8}
        request-log: {enabled: false}
        auto-providers: false
        accounts: {key-cache-refresh: PT0.2S, bootstrap-admin-email: "%s", bootstrap-admin-password: "%s"}
        billing: {instance-id: %s, journal-dir: "%s", lease-chunk: 0.0001, flush-interval: PT0.02S%s}
        catalog:
          - {name: pub-chat, route: oai/gpt-test, prices: {input: 0, output: 2.5}}
          - {name: pub-claude, route: anth/claude-test, prices: {input: 0, output: 2.5}}
          - {name: pub-image, route: oai/img-test, prices: {input: 5, output: 40, per-request: 0.001, per-image: 0.04}}
          - {name: pub-whisper, route: oai/whisper-test, prices: {per-request: 0.0002, per-audio-second: 0.0001}}
          - {name: pub-tts, route: oai/tts-test, prices: {per-request: 0.0005, per-audio-second: 0.00025}}
        providers:
          - name: oai
            protocol: openai
            base-url: %s
            include-preset-models: false
            keys: [{name: k1, secret: "sk-upstream-oai-1111111111"}]
            models:
              - {id: gpt-test, max-output-tokens: 4096, capabilities: [tools, streaming]}
              - {id: img-test, capabilities: [image_generation]}
              - {id: whisper-test, capabilities: [transcription]}
              - {id: tts-test, capabilities: [speech]}
          - name: anth
            protocol: anthropic
            base-url: %s
            include-preset-models: false
            keys: [{name: a1, secret: "sk-ant-upstream-2222222222"}]
            models: [{id: claude-test, max-output-tokens: 8192, capabilities: [tools, streaming]}]
        """.formatted(port, database.url(), ADMIN_EMAIL, ADMIN_PASSWORD, instance,
        dir.resolve("journal-" + instance), billingExtra, fake.baseUrl(Protocol.OPENAI),
        fake.baseUrl(Protocol.ANTHROPIC));
    try {
      Path file = dir.resolve(instance + ".yaml");
      Files.writeString(file, yaml);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Gateway start(String instance, String billingExtra) {
    try {
      return Gateway.start(ConfigLoader.load(config(instance, 0, billingExtra), Map.of()));
    } catch (RuntimeException e) {
      e.printStackTrace();
      throw e;
    }
  }

  record Result(int status, String requestId, String body) {}

  static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

  static CompletableFuture<Result> chat(String baseUrl, boolean stream) {
    String body = "{\"model\":\"pub-chat\",\"max_tokens\":4,\"stream\":" + stream
        + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    HttpRequest req = HttpRequest.newBuilder(URI.create(baseUrl + "/v1/chat/completions"))
        .timeout(Duration.ofSeconds(30)).header("authorization", "Bearer " + KEY)
        .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    return HTTP.sendAsync(req, HttpResponse.BodyHandlers.ofString()).thenApply(r ->
        new Result(r.statusCode(), r.headers().firstValue("x-request-id").orElse(null), r.body()));
  }

  /** {@code n} requests at once, spread round-robin over the base URLs. */
  static List<Result> burst(int n, List<String> baseUrls) {
    List<CompletableFuture<Result>> fs = new ArrayList<>();
    for (int i = 0; i < n; i++) fs.add(chat(baseUrls.get(i % baseUrls.size()), false));
    List<Result> out = new ArrayList<>();
    for (CompletableFuture<Result> f : fs) out.add(f.join());
    return out;
  }

  /** Usage charges (ledger entries) booked per request id. */
  Map<String, Integer> usageEntries() {
    Map<String, Integer> out = new java.util.HashMap<>();
    try (Database db = openNoMigrate(); Connection c = db.dataSource().getConnection();
         PreparedStatement ps = c.prepareStatement("SELECT reference, COUNT(*) FROM ledger_entries WHERE kind = 'usage'"
             + " GROUP BY reference"); ResultSet rs = ps.executeQuery()) {
      while (rs.next()) out.put(rs.getString(1), rs.getInt(2));
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
    return out;
  }

  Database openNoMigrate() { return Database.open(database); }

  static String sha256(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    fake.close();
    if (schema != null) PgTestDb.drop(schema);
  }
}

package dev.switchboard.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.provider.Capability;
import dev.switchboard.provider.Protocol;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  private static final Map<String, String> NO_ENV = Map.of();

  static GatewayConfig load(String yaml, Map<String, String> env) { return ConfigLoader.parse("t.yaml", yaml, env); }

  static String problem(String yaml, Map<String, String> env) {
    try {
      load(yaml, env);
    } catch (ConfigException e) {
      return e.getMessage();
    }
    throw new AssertionError("expected a ConfigException");
  }

  static String problem(String yaml) { return problem(yaml, NO_ENV); }

  static ProviderConfig provider(GatewayConfig c, String name) {
    return c.providers().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
  }

  static ModelConfig model(ProviderConfig p, String id) {
    return p.models().stream().filter(m -> m.upstreamId().equals(id)).findFirst().orElseThrow();
  }

  // ---- defaults -------------------------------------------------------------------------------------------------

  @Test
  void empty_file_gives_every_default() {
    GatewayConfig c = load("# nothing but a comment\n", NO_ENV);
    assertThat(c.server()).isEqualTo(new ServerSettings("127.0.0.1", 8080, 10L * 1024 * 1024, Duration.ofSeconds(10),
        Runtime.getRuntime().availableProcessors()));
    assertThat(c.upstream()).isEqualTo(new UpstreamSettings(Duration.ofSeconds(5), Duration.ofSeconds(60),
        Duration.ofSeconds(120), 512));
    assertThat(c.routing()).isEqualTo(new RoutingSettings(4, Duration.ofSeconds(120), Duration.ofSeconds(30),
        Duration.ofMinutes(10), Duration.ofHours(1)));
    assertThat(c.database().url()).isEqualTo(DatabaseSettings.DEFAULT_H2_URL);
    assertThat(c.database().user()).isEqualTo("sa");
    assertThat(c.database().password()).isEmpty();
    assertThat(c.database().poolSize()).isEqualTo(4);
    assertThat(c.requestLog()).isEqualTo(new RequestLogSettings(true, 500, Duration.ofMillis(200), 100_000));
    assertThat(c.requestLog().retention()).as("records are kept for good unless a retention is set").isZero();
    assertThat(c.clientKeys()).containsExactly(new ClientKey("dev", "sk-switchboard-dev"));
    assertThat(c.providers()).isEmpty();
  }

  @Test
  void defaults_without_file_take_client_key_and_providers_from_env() {
    GatewayConfig c = ConfigLoader.defaults(Map.of("SWITCHBOARD_API_KEY", "sk-mine", "GROQ_API_KEY", "gsk-1"));
    assertThat(c.clientKeys()).containsExactly(new ClientKey("dev", "sk-mine"));
    assertThat(c.providers()).extracting(ProviderConfig::name).containsExactly("groq");
    assertThat(ConfigLoader.defaults(NO_ENV).providers()).isEmpty();
  }

  @Test
  void every_setting_is_read_including_short_durations() {
    GatewayConfig c = load("""
        server: {host: 0.0.0.0, port: 9090, max-body-bytes: 1024, shutdown-grace: 0s, event-loops: 3, warm-up: 45s}
        upstream: {connect-timeout: 2s, first-byte-timeout: PT30S, idle-timeout: 1m, max-connections: 8}
        routing: {max-attempts: 2, total-timeout: PT1M, default-cooldown: 500ms, max-cooldown: 1h, quota-cooldown: 1d}
        database: {url: "jdbc:postgresql://db/sb", user: u, password: p, pool-size: 9}
        request-log: {enabled: false, batch-size: 10, flush-interval: PT1S, queue-capacity: 20, retention: 30d}
        client-keys: []
        """, NO_ENV);
    assertThat(c.server()).isEqualTo(new ServerSettings("0.0.0.0", 9090, 1024, Duration.ZERO, 3,
        ServerSettings.DEFAULT_MAX_UPLOAD_BYTES, Duration.ofSeconds(45)));
    assertThat(c.upstream()).isEqualTo(new UpstreamSettings(Duration.ofSeconds(2), Duration.ofSeconds(30),
        Duration.ofMinutes(1), 8));
    assertThat(c.routing()).isEqualTo(new RoutingSettings(2, Duration.ofMinutes(1), Duration.ofMillis(500),
        Duration.ofHours(1), Duration.ofDays(1)));
    assertThat(c.database().isPostgres()).isTrue();
    assertThat(c.database().poolSize()).isEqualTo(9);
    assertThat(c.requestLog()).isEqualTo(new RequestLogSettings(false, 10, Duration.ofSeconds(1), 20,
        Duration.ofDays(30)));
    assertThat(c.clientKeys()).isEmpty();
  }

  // ---- substitution ---------------------------------------------------------------------------------------------

  @Test
  void variables_are_substituted_with_values_and_defaults() {
    GatewayConfig c = load("""
        server: {host: "${HOST}", port: ${PORT:-8081}}
        client-keys:
          - {name: a, secret: "${KEY_A:-sk-a}"}
          - {name: b, secret: "${KEY_B:-sk-b}"}
        """, Map.of("HOST", "10.0.0.1", "KEY_A", "sk-from-env", "KEY_B", ""));
    assertThat(c.server().host()).isEqualTo("10.0.0.1");
    assertThat(c.server().port()).isEqualTo(8081);
    assertThat(c.clientKeys()).extracting(ClientKey::secret).containsExactly("sk-from-env", "sk-b");
  }

  @Test
  void unset_variable_names_file_line_field_and_variable() {
    String msg = problem("""
        server:
          port: 8080
        providers:
          - name: openai
            api-key: "${OPENAI_API_KEY}"
        """);
    assertThat(msg).startsWith("t.yaml:5: providers[0].api-key: environment variable OPENAI_API_KEY is not set");
  }

  @Test
  void whole_line_comments_are_not_substituted_and_double_dollar_escapes() {
    GatewayConfig c = load("""
        # api-key: ${NOT_SET_ANYWHERE}
        client-keys: [{name: a, secret: "x$${LITERAL}"}]
        """, NO_ENV);
    assertThat(c.clientKeys().getFirst().secret()).isEqualTo("x${LITERAL}");
  }

  @Test
  void unterminated_variable_is_an_error() {
    assertThat(problem("server:\n  host: ${HOST\n")).startsWith("t.yaml:2: server.host: unterminated ${");
  }

  @Test
  void bad_variable_name_does_not_echo_the_text_a_pasted_key_for_instance() {
    String msg = problem("client-keys:\n  - {name: a, secret: \"${sk-proj-realsecretkey1234567890}\"}\n");
    assertThat(msg).isEqualTo("t.yaml:2: client-keys[0].secret: bad variable name in ${...} (letters, digits and _,"
        + " not starting with a digit)");
  }

  @Test
  void an_unquoted_substituted_value_is_taken_whole_whatever_yaml_characters_it_holds() {
    String yaml = """
        client-keys:
          - {name: hash, secret: ${HASH}}
          - name: alias
            secret: ${ALIAS}
          - name: anchor
            secret: ${ANCHOR}  # a comment stays one
          - {name: newline, secret: ${NEWLINE}}
          - {name: mixed, secret: pre-${QUOTES}-post}
        server:
          host: ${HOST}
        """;
    Map<String, String> env = Map.of("HASH", "sk-team #7 key", "ALIAS", "*CorrectHorse42", "ANCHOR", "&x",
        "NEWLINE", "sk-abc\n", "QUOTES", "a\"b\\c', [d]: e", "HOST", "{not: a-mapping}");
    GatewayConfig c = load(yaml, env);
    assertThat(c.clientKeys()).extracting(ClientKey::secret)
        .containsExactly("sk-team #7 key", "*CorrectHorse42", "&x", "sk-abc\n", "pre-a\"b\\c', [d]: e-post");
    assertThat(c.server().host()).isEqualTo("{not: a-mapping}");
  }

  @Test
  void a_substituted_value_is_escaped_inside_double_quotes_and_its_quotes_doubled_inside_single_quotes() {
    GatewayConfig c = load("""
        client-keys:
          - {name: double, secret: "sk-1-${V}"}
          - {name: single, secret: 'sk-2-${V}'}
          - {name: break, secret: "sk-3-${BREAK}"}
        """, Map.of("V", "it's \"#1\" \\ \ttab", "BREAK", "one\r\ntwo\u2028"));
    assertThat(c.clientKeys()).extracting(ClientKey::secret)
        .containsExactly("sk-1-it's \"#1\" \\ \ttab", "sk-2-it's \"#1\" \\ \ttab", "sk-3-one\r\ntwo\u2028");
  }

  @Test
  void a_line_break_in_a_single_quoted_substitution_is_an_error_naming_the_variable_not_the_value() {
    String msg = problem("client-keys:\n  - {name: a, secret: 'sk-${V}'}\n", Map.of("V", "line-one\nline-two"));
    assertThat(msg).isEqualTo("t.yaml:2: client-keys[0].secret: the value of V has a line break, which single quotes"
        + " cannot keep: use \"${V}\"");
  }

  @Test
  void substituted_numbers_booleans_durations_and_empty_defaults_keep_their_meaning() {
    GatewayConfig c = load("""
        server: {port: ${PORT:-8081}, warm-up: ${WARM_UP:-}, shutdown-grace: ${GRACE:-5s}}
        upstream:
          max-connections: ${MAX:-16}
        auto-providers: ${AUTO:-false}
        billing:
          lease-chunk: ${CHUNK:-0.5}
        """, Map.of("MAX", "32", "GRACE", ""));
    assertThat(c.server().port()).isEqualTo(8081);
    assertThat(c.server().warmUp()).as("empty stays unset: the default").isZero();
    assertThat(c.server().shutdownGrace()).isEqualTo(Duration.ofSeconds(5));
    assertThat(c.upstream().maxConnections()).isEqualTo(32);
    assertThat(c.providers()).isEmpty();
    assertThat(c.billing().leaseChunk()).isEqualByComparingTo("0.5");
    assertThat(problem("server:\n  port: ${PORT}\n", Map.of("PORT", "80 # not a port")))
        .isEqualTo("t.yaml:2: server.port: expected an integer");
  }

  @Test
  void substitution_finds_values_after_characters_outside_the_bmp_and_with_crlf_line_ends() {
    GatewayConfig c = load("# \uD83D\uDE00\r\nclient-keys:\r\n  - {name: \uD83D\uDE00, secret: ${X}}\r\n"
        + "  - name: b\r\n    secret: \"\uD83D\uDE00${X}\"\r\n", Map.of("X", "v #1"));
    assertThat(c.clientKeys()).extracting(ClientKey::secret).containsExactly("v #1", "\uD83D\uDE00v #1");
  }

  @Test
  void block_scalars_take_a_substituted_value_as_written() {
    GatewayConfig c = load("""
        catalog:
          - name: chat
            route: openai/gpt-4o-mini
            description: |
              For ${TEAM} #1
        """, Map.of("TEAM", "the \"A\" team"));
    assertThat(c.accounts().catalog().getFirst().description()).isEqualTo("For the \"A\" team #1");
  }

  @Test
  void placeholders_in_trailing_comments_are_left_alone() {
    assertThat(load("server:\n  port: 8181  # or ${PORT}, unset here\n", NO_ENV).server().port()).isEqualTo(8181);
  }

  @Test
  void a_substituted_value_over_several_lines_keeps_later_line_numbers_exact() {
    assertThat(problem("""
        client-keys:
          - {name: a, secret: ${MULTI}}
        routing:
          max-attempts: 0
        """, Map.of("MULTI", "one\ntwo\nthree\n"))).isEqualTo("t.yaml:4: routing.max-attempts: must be at least 1 (got 0)");
  }

  // ---- strict parsing -------------------------------------------------------------------------------------------

  @Test
  void unknown_field_names_file_line_and_field_path() {
    String msg = problem("""
        providers:
          - name: ollama
            models:
              - id: llama3.2
                contxt-window: 8192
        """);
    assertThat(msg).startsWith("t.yaml:5: providers[0].models[0].contxt-window: unknown field 'contxt-window'")
        .contains("context-window");
  }

  @Test
  void unknown_top_level_section_is_an_error() {
    assertThat(problem("\nserverz: {}\n")).startsWith("t.yaml:2: serverz: unknown field 'serverz'");
  }

  @Test
  void wrong_type_names_the_field_but_never_the_value() {
    String msg = problem("""
        providers:
          - name: openai
            keys:
              - {name: k, secret: s, weight: sk-live-secret}
        """);
    assertThat(msg).startsWith("t.yaml:4: providers[0].keys[0].weight: expected an integer").doesNotContain("sk-live");
  }

  @Test
  void yaml_syntax_error_names_the_line() {
    assertThat(problem("server:\n  host: \"unclosed\n")).startsWith("t.yaml:").contains("invalid YAML");
  }

  @Test
  void syntax_error_on_a_secret_line_does_not_echo_the_secret() {
    String msg = problem("client-keys:\n  - {name: a, secret: \"sk-leaky-secret}\n");
    assertThat(msg).startsWith("t.yaml:").contains("invalid YAML").doesNotContain("sk-leaky");
  }

  @Test
  void duplicate_yaml_key_is_an_error() {
    assertThat(problem("server:\n  port: 1\n  port: 2\n")).startsWith("t.yaml:3:").contains("port");
  }

  // ---- validation -----------------------------------------------------------------------------------------------

  @Test
  void bad_base_url_is_an_error() {
    String msg = problem("""
        providers:
          - name: mine
            protocol: openai
            base-url: ftp://example.com/v1
            api-key: k
        """);
    assertThat(msg).isEqualTo("t.yaml:4: providers[0].base-url: bad URL 'ftp://example.com': must start with http://"
        + " or https://");
    assertThat(problem("providers: [{name: m, protocol: openai, base-url: /v1, api-key: k}]")).contains("base-url: bad URL");
  }

  private static final String CUSTOM = """
      auto-providers: false
      providers:
        - name: c
          protocol: openai
          api-key: sk-abcdefghijkl
          base-url: %s
      """;

  @Test
  void base_url_with_a_query_or_an_impossible_port_is_an_error() {
    // Adapters append paths: "https://h/v1?x=1" + "/chat/completions" would put the path into the query.
    assertThat(problem(CUSTOM.formatted("https://api.example.com/v1?x=1"))).isEqualTo("t.yaml:6: providers[0].base-url:"
        + " bad URL 'https://api.example.com': must not have a ?query (paths are appended to it)");
    assertThat(problem(CUSTOM.formatted("https://api.example.com:99999/v1")))
        .isEqualTo("t.yaml:6: providers[0].base-url: bad URL 'https://api.example.com': port must be 1-65535");
    assertThat(problem(CUSTOM.formatted("https://api.example.com:99999999999/v1")))
        .isEqualTo("t.yaml:6: providers[0].base-url: bad URL: port must be 1-65535");
    assertThat(problem(CUSTOM.formatted("https://api.example.com:0/v1"))).contains("port must be 1-65535");
    assertThat(load(CUSTOM.formatted("https://api.example.com:8443/v1/"), NO_ENV).providers().getFirst().baseUrl())
        .isEqualTo("https://api.example.com:8443/v1");
  }

  @Test
  void bad_base_url_messages_show_at_most_scheme_and_host() {
    assertThat(problem(CUSTOM.formatted("\"https://user:pa#ssw0rdsecret@api.example.com/v1\"")))
        .isEqualTo("t.yaml:6: providers[0].base-url: bad URL: must not contain user:password (use keys)");
    assertThat(problem(CUSTOM.formatted("\"https://sk-key?secret@api.example.com/v1\"")))
        .isEqualTo("t.yaml:6: providers[0].base-url: bad URL: must not contain user:password (use keys)");
    assertThat(problem(CUSTOM.formatted("ftp://api.example.com/sk-in-path?key=sk-in-query")))
        .isEqualTo("t.yaml:6: providers[0].base-url: bad URL 'ftp://api.example.com': must start with http:// or https://");
    assertThat(problem(CUSTOM.formatted("\"https://api.example.com/v1#sk-in-fragment\"")))
        .isEqualTo("t.yaml:6: providers[0].base-url: bad URL 'https://api.example.com': must not have a #fragment");
    assertThat(problem(CUSTOM.formatted("\"https://api.example.com/v1 sk-after-space\"")))
        .startsWith("t.yaml:6: providers[0].base-url: bad URL: ").doesNotContain("sk-after-space");
  }

  @Test
  void provider_that_needs_a_key_without_one_is_an_error_with_env_hint() {
    String msg = problem("""
        providers:
          - name: openai
            models: [{id: gpt-4o-mini}]
        """);
    assertThat(msg).startsWith("t.yaml:2: providers[0]: missing secret").contains("OPENAI_API_KEY");
  }

  @Test
  void provider_whose_keys_are_all_disabled_is_an_error() {
    assertThat(problem("""
        providers:
          - name: groq
            keys:
              - {name: a, secret: s, enabled: false}
        """)).startsWith("t.yaml:3: providers[0].keys: missing secret");
  }

  @Test
  void local_presets_and_localhost_providers_need_no_key() {
    GatewayConfig c = load("""
        providers:
          - name: ollama
          - name: lab
            preset: vllm
            base-url: http://10.1.2.3:8000/v1
          - name: mine
            protocol: openai
            base-url: http://127.0.0.1:9999/v1
            models: [{id: m}]
        """, NO_ENV);
    assertThat(c.providers()).extracting(ProviderConfig::name).containsExactly("ollama", "lab", "mine");
    assertThat(provider(c, "ollama").keys()).isEmpty();
    assertThat(provider(c, "lab").baseUrl()).isEqualTo("http://10.1.2.3:8000/v1");
  }

  @Test
  void custom_remote_provider_needs_a_key() {
    assertThat(problem("providers: [{name: m, protocol: openai, base-url: https://x.example/v1}]"))
        .contains("providers[0]: missing secret");
  }

  @Test
  void empty_secrets_are_errors() {
    String msg = problem("""
        providers:
          - name: openai
            api-key: "  "
          - name: groq
            keys:
              - {name: a, secret: ""}
        """);
    assertThat(msg).contains("t.yaml:3: providers[0].api-key: empty secret")
        .contains("t.yaml:6: providers[1].keys[0].secret: empty secret");
  }

  @Test
  void key_without_secret_is_an_error() {
    assertThat(problem("providers: [{name: groq, keys: [{name: a}]}]"))
        .contains("providers[0].keys[0].secret: missing secret");
  }

  @Test
  void duplicate_provider_names_are_an_error() {
    assertThat(problem("""
        providers:
          - name: ollama
          - name: ollama
        """)).contains("t.yaml:3: providers[1].name: duplicate provider name 'ollama'");
  }

  @Test
  void duplicate_key_names_within_a_provider_are_an_error() {
    assertThat(problem("""
        providers:
          - name: groq
            api-key: a
            keys:
              - {name: default, secret: b}
              - {name: k, secret: c}
              - {name: k, secret: d}
        """)).contains("t.yaml:5: providers[0].keys[0].name: duplicate key name 'default'")
        .contains("t.yaml:7: providers[0].keys[2].name: duplicate key name 'k'");
  }

  @Test
  void duplicate_model_ids_within_a_provider_are_an_error() {
    assertThat(problem("""
        providers:
          - name: ollama
            models:
              - id: a
              - id: a
        """)).contains("t.yaml:5: providers[0].models[1].id: duplicate model id 'a'");
  }

  @Test
  void duplicate_client_key_names_and_secrets_are_errors_without_echoing_secrets() {
    String msg = problem("""
        client-keys:
          - {name: a, secret: sk-one-very-secret}
          - {name: a, secret: sk-two}
          - {name: c, secret: sk-one-very-secret}
        """);
    assertThat(msg).contains("t.yaml:3: client-keys[1].name: duplicate client key name 'a'")
        .contains("t.yaml:4: client-keys[2].secret: same secret as client-keys[0]")
        .doesNotContain("sk-one").doesNotContain("sk-two");
  }

  @Test
  void client_key_without_secret_is_an_error() {
    assertThat(problem("client-keys: [{name: a}]")).contains("client-keys[0].secret: missing secret");
    assertThat(problem("client-keys: [{name: a, secret: ''}]")).contains("client-keys[0].secret: empty secret");
  }

  @Test
  void weight_below_one_is_an_error() {
    assertThat(problem("""
        providers:
          - name: groq
            keys:
              - name: a
                secret: s
                weight: 0
        """)).contains("t.yaml:6: providers[0].keys[0].weight: weight must be at least 1 (got 0)");
  }

  @Test
  void unknown_protocol_and_capability_are_errors() {
    String msg = problem("""
        providers:
          - name: mine
            protocol: telegraph
            base-url: http://localhost:1/v1
            models:
              - {id: m, capabilities: [tools, telepathy]}
        """);
    assertThat(msg).contains("t.yaml:3: providers[0].protocol: unknown protocol 'telegraph' (known: openai, anthropic, gemini")
        .contains("t.yaml:6: providers[0].models[0].capabilities[1]: unknown capability 'telepathy'");
  }

  @Test
  void bad_durations_are_errors() {
    String msg = problem("""
        upstream:
          connect-timeout: soon
        routing:
          total-timeout: PT0S
        server:
          warm-up: -PT5S
        request-log:
          retention: a month
        """);
    assertThat(msg).contains("t.yaml:2: upstream.connect-timeout: bad duration 'soon'")
        .contains("t.yaml:4: routing.total-timeout: duration must be positive")
        .contains("t.yaml:6: server.warm-up: duration must be zero or positive")
        .contains("t.yaml:8: request-log.retention: bad duration 'a month'");
  }

  @Test
  void durations_beyond_what_the_runtime_handles_are_errors_naming_the_maximum() {
    // shutdown-grace and total-timeout become nanoseconds (overflow past ~292 years); connect-timeout an int of ms.
    assertThat(problem("server: {shutdown-grace: 200000d}\n"))
        .isEqualTo("t.yaml:1: server.shutdown-grace: duration must be at most 365d (got 200000d)");
    assertThat(problem("routing: {total-timeout: 200000d}\n"))
        .isEqualTo("t.yaml:1: routing.total-timeout: duration must be at most 365d (got 200000d)");
    assertThat(problem("upstream: {connect-timeout: 25d}\n")).isEqualTo("t.yaml:1: upstream.connect-timeout: duration"
        + " must be at most 2147483647ms (about 24.9 days) (got 25d)");
    assertThat(problem("routing: {breaker: {open-for: P366D}}\n")).startsWith("t.yaml:1: routing.breaker.open-for:");
    assertThat(load("upstream: {connect-timeout: 24d}\nrouting: {quota-cooldown: 365d}\n", NO_ENV).routing()
        .quotaCooldown()).isEqualTo(Duration.ofDays(365));
  }

  @Test
  void request_log_retention_may_be_years() {
    assertThat(load("request-log: {retention: 3650d}\n", NO_ENV).requestLog().retention())
        .isEqualTo(Duration.ofDays(3650));
    assertThat(problem("request-log: {retention: 36501d}\n")).startsWith("t.yaml:1: request-log.retention: duration"
        + " must be at most 36500d");
  }

  @Test
  void number_beyond_its_field_type_names_the_field() {
    assertThat(problem("server:\n  port: 99999999999999999999\n"))
        .isEqualTo("t.yaml:2: server.port: number out of range (-2147483648 to 2147483647)");
    assertThat(problem("""
        providers:
          - name: groq
            keys:
              - {name: a, secret: s, weight: 99999999999}
        """)).isEqualTo("t.yaml:4: providers[0].keys[0].weight: number out of range (-2147483648 to 2147483647)");
    assertThat(problem("server: {event-loops: 2, port: 99999999999}\nrouting: {max-attempts: 2}\n"))
        .startsWith("t.yaml:1: server.port: number out of range");
    assertThat(problem("server: {max-body-bytes: -99999999999999999999}"))
        .startsWith("t.yaml:1: server.max-body-bytes: number out of range (-9223372036854775808 to");
  }

  @Test
  void port_out_of_range_is_an_error() {
    assertThat(problem("server:\n  port: 70000\n")).isEqualTo("t.yaml:2: server.port: port must be 0-65535 (got 70000)");
  }

  @Test
  void other_numeric_limits_are_checked() {
    assertThat(problem("routing: {max-attempts: 0}")).contains("routing.max-attempts: must be at least 1");
    assertThat(problem("routing: {default-cooldown: 1h, max-cooldown: 1m}")).contains("routing.max-cooldown");
    assertThat(problem("providers: [{name: ollama, models: [{id: m, context-window: 0}]}]"))
        .contains("providers[0].models[0].context-window: must be at least 1");
    assertThat(problem("providers: [{name: ollama, models: [{id: m, prices: {input: -1}}]}]"))
        .contains("providers[0].models[0].prices.input: price must not be negative");
    assertThat(problem("database: {url: 'postgres://x'}")).contains("database.url: must be a JDBC URL");
  }

  @Test
  void fallback_to_unknown_model_is_an_error() {
    String msg = problem("""
        providers:
          - name: ollama
            models:
              - id: llama3.2
                fallbacks: [ollama/qwen3, anthropic/claude-haiku-4-5, nope]
        """);
    assertThat(msg).doesNotContain("ollama/qwen3")
        .contains("t.yaml:5: providers[0].models[0].fallbacks[1]: fallback 'anthropic/claude-haiku-4-5' is not a known model (no provider 'anthropic'")
        .contains("providers[0].models[0].fallbacks[2]: fallback 'nope' is not a known model");
  }

  @Test
  void fallback_may_name_an_env_enabled_provider_a_bare_alias_or_a_later_provider() {
    GatewayConfig c = load("""
        providers:
          - name: ollama
            models:
              - {id: llama3.2, fallbacks: [anthropic/claude-haiku-4-5, fast, vllm/Qwen/Qwen2.5-7B-Instruct]}
          - name: vllm
            models:
              - {id: Qwen/Qwen2.5-7B-Instruct, aliases: [fast]}
        """, Map.of("ANTHROPIC_API_KEY", "sk-ant"));
    assertThat(model(provider(c, "ollama"), "llama3.2").fallbacks())
        .containsExactly("anthropic/claude-haiku-4-5", "fast", "vllm/Qwen/Qwen2.5-7B-Instruct");
  }

  @Test
  void unknown_preset_is_an_error() {
    assertThat(problem("""
        providers:
          - name: x
            preset: opnai
        """)).startsWith("t.yaml:3: providers[0].preset: unknown preset 'opnai' (known: openai, anthropic");
  }

  @Test
  void custom_provider_needs_protocol_and_base_url() {
    assertThat(problem("providers: [{name: mine, api-key: k}]"))
        .contains("providers[0].protocol: missing protocol").contains("providers[0].base-url: missing base-url");
  }

  @Test
  void all_problems_are_reported_together_in_line_order() {
    ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class, () -> load("""
        server:
          port: -1
        routing:
          max-attempts: 0
        """, NO_ENV));
    assertThat(e.problems()).hasSize(2);
    assertThat(e.problems().get(0)).startsWith("t.yaml:2: server.port");
    assertThat(e.problems().get(1)).startsWith("t.yaml:4: routing.max-attempts");
  }

  @Test
  void client_disconnect_mode_is_cancel_by_default_drain_when_asked_and_validated() {
    assertThat(load("", NO_ENV).upstream().drainOnDisconnect()).isFalse();
    assertThat(load("upstream:\n  on-client-disconnect: drain\n", NO_ENV).upstream().drainOnDisconnect()).isTrue();
    ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class,
        () -> load("upstream:\n  on-client-disconnect: keep\n", NO_ENV));
    assertThat(e.problems().get(0)).startsWith("t.yaml:2: upstream.on-client-disconnect").contains("cancel").contains("drain");
  }

  // ---- presets --------------------------------------------------------------------------------------------------

  @Test
  void preset_models_are_merged_with_config_models_and_config_fields_win() {
    GatewayConfig c = load("""
        providers:
          - name: openai
            api-key: sk-test
            headers: {X-Title: switchboard}
            models:
              - id: gpt-4o-mini
                aliases: [mini]
                prices: {input: 0.1}
              - id: my-finetune
                capabilities: [tools]
        """, NO_ENV);
    ProviderConfig p = provider(c, "openai");
    assertThat(p.protocol()).isEqualTo(Protocol.OPENAI);
    assertThat(p.baseUrl()).isEqualTo("https://api.openai.com/v1");
    assertThat(p.headers()).containsEntry("X-Title", "switchboard");
    assertThat(p.keys()).containsExactly(new KeyConfig("default", "sk-test", 1, true));
    assertThat(p.models().get(0).upstreamId()).isEqualTo("gpt-4o-mini");
    assertThat(p.models().get(1).upstreamId()).isEqualTo("my-finetune");
    ModelConfig mini = model(p, "gpt-4o-mini");
    assertThat(mini.aliases()).containsExactly("mini");
    assertThat(mini.contextWindow()).isEqualTo(128000);
    assertThat(mini.has(Capability.VISION)).isTrue();
    assertThat(mini.prices()).isEqualTo(new Prices(new BigDecimal("0.1"), new BigDecimal("0.60"), new BigDecimal("0.075")));
    assertThat(model(p, "text-embedding-3-small").has(Capability.EMBEDDINGS)).isTrue();
  }

  @Test
  void include_preset_models_false_keeps_only_config_models() {
    GatewayConfig c = load("""
        providers:
          - name: proxy
            preset: openai
            base-url: https://proxy.example.com/v1/
            api-key: k
            include-preset-models: false
            models: [{id: gpt-4o-mini, public-id: mini}]
        """, NO_ENV);
    ProviderConfig p = provider(c, "proxy");
    assertThat(p.baseUrl()).isEqualTo("https://proxy.example.com/v1");
    assertThat(p.models()).extracting(ModelConfig::publicId).containsExactly("mini");
  }

  @Test
  void duplicate_public_ids_within_a_provider_are_an_error() {
    assertThat(problem("providers: [{name: ollama, models: [{id: a}, {id: b, public-id: a}]}]"))
        .isEqualTo("t.yaml:1: providers[0].models[1].public-id: name 'a' is already used by models[0].id (public ids"
            + " and aliases must be unique within a provider)");
  }

  @Test
  void an_alias_that_names_another_model_of_the_provider_is_an_error_naming_both() {
    // Accepted, "ollama/a" would answer with model b: the runtime keeps the first model listed for a name.
    assertThat(problem("""
        auto-providers: false
        providers:
          - name: ollama
            include-preset-models: false
            models:
              - {id: b, aliases: [a]}
              - {id: a}
        """)).isEqualTo("t.yaml:7: providers[0].models[1].id: name 'a' is already used by models[0].aliases[0]"
        + " (public ids and aliases must be unique within a provider)");
    assertThat(problem("""
        providers:
          - name: ollama
            models:
              - {id: x, aliases: [fast, ""]}
              - {id: y, public-id: z, aliases: [slow, "", fast]}
        """)).contains("t.yaml:5: providers[0].models[1].aliases[2]: name 'fast' is already used by models[0].aliases[0]");
    assertThat(problem("providers: [{name: ollama, models: [{id: a, public-id: b}, {id: b, public-id: c}]}]"))
        .as("an upstream id is a name too").contains("providers[0].models[1].id: name 'b' is already used by"
            + " models[0].public-id");
  }

  @Test
  void an_alias_clashing_with_a_preset_model_is_an_error_at_the_config_model() {
    assertThat(problem("""
        providers:
          - name: openai
            api-key: sk-test
            models:
              - {id: my-finetune, aliases: [gpt-4o-mini]}
        """)).isEqualTo("t.yaml:5: providers[0].models[0].aliases[0]: name 'gpt-4o-mini' is already used by preset"
        + " model 'gpt-4o-mini' (public ids and aliases must be unique within a provider)");
  }

  @Test
  void names_may_repeat_within_one_model_and_across_providers() {
    GatewayConfig c = load("""
        providers:
          - name: openai
            api-key: sk-test
            models:
              - {id: gpt-4o-mini, public-id: gpt-4o-mini, aliases: [mini, gpt-4o-mini, mini]}
          - name: groq
            api-key: gsk-test
            models:
              - {id: llama-3.1-8b-instant, aliases: [mini]}
        """, NO_ENV);
    assertThat(model(provider(c, "openai"), "gpt-4o-mini").aliases()).containsExactly("mini", "gpt-4o-mini", "mini");
    assertThat(model(provider(c, "groq"), "llama-3.1-8b-instant").aliases()).containsExactly("mini");
  }

  @Test
  void preset_provider_without_keys_takes_the_preset_env_key_only_for_the_preset_url() {
    Map<String, String> env = Map.of("GROQ_API_KEY", "gsk-env");
    GatewayConfig c = load("providers: [{name: groq}]", env);
    assertThat(provider(c, "groq").keys()).containsExactly(new KeyConfig("env", "gsk-env", 1, true));
    assertThat(problem("providers: [{name: other, preset: groq, base-url: https://evil.example/v1}]", env))
        .contains("providers[0]: missing secret");
  }

  // ---- keys from the store -------------------------------------------------------------------------------------

  private static final String STORE = "accounts: {master-key: \"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=\"}\n";

  @Test
  void without_keys_from_store_a_provider_that_needs_a_key_still_stops_startup_and_the_hint_names_the_flag() {
    assertThat(problem(STORE + "providers: [{name: groq, keys: []}]"))
        .startsWith("t.yaml:2: providers[0].keys: missing secret").contains("keys-from-store: true");
  }

  @Test
  void keys_from_store_declares_a_preset_or_custom_provider_with_no_key_and_ignores_the_preset_env_key() {
    GatewayConfig c = load(STORE + """
        providers:
          - name: openai
            keys-from-store: true
          - name: groq
            keys: []
            keys-from-store: true
          - name: vendor
            protocol: anthropic
            base-url: https://llm.vendor.example/v1
            keys-from-store: true
            models: [{id: m1}]
          - name: ollama
            keys-from-store: true
        """, Map.of("OPENAI_API_KEY", "sk-env", "GEMINI_API_KEY", "g-env"));
    assertThat(c.providers()).extracting(ProviderConfig::name)
        .as("presets whose env key is set still auto-enable; openai is declared, so not twice")
        .containsExactly("openai", "groq", "vendor", "ollama", "gemini");
    for (String name : new String[] {"openai", "groq", "vendor", "ollama"}) {
      assertThat(provider(c, name).keysFromStore()).isTrue();
      assertThat(provider(c, name).keys()).as(name).isEmpty();
    }
    assertThat(provider(c, "openai").models()).as("the preset still fills models").isNotEmpty();
    assertThat(provider(c, "gemini").keysFromStore()).isFalse();
    assertThat(provider(c, "gemini").keys()).containsExactly(new KeyConfig("env", "g-env", 1, true));
    assertThat(provider(c, "openai").toString()).doesNotContain("sk-env");
  }

  @Test
  void keys_from_store_with_config_keys_is_an_error_naming_the_field() {
    String msg = problem(STORE + """
        providers:
          - name: openai
            api-key: sk-config
            keys-from-store: true
          - name: groq
            keys-from-store: true
            keys: [{name: a, secret: s}]
        """);
    assertThat(msg).contains("t.yaml:5: providers[0].keys-from-store: a provider whose keys come from the store "
        + "lists none here: remove api-key, or drop keys-from-store").contains("t.yaml:7: providers[1].keys-from-store:").doesNotContain("sk-config");
  }

  @Test
  void keys_from_store_without_accounts_or_without_a_master_key_is_an_error_naming_the_field() {
    assertThat(problem("""
        accounts: {enabled: false, master-key: "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="}
        providers:
          - name: openai
            keys-from-store: true
        """)).isEqualTo("t.yaml:4: providers[0].keys-from-store: keys from the store need accounts "
        + "(accounts.enabled is false): keys are added with POST /admin/api/providers/keys");
    assertThat(problem("""
        providers:
          - name: openai
            keys-from-store: true
        """)).isEqualTo("t.yaml:3: providers[0].keys-from-store: keys from the store need accounts.master-key or "
        + "accounts.master-key-file (stored keys are sealed with it)");
    assertThat(load("accounts: {master-key-file: /run/secrets/sb-master}\n"
        + "providers: [{name: openai, keys-from-store: true}]", NO_ENV).providers()).hasSize(1);
  }

  @Test
  void keys_from_store_false_is_the_strict_default() {
    assertThat(problem(STORE + "providers: [{name: openai, keys-from-store: false}]"))
        .contains("providers[0]: missing secret");
  }

  @Test
  void cloudflare_account_id_comes_from_config_or_env() {
    Map<String, String> env = Map.of("CLOUDFLARE_API_TOKEN", "cf-token", "CLOUDFLARE_ACCOUNT_ID", "acc-env");
    ProviderConfig auto = provider(load("", env), "cloudflare");
    assertThat(auto.baseUrl()).contains("{account_id}");
    assertThat(auto.accountId()).isEqualTo("acc-env");
    ProviderConfig explicit = provider(load("providers: [{name: cloudflare, account-id: acc-cfg}]", env), "cloudflare");
    assertThat(explicit.accountId()).isEqualTo("acc-cfg");
    ProviderConfig none = provider(load("", Map.of("CLOUDFLARE_API_TOKEN", "t")), "cloudflare");
    assertThat(none.accountId()).isNull();
  }

  // ---- env auto-enabling ----------------------------------------------------------------------------------------

  @Test
  void presets_whose_env_key_is_set_are_enabled_with_key_named_env() {
    GatewayConfig c = load("providers: [{name: ollama}]",
        Map.of("OPENAI_API_KEY", "sk-o", "GOOGLE_API_KEY", "g-key", "NVIDIA_NIM_API_KEY", "nv", "EMPTY", ""));
    assertThat(c.providers()).extracting(ProviderConfig::name).containsExactly("ollama", "openai", "gemini", "nvidia");
    ProviderConfig openai = provider(c, "openai");
    assertThat(openai.keys()).containsExactly(new KeyConfig("env", "sk-o", 1, true));
    assertThat(openai.models()).isNotEmpty();
    assertThat(provider(c, "gemini").protocol()).isEqualTo(Protocol.GEMINI);
  }

  @Test
  void first_listed_env_key_wins_and_blank_values_do_not_count() {
    GatewayConfig c = load("", Map.of("GEMINI_API_KEY", "g1", "GOOGLE_API_KEY", "g2", "XAI_API_KEY", " "));
    assertThat(provider(c, "gemini").keys().getFirst().secret()).isEqualTo("g1");
    assertThat(c.providers()).extracting(ProviderConfig::name).containsExactly("gemini");
  }

  @Test
  void presets_mentioned_in_config_are_not_auto_enabled_again() {
    GatewayConfig c = load("""
        providers:
          - {name: my-openai, preset: openai, api-key: sk-cfg}
        """, Map.of("OPENAI_API_KEY", "sk-env"));
    assertThat(c.providers()).extracting(ProviderConfig::name).containsExactly("my-openai");
  }

  @Test
  void auto_providers_false_disables_env_enabling() {
    GatewayConfig c = load("auto-providers: false", Map.of("OPENAI_API_KEY", "sk-o"));
    assertThat(c.providers()).isEmpty();
  }

  // ---- secrets, files, example ----------------------------------------------------------------------------------

  @Test
  void secrets_never_appear_in_to_string() {
    GatewayConfig c = load("""
        database: {password: db-pass-secret}
        client-keys: [{name: a, secret: client-secret-1}]
        providers: [{name: groq, keys: [{name: k, secret: upstream-secret-2}]}]
        """, NO_ENV);
    assertThat(c.toString()).doesNotContain("db-pass-secret").doesNotContain("client-secret-1")
        .doesNotContain("upstream-secret-2").contains("groq");
  }

  @Test
  void load_reads_a_file_and_names_it_in_errors(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("sb.yaml");
    Files.writeString(file, "server:\n  port: 8181\n");
    assertThat(ConfigLoader.load(file, NO_ENV).server().port()).isEqualTo(8181);
    Files.writeString(file, "server:\n  port: 99999\n");
    assertThatThrownBy(() -> ConfigLoader.load(file, NO_ENV)).isInstanceOf(ConfigException.class)
        .hasMessage(file + ":2: server.port: port must be 0-65535 (got 99999)");
    assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("missing.yaml"), NO_ENV))
        .isInstanceOf(ConfigException.class).hasMessageContaining("missing.yaml: cannot read config file");
  }

  @Test
  void example_config_loads_with_an_empty_environment() {
    Path example = Path.of("..", "config", "switchboard.yaml");
    GatewayConfig c = ConfigLoader.load(example, NO_ENV);
    assertThat(c.clientKeys()).containsExactly(new ClientKey("dev", "sk-switchboard-dev"));
    assertThat(c.providers()).extracting(ProviderConfig::name).containsExactly("ollama");
    assertThat(model(provider(c, "ollama"), "llama3.2").aliases()).containsExactly("local");
    assertThat(c.server().port()).isEqualTo(8080);
    assertThat(c.database().url()).isEqualTo(DatabaseSettings.DEFAULT_H2_URL);
  }

  @Test
  void example_config_enables_cloud_providers_from_env() {
    GatewayConfig c = ConfigLoader.load(Path.of("..", "config", "switchboard.yaml"),
        Map.of("ANTHROPIC_API_KEY", "sk-ant", "SWITCHBOARD_API_KEY", "sk-real"));
    assertThat(c.providers()).extracting(ProviderConfig::name).containsExactly("ollama", "anthropic");
    assertThat(c.clientKeys().getFirst().secret()).isEqualTo("sk-real");
  }

  @Test
  void example_config_keeps_substituted_secrets_whole() {
    GatewayConfig c = ConfigLoader.load(Path.of("..", "config", "switchboard.yaml"), Map.of(
        "SWITCHBOARD_API_KEY", "sk-team #7 key", "SWITCHBOARD_ADMIN_EMAIL", "admin@example.com",
        "SWITCHBOARD_ADMIN_PASSWORD", "*CorrectHorse42", "SWITCHBOARD_WEBHOOK_SECRET", "&whsec: 'x' \"y\"\n"));
    assertThat(c.clientKeys()).containsExactly(new ClientKey("dev", "sk-team #7 key"));
    assertThat(c.accounts().bootstrapAdminEmail()).isEqualTo("admin@example.com");
    assertThat(c.accounts().bootstrapAdminPassword()).isEqualTo("*CorrectHorse42");
    assertThat(c.billing().webhookSecret()).isEqualTo("&whsec: 'x' \"y\"\n");
  }

  @Test
  void example_config_leaves_empty_secrets_unset() {
    GatewayConfig c = ConfigLoader.load(Path.of("..", "config", "switchboard.yaml"), Map.of(
        "SWITCHBOARD_ADMIN_EMAIL", "", "SWITCHBOARD_MASTER_KEY", "", "SWITCHBOARD_WEBHOOK_SECRET", ""));
    assertThat(c.accounts().bootstrapAdminEmail()).isNull();
    assertThat(c.accounts().masterKey()).isNull();
    assertThat(c.billing().webhookSecret()).isNull();
  }

  @Test
  void bench_configs_load_with_numbers_from_defaults_or_the_environment() {
    Path bench = Path.of("..", "bench", "bench.yaml");
    GatewayConfig c = ConfigLoader.load(bench, NO_ENV);
    assertThat(c.server().port()).isEqualTo(8080);
    assertThat(c.server().warmUp()).isEqualTo(Duration.ofSeconds(40));
    assertThat(c.upstream().maxConnections()).isEqualTo(512);
    assertThat(c.database().url()).startsWith("jdbc:h2:file:./data/switchboard;MODE=PostgreSQL;");
    assertThat(c.database().user()).isEqualTo("sa");
    assertThat(provider(c, "slow").baseUrl()).isEqualTo("http://127.0.0.1:18081/delay/0.5/0.5/v1");

    GatewayConfig tuned = ConfigLoader.load(bench, Map.of("BENCH_PORT", "18080", "BENCH_WARM_UP", "0s",
        "BENCH_MAX_CONNECTIONS", "6000", "BENCH_SLOW_TTFT", "2", "BENCH_SLOW_GAP", "0.1"));
    assertThat(tuned.server().port()).isEqualTo(18080);
    assertThat(tuned.server().warmUp()).isZero();
    assertThat(tuned.upstream().maxConnections()).isEqualTo(6000);
    assertThat(provider(tuned, "slow").baseUrl()).isEqualTo("http://127.0.0.1:18081/delay/2/0.1/v1");

    GatewayConfig nolog = ConfigLoader.load(Path.of("..", "bench", "nolog.yaml"), Map.of("BENCH_PORT", "18080"));
    assertThat(nolog.server().port()).isEqualTo(18080);
    assertThat(nolog.requestLog().enabled()).isFalse();
  }

  @Test
  void cors_origins_are_off_by_default_and_must_be_origins_or_a_star() {
    assertThat(load("auto-providers: false\n", NO_ENV).server().corsOrigins()).isEmpty();
    assertThat(load("""
        server:
          cors-origins: ["https://app.example.com", "http://localhost:5173", "*"]
        auto-providers: false
        """, NO_ENV).server().corsOrigins())
        .containsExactly("https://app.example.com", "http://localhost:5173", "*");
    String msg = problem("""
        server:
          cors-origins:
            - https://app.example.com/
        auto-providers: false
        """);
    assertThat(msg).contains("t.yaml:").contains("server.cors-origins[0]").contains("no path");
  }
}

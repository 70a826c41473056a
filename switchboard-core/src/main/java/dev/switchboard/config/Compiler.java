package dev.switchboard.config;

import dev.switchboard.config.Specs.ClientKeySpec;
import dev.switchboard.config.Specs.ConfigSpec;
import dev.switchboard.config.Specs.DatabaseSpec;
import dev.switchboard.config.Specs.KeySpec;
import dev.switchboard.config.Specs.ProviderSpec;
import dev.switchboard.config.Specs.RequestLogSpec;
import dev.switchboard.config.Specs.RoutingSpec;
import dev.switchboard.config.Specs.ServerSpec;
import dev.switchboard.config.Specs.UpstreamSpec;
import dev.switchboard.provider.Protocol;
import dev.switchboard.provider.preset.Preset;
import dev.switchboard.provider.preset.Presets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Turns a parsed {@link ConfigSpec} into the immutable {@link GatewayConfig}, applying defaults, presets and checks. */
final class Compiler {
  static final String CLIENT_KEY_ENV = "SWITCHBOARD_API_KEY";
  static final String DEV_CLIENT_SECRET = "sk-switchboard-dev";
  /** Name of the key taken from a preset's environment variable. */
  static final String ENV_KEY_NAME = "env";
  /** Longest request-log retention: a century, i.e. any real legal hold. */
  static final Duration MAX_RETENTION = Duration.ofDays(100 * 365);

  private final Map<String, String> env;
  private final Problems p;
  /** Fallbacks are checked once every provider (including env-enabled ones) is known. */
  private final List<Fallback> fallbacks = new ArrayList<>();

  private record Fallback(String path, String ref) {}

  /** Providers whose keys come from the store; checked against the accounts section once it is compiled. */
  private final List<String> keysFromStore = new ArrayList<>();

  Compiler(Map<String, String> env, Problems problems) {
    this.env = env;
    this.p = problems;
  }

  GatewayConfig compile(ConfigSpec s) {
    var server = server(s.server() == null ? new ServerSpec(null, null, null, null, null, null, null, null) : s.server());
    var upstream = upstream(s.upstream() == null ? new UpstreamSpec(null, null, null, null, null) : s.upstream());
    RoutingSpec routingSpec = s.routing() == null ? RoutingSpec.EMPTY : s.routing();
    var routing = routing(routingSpec);
    var database = database(s.database() == null ? new DatabaseSpec(null, null, null, null) : s.database());
    var log = requestLog(s.requestLog() == null ? new RequestLogSpec(null, null, null, null, null) : s.requestLog());
    var clientKeys = clientKeys(s.clientKeys());
    var providers = providers(s.providers(), !Boolean.FALSE.equals(s.autoProviders()));
    checkFallbacks(providers);
    var smart = new SmartCompiler(p).compile(routingSpec, s.pools(), providers);
    var accounts = new AccountsCompiler(p).compile(s.accounts(), s.catalog());
    checkKeysFromStore(accounts);
    var billing = new BillingCompiler(p).compile(s.billing());
    return new GatewayConfig(server, upstream, routing, database, log, clientKeys, providers, smart, accounts, billing);
  }

  private ServerSettings server(ServerSpec s) {
    String host = s.host() == null ? "127.0.0.1" : s.host().strip();
    if (host.isEmpty()) p.add("server.host", "must not be empty");
    int port = 8080;
    if (s.port() != null) {
      if (s.port() < 0 || s.port() > 65535) p.add("server.port", "port must be 0-65535 (got " + s.port() + ")");
      else port = s.port();
    }
    long maxBody = 10L * 1024 * 1024;
    if (s.maxBodyBytes() != null) {
      if (s.maxBodyBytes() < 1) p.add("server.max-body-bytes", "must be at least 1 (got " + s.maxBodyBytes() + ")");
      else maxBody = s.maxBodyBytes();
    }
    Duration grace = Values.duration(p, "server.shutdown-grace", s.shutdownGrace(), Duration.ofSeconds(10), true);
    int loops = Values.atLeast(p, "server.event-loops", s.eventLoops(), Runtime.getRuntime().availableProcessors(), 1);
    long maxUpload = ServerSettings.DEFAULT_MAX_UPLOAD_BYTES;
    if (s.maxUploadBytes() != null) {
      if (s.maxUploadBytes() < 1) p.add("server.max-upload-bytes", "must be at least 1 (got " + s.maxUploadBytes() + ")");
      else maxUpload = s.maxUploadBytes();
    }
    Duration warmUp = Values.duration(p, "server.warm-up", s.warmUp(), Duration.ZERO, true);
    return new ServerSettings(host, port, maxBody, grace, loops, maxUpload, warmUp, corsOrigins(s.corsOrigins()));
  }

  /** {@code *} or origins as browsers send them: scheme://host[:port], no path, no trailing slash. */
  private List<String> corsOrigins(List<String> origins) {
    if (origins == null) return List.of();
    List<String> out = new ArrayList<>(origins.size());
    for (int i = 0; i < origins.size(); i++) {
      String o = origins.get(i) == null ? "" : origins.get(i).strip();
      if (o.equals("*") || o.matches("https?://[^/\\s?#]+")) {
        out.add(o);
      } else {
        p.add("server.cors-origins[" + i + "]", "must be * or an origin like https://app.example.com (scheme, host"
            + " and optional port; no path), got '" + o + "'");
      }
    }
    return List.copyOf(out);
  }

  private UpstreamSettings upstream(UpstreamSpec s) {
    return new UpstreamSettings(
        // Vert.x takes the connect timeout as an int of milliseconds.
        Values.duration(p, "upstream.connect-timeout", s.connectTimeout(), Duration.ofSeconds(5), false,
            Values.MAX_INT_MILLIS),
        Values.duration(p, "upstream.first-byte-timeout", s.firstByteTimeout(), Duration.ofSeconds(60), false),
        Values.duration(p, "upstream.idle-timeout", s.idleTimeout(), Duration.ofSeconds(120), false),
        Values.atLeast(p, "upstream.max-connections", s.maxConnections(), 512, 1),
        drainOnDisconnect(s.onClientDisconnect()));
  }

  private boolean drainOnDisconnect(String mode) {
    if (mode == null || mode.equals("cancel")) return false;
    if (mode.equals("drain")) return true;
    p.add("upstream.on-client-disconnect", "must be 'cancel' or 'drain' (got '" + mode + "')");
    return false;
  }

  private RoutingSettings routing(RoutingSpec s) {
    Duration cooldown = Values.duration(p, "routing.default-cooldown", s.defaultCooldown(), Duration.ofSeconds(30), false);
    Duration max = Values.duration(p, "routing.max-cooldown", s.maxCooldown(), Duration.ofMinutes(10), false);
    if (max.compareTo(cooldown) < 0) p.add("routing.max-cooldown", "must not be shorter than routing.default-cooldown");
    return new RoutingSettings(Values.atLeast(p, "routing.max-attempts", s.maxAttempts(), 4, 1),
        Values.duration(p, "routing.total-timeout", s.totalTimeout(), Duration.ofSeconds(120), false),
        cooldown, max,
        Values.duration(p, "routing.quota-cooldown", s.quotaCooldown(), Duration.ofHours(1), false));
  }

  private DatabaseSettings database(DatabaseSpec s) {
    String url = s.url() == null ? DatabaseSettings.DEFAULT_H2_URL : s.url().strip();
    if (!url.startsWith("jdbc:")) p.add("database.url", "must be a JDBC URL (jdbc:h2:... or jdbc:postgresql:...)");
    return new DatabaseSettings(url, s.user() == null ? "sa" : s.user(), s.password() == null ? "" : s.password(),
        Values.atLeast(p, "database.pool-size", s.poolSize(), 4, 1));
  }

  private RequestLogSettings requestLog(RequestLogSpec s) {
    return new RequestLogSettings(!Boolean.FALSE.equals(s.enabled()),
        Values.atLeast(p, "request-log.batch-size", s.batchSize(), 500, 1),
        Values.duration(p, "request-log.flush-interval", s.flushInterval(), Duration.ofMillis(200), false),
        Values.atLeast(p, "request-log.queue-capacity", s.queueCapacity(), 100_000, 1),
        // Records may have to be kept for years; only Instant arithmetic uses it, which has room for far more.
        Values.duration(p, "request-log.retention", s.retention(), Duration.ZERO, true, MAX_RETENTION));
  }

  /** Without a client-keys section there is one key "dev" (secret from SWITCHBOARD_API_KEY, else the dev default). */
  private List<ClientKey> clientKeys(List<ClientKeySpec> specs) {
    if (specs == null) return List.of(new ClientKey("dev", envValue(CLIENT_KEY_ENV).orElse(DEV_CLIENT_SECRET)));
    List<ClientKey> out = new ArrayList<>();
    Map<String, String> names = new HashMap<>();
    Map<String, String> secrets = new HashMap<>();
    for (int i = 0; i < specs.size(); i++) {
      String path = "client-keys[" + i + "]";
      ClientKeySpec s = specs.get(i);
      if (s == null) {
        p.add(path, "empty client key entry");
        continue;
      }
      String name = s.name() == null ? "" : s.name().strip();
      if (name.isEmpty()) p.add(path + ".name", "missing name");
      else if (names.putIfAbsent(name, path) != null) p.add(path + ".name", "duplicate client key name '" + name + "'");
      if (s.secret() == null) p.add(path + ".secret", "missing secret");
      else if (s.secret().isBlank()) p.add(path + ".secret", "empty secret");
      else {
        String prev = secrets.putIfAbsent(s.secret(), path);
        if (prev != null) p.add(path + ".secret", "same secret as " + prev + " (client keys must be distinct)");
      }
      if (!name.isEmpty() && s.secret() != null && !s.secret().isBlank()) out.add(new ClientKey(name, s.secret()));
    }
    return out;
  }

  private List<ProviderConfig> providers(List<ProviderSpec> specs, boolean auto) {
    List<ProviderConfig> out = new ArrayList<>();
    Map<String, String> names = new HashMap<>();
    Set<String> mentioned = new HashSet<>();
    if (specs != null) {
      for (int i = 0; i < specs.size(); i++) {
        String path = "providers[" + i + "]";
        ProviderSpec s = specs.get(i);
        if (s == null) {
          p.add(path, "empty provider entry");
          continue;
        }
        String name = s.name() == null ? "" : s.name().strip();
        if (name.isEmpty()) {
          p.add(path + ".name", "missing name");
          continue;
        }
        if (!Values.validName(name)) {
          p.add(path + ".name", "bad provider name '" + name + "' (use lower-case letters, digits, '-', '_' or '.')");
        }
        String prev = names.putIfAbsent(name, path);
        if (prev != null) p.add(path + ".name", "duplicate provider name '" + name + "' (also at " + prev + ")");
        mentioned.add(name);
        ProviderConfig pc = provider(path, name, s, mentioned);
        if (pc != null && prev == null) out.add(pc);
      }
    }
    if (auto) {
      for (Preset preset : Presets.all()) {
        if (mentioned.contains(preset.name()) || names.containsKey(preset.name())) continue;
        Optional<String> secret = presetEnvKey(preset);
        if (secret.isEmpty()) continue;
        out.add(new ProviderConfig(preset.name(), preset.protocol(), preset.baseUrl(), Map.of(),
            List.of(new KeyConfig(ENV_KEY_NAME, secret.get(), 1, true)), preset.models(), presetAccount(preset)));
      }
    }
    return out;
  }

  private ProviderConfig provider(String path, String name, ProviderSpec s, Set<String> mentioned) {
    Preset preset = null;
    if (s.preset() != null) {
      preset = Presets.find(s.preset().strip()).orElse(null);
      if (preset == null) {
        p.add(path + ".preset", "unknown preset '" + s.preset() + "' (known: "
            + Presets.all().stream().map(Preset::name).collect(Collectors.joining(", ")) + ")");
        return null;
      }
    } else {
      preset = Presets.find(name).orElse(null);
    }
    if (preset != null) mentioned.add(preset.name());

    Protocol protocol = s.protocol() != null ? Values.protocol(p, path + ".protocol", s.protocol().strip())
        : preset != null ? preset.protocol() : null;
    if (s.protocol() == null && preset == null) {
      p.add(path + ".protocol", "missing protocol (openai, anthropic, gemini or dashscope); or name a preset with 'preset:'");
    }
    String baseUrl = s.baseUrl() != null ? Values.baseUrl(p, path + ".base-url", s.baseUrl())
        : preset != null ? preset.baseUrl() : null;
    if (s.baseUrl() == null && preset == null) p.add(path + ".base-url", "missing base-url (or name a preset)");
    boolean presetUrl = preset != null && preset.baseUrl().equals(baseUrl);

    String accountId = s.accountId() != null ? s.accountId().strip() : null;
    if (accountId != null && accountId.isEmpty()) p.add(path + ".account-id", "must not be empty");
    if (accountId == null && preset != null) accountId = presetAccount(preset);

    Map<String, String> headers = new LinkedHashMap<>();
    if (s.headers() != null) {
      s.headers().forEach((k, v) -> {
        if (k == null || k.isBlank() || !k.chars().allMatch(c -> c > 32 && c < 127 && c != ':')) {
          p.add(path + ".headers", "bad header name '" + k + "'");
        } else if (v == null) {
          p.add(path + ".headers." + k, "missing header value");
        } else {
          headers.put(k, v);
        }
      });
    }

    List<KeyConfig> keys = keys(path, s);
    boolean fromStore = Boolean.TRUE.equals(s.keysFromStore());
    if (fromStore) {
      // Said explicitly, so a forgotten key is still a startup error everywhere else. The preset's env key is not
      // read either: this provider's keys are the ones operators add, nothing else.
      if (s.apiKey() != null || (s.keys() != null && !s.keys().isEmpty())) {
        p.add(path + ".keys-from-store", "a provider whose keys come from the store lists none here: remove "
            + (s.apiKey() != null ? "api-key" : "keys")
            + ", or drop keys-from-store (stored keys join config keys without it)");
      }
      keysFromStore.add(path + ".keys-from-store");
      keys.clear();
    } else {
      // A preset's own env key is used only against the preset's own URL, so it never leaks to another host.
      if (keys.isEmpty() && s.apiKey() == null && presetUrl) {
        presetEnvKey(preset).ifPresent(secret -> keys.add(new KeyConfig(ENV_KEY_NAME, secret, 1, true)));
      }
      boolean requiresKey = preset != null ? preset.requiresKey() : baseUrl != null && !Values.isLoopback(baseUrl);
      if (requiresKey && keys.stream().noneMatch(KeyConfig::enabled)) {
        String hint = preset != null && presetUrl && !preset.envKeys().isEmpty()
            ? ", or set " + String.join(" or ", preset.envKeys()) : "";
        p.add(s.apiKey() != null ? path + ".api-key" : s.keys() != null ? path + ".keys" : path,
            "missing secret: provider '" + name + "' has no enabled key (set api-key or keys" + hint
                + ", or keys-from-store: true to use only keys added with POST /admin/api/providers/keys)");
      }
    }

    List<Models.Compiled> configModels = Models.compileAll(p, path + ".models", s.models());
    for (Models.Compiled c : configModels) {
      for (int j = 0; j < c.model().fallbacks().size(); j++) {
        fallbacks.add(new Fallback(c.path() + ".fallbacks[" + j + "]", c.model().fallbacks().get(j)));
      }
    }
    List<ModelConfig> presetModels = preset != null && !Boolean.FALSE.equals(s.includePresetModels())
        ? preset.models() : List.of();
    List<ModelConfig> models = Models.merge(presetModels, configModels);
    Models.checkNames(p, path, models, configModels);
    if (protocol == null || baseUrl == null) return null;
    return new ProviderConfig(name, protocol, baseUrl, headers, keys, models, accountId, fromStore);
  }

  private List<KeyConfig> keys(String path, ProviderSpec s) {
    List<KeyConfig> keys = new ArrayList<>();
    Set<String> names = new HashSet<>();
    if (s.apiKey() != null) {
      if (s.apiKey().isBlank()) p.add(path + ".api-key", "empty secret");
      else {
        keys.add(new KeyConfig("default", s.apiKey().strip(), 1, true));
        names.add("default");
      }
    }
    if (s.keys() == null) return keys;
    for (int i = 0; i < s.keys().size(); i++) {
      String kp = path + ".keys[" + i + "]";
      KeySpec k = s.keys().get(i);
      if (k == null) {
        p.add(kp, "empty key entry");
        continue;
      }
      String name = k.name() == null ? "" : k.name().strip();
      boolean ok = true;
      if (name.isEmpty()) {
        p.add(kp + ".name", "missing key name");
        ok = false;
      } else if (!names.add(name)) {
        p.add(kp + ".name", "duplicate key name '" + name + "'" + (name.equals("default") ? " (api-key is named 'default')" : ""));
        ok = false;
      }
      if (k.secret() == null) {
        p.add(kp + ".secret", "missing secret");
        ok = false;
      } else if (k.secret().isBlank()) {
        p.add(kp + ".secret", "empty secret");
        ok = false;
      }
      int weight = 1;
      if (k.weight() != null) {
        if (k.weight() < 1) {
          p.add(kp + ".weight", "weight must be at least 1 (got " + k.weight() + ")");
          ok = false;
        } else weight = k.weight();
      }
      DailyCap cap = Models.dailyCap(p, kp, k.requestsPerDay(), k.tokensPerDay());
      if (ok) keys.add(new KeyConfig(name, k.secret().strip(), weight, !Boolean.FALSE.equals(k.enabled()), cap));
    }
    return keys;
  }

  /**
   * Keys from the store need the store: accounts on (the admin API that adds them) and a master key (they are
   * sealed with it). Otherwise such a provider could never get a key, which is a mistake to stop on, not to run with.
   */
  private void checkKeysFromStore(AccountsSettings accounts) {
    for (String path : keysFromStore) {
      if (!accounts.enabled()) {
        p.add(path, "keys from the store need accounts (accounts.enabled is false): keys are added with "
            + "POST /admin/api/providers/keys");
      } else if (accounts.masterKey() == null && accounts.masterKeyFile() == null) {
        p.add(path, "keys from the store need accounts.master-key or accounts.master-key-file (stored keys are "
            + "sealed with it)");
      }
    }
  }

  /** Every fallback must name a model that exists: {@code provider/model} (public id or alias) or a bare id/alias. */
  private void checkFallbacks(List<ProviderConfig> providers) {
    if (fallbacks.isEmpty()) return;
    Map<String, Set<String>> byProvider = new HashMap<>();
    Set<String> bare = new HashSet<>();
    for (ProviderConfig pc : providers) {
      Set<String> ids = byProvider.computeIfAbsent(pc.name(), n -> new HashSet<>());
      for (ModelConfig m : pc.models()) {
        ids.add(m.publicId());
        ids.addAll(m.aliases());
        bare.add(m.publicId());
        bare.addAll(m.aliases());
      }
    }
    for (Fallback f : fallbacks) {
      String ref = f.ref();
      int slash = ref.indexOf('/');
      boolean found = bare.contains(ref)
          || (slash > 0 && byProvider.getOrDefault(ref.substring(0, slash), Set.of()).contains(ref.substring(slash + 1)));
      if (!found) {
        String why = slash > 0 && !byProvider.containsKey(ref.substring(0, slash)) && !bare.contains(ref)
            ? " (no provider '" + ref.substring(0, slash) + "' is configured or enabled)" : "";
        p.add(f.path(), "fallback '" + ref + "' is not a known model" + why);
      }
    }
  }

  private Optional<String> presetEnvKey(Preset preset) {
    for (String k : preset.envKeys()) {
      Optional<String> v = envValue(k);
      if (v.isPresent()) return v;
    }
    return Optional.empty();
  }

  private String presetAccount(Preset preset) {
    return preset.accountEnv() == null ? null : envValue(preset.accountEnv()).orElse(null);
  }

  private Optional<String> envValue(String name) {
    String v = env.get(name);
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.strip());
  }
}

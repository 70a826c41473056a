package dev.switchboard.config;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * The YAML file as written (kebab-case keys, every field optional so that defaults and presets can fill gaps).
 * Durations, protocols and capabilities stay strings here so that the compiler can report them with a path and line.
 */
final class Specs {
  private Specs() {}

  record ConfigSpec(ServerSpec server, UpstreamSpec upstream, RoutingSpec routing, DatabaseSpec database,
                    RequestLogSpec requestLog, List<ClientKeySpec> clientKeys, Boolean autoProviders,
                    List<ProviderSpec> providers, List<PoolSpec> pools, AccountsSpec accounts,
                    List<PublicModelSpec> catalog, BillingSpec billing) {
    static final ConfigSpec EMPTY = new ConfigSpec(null, null, null, null, null, null, null, null, null, null, null, null);
  }

  record BillingSpec(Boolean enabled, String currency, String instanceId, BigDecimal leaseChunk, BigDecimal overdraft,
                     Integer defaultOutputTokens, BigDecimal estimateMargin, BigDecimal minimumReservation,
                     String journalDir, Boolean journalFsync, Integer batchSize, String flushInterval, String orderTtl,
                     String webhookSecret, String webhookTolerance, String reconcileAt) {
    @Override public String toString() { return "BillingSpec[" + currency + "]"; }
  }

  record AccountsSpec(Boolean enabled, String bootstrapAdminEmail, String bootstrapAdminPassword, Boolean signup,
                      String sessionTtl, String keyCacheRefresh, Integer loginMaxFailures, String loginLockout,
                      String masterKey, String masterKeyFile, Boolean secureCookies) {
    @Override public String toString() { return "AccountsSpec[" + bootstrapAdminEmail + "]"; }
  }

  record PublicModelSpec(String name, String route, String description, PublicPricesSpec prices) {}

  record PublicPricesSpec(BigDecimal input, BigDecimal output, BigDecimal cachedRead, BigDecimal cacheWrite,
                          BigDecimal perRequest, BigDecimal perImage, BigDecimal perAudioSecond) {}

  record ServerSpec(String host, Integer port, Long maxBodyBytes, String shutdownGrace, Integer eventLoops,
                    Long maxUploadBytes, String warmUp, List<String> corsOrigins) {}

  record UpstreamSpec(String connectTimeout, String firstByteTimeout, String idleTimeout, Integer maxConnections,
                      String onClientDisconnect) {}

  record RoutingSpec(Integer maxAttempts, String totalTimeout, String defaultCooldown, String maxCooldown,
                     String quotaCooldown, String strategy, String sessionHeader, Integer stickySessions,
                     BreakerSpec breaker, String capsTimeZone, StatusSpec status, ClientIpLimitSpec clientIpLimit,
                     DiscoverySpec discovery) {
    static final RoutingSpec EMPTY = new RoutingSpec(null, null, null, null, null, null, null, null, null, null, null,
        null, null);
  }

  record BreakerSpec(Integer failures, String openFor) {}

  /** {@code public} is a Java keyword, hence the explicit name. */
  record StatusSpec(@com.fasterxml.jackson.annotation.JsonProperty("public") Boolean publicView, Boolean hideKeyNames) {}

  record ClientIpLimitSpec(Boolean enabled, Boolean authenticated, Integer burst, Integer perMinute) {}

  record DiscoverySpec(Boolean enabled, String interval, String timeout) {}

  record PoolSpec(String name, String strategy, List<String> members, Map<String, Integer> weights, Boolean extend) {}

  record DatabaseSpec(String url, String user, String password, Integer poolSize) {
    @Override public String toString() { return "DatabaseSpec[" + url + "]"; }
  }

  record RequestLogSpec(Boolean enabled, Integer batchSize, String flushInterval, Integer queueCapacity,
                        String retention) {}

  record ClientKeySpec(String name, String secret) {
    @Override public String toString() { return "ClientKeySpec[" + name + "]"; }
  }

  record ProviderSpec(String name, String preset, String protocol, String baseUrl, String accountId,
                      Map<String, String> headers, String apiKey, List<KeySpec> keys, Boolean keysFromStore,
                      Boolean includePresetModels, List<ModelSpec> models) {
    @Override public String toString() { return "ProviderSpec[" + name + "]"; }
  }

  record KeySpec(String name, String secret, Integer weight, Boolean enabled, Long requestsPerDay, Long tokensPerDay) {
    @Override public String toString() { return "KeySpec[" + name + "]"; }
  }

  record ModelSpec(String id, String publicId, List<String> aliases, Integer contextWindow, Integer maxOutputTokens,
                   List<String> capabilities, PricesSpec prices, List<String> fallbacks, List<String> tags,
                   Long requestsPerDay, Long tokensPerDay) {}

  record PricesSpec(BigDecimal input, BigDecimal output, BigDecimal cachedInput) {}

  /** The bundled preset catalogue (see {@code dev/switchboard/provider/preset/presets.yaml}). */
  record CatalogSpec(List<PresetSpec> presets) {}

  record PresetSpec(String name, String protocol, String baseUrl, List<String> envKeys, String accountEnv,
                    Boolean requiresKey, List<ModelSpec> models) {}
}

package dev.switchboard.config;

import java.util.List;

/**
 * The compiled, validated configuration: immutable, built once at startup by {@link ConfigLoader}.
 * Every setting has a documented default (see config/switchboard.yaml).
 */
public record GatewayConfig(ServerSettings server, UpstreamSettings upstream, RoutingSettings routing,
                            DatabaseSettings database, RequestLogSettings requestLog,
                            List<ClientKey> clientKeys, List<ProviderConfig> providers) {
  public GatewayConfig {
    clientKeys = List.copyOf(clientKeys);
    providers = List.copyOf(providers);
  }
}

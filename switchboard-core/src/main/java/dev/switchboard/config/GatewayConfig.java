package dev.switchboard.config;

import java.util.List;

/**
 * The compiled, validated configuration: immutable, built once at startup by {@link ConfigLoader}.
 * Every setting has a documented default (see config/switchboard.yaml).
 */
public record GatewayConfig(ServerSettings server, UpstreamSettings upstream, RoutingSettings routing,
                            DatabaseSettings database, RequestLogSettings requestLog,
                            List<ClientKey> clientKeys, List<ProviderConfig> providers, SmartRouting smart,
                            AccountsSettings accounts, BillingSettings billing) {
  public GatewayConfig {
    clientKeys = List.copyOf(clientKeys);
    providers = List.copyOf(providers);
    smart = smart == null ? SmartRouting.DEFAULTS : smart;
    accounts = accounts == null ? AccountsSettings.DEFAULTS : accounts;
    billing = billing == null ? BillingSettings.DEFAULTS : billing;
  }

  public GatewayConfig(ServerSettings server, UpstreamSettings upstream, RoutingSettings routing,
                       DatabaseSettings database, RequestLogSettings requestLog, List<ClientKey> clientKeys,
                       List<ProviderConfig> providers, SmartRouting smart, AccountsSettings accounts) {
    this(server, upstream, routing, database, requestLog, clientKeys, providers, smart, accounts, null);
  }

  /** The same gateway with other billing settings (tests, benchmarks). */
  public GatewayConfig withBilling(BillingSettings b) {
    return new GatewayConfig(server, upstream, routing, database, requestLog, clientKeys, providers, smart, accounts, b);
  }

  public GatewayConfig(ServerSettings server, UpstreamSettings upstream, RoutingSettings routing,
                       DatabaseSettings database, RequestLogSettings requestLog, List<ClientKey> clientKeys,
                       List<ProviderConfig> providers, SmartRouting smart) {
    this(server, upstream, routing, database, requestLog, clientKeys, providers, smart, AccountsSettings.DEFAULTS);
  }

  public GatewayConfig(ServerSettings server, UpstreamSettings upstream, RoutingSettings routing,
                       DatabaseSettings database, RequestLogSettings requestLog, List<ClientKey> clientKeys,
                       List<ProviderConfig> providers) {
    this(server, upstream, routing, database, requestLog, clientKeys, providers, SmartRouting.DEFAULTS);
  }
}

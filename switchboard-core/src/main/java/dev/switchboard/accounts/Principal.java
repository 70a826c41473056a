package dev.switchboard.accounts;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Set;

/**
 * Who a request authenticated as: the request path's result, attached to the exchange and recorded in the request
 * log. A config client key (or anonymous access) has no tenant and no scope limits: {@link #tenantId()} is null.
 *
 * @param keyId              the tenant key's id; null for config client keys
 * @param keyName            the key's name (never its secret)
 * @param tenantId           the owning tenant; null for config client keys
 * @param scope              the public models the key may call ({@link KeyScope#ALL} when unscoped)
 * @param allowedEndpoints   inference paths the key may call (e.g. /v1/chat/completions); empty = all
 * @param role               management role of the key
 * @param ratePerMinute      per-key request rate (token bucket); null = unlimited
 * @param spendLimit         per-key spend limit in USD, enforced by billing; null = none
 * @param expiresAt          null = never
 */
public record Principal(Long keyId, String keyName, Long tenantId, KeyScope scope, Set<String> allowedEndpoints,
                        KeyRole role, Integer ratePerMinute, BigDecimal spendLimit, Instant expiresAt) {
  public Principal {
    allowedEndpoints = allowedEndpoints == null ? Set.of() : Set.copyOf(allowedEndpoints);
    scope = scope == null ? KeyScope.ALL : scope;
  }

  /** A config client key (or "anonymous"): no tenant, every model and endpoint. */
  public static Principal configKey(String name) {
    return new Principal(null, name, null, KeyScope.ALL, Set.of(), KeyRole.ADMIN, null, null, null);
  }

  /** True for tenant keys: they see and call public model names only. */
  public boolean tenantKey() { return tenantId != null; }

  public boolean mayCall(String endpoint) { return allowedEndpoints.isEmpty() || allowedEndpoints.contains(endpoint); }
}

package dev.switchboard.server.accounts;

import dev.switchboard.accounts.ModelPrices;
import dev.switchboard.config.PublicModelConfig;
import dev.switchboard.store.accounts.KeyStore;
import dev.switchboard.store.accounts.TenantStore;
import dev.switchboard.store.accounts.UserStore;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** JSON shapes of the accounts endpoints (snake_case via the management mapper). Never carry secrets or hashes. */
final class Views {
  private Views() {}

  record UserView(long id, String email, String role, Long tenantId, Long resellerId, Instant createdAt) {
    static UserView of(UserStore.User u) {
      return new UserView(u.id(), u.email(), u.role(), u.tenantId(), u.resellerId(), u.createdAt());
    }
  }

  record TenantView(long id, String name, String status, Long resellerId, BigDecimal priceMultiplier, Instant createdAt) {
    static TenantView of(TenantStore.Tenant t) {
      return new TenantView(t.id(), t.name(), t.status(), t.resellerId(), t.priceMultiplier(), t.createdAt());
    }
  }

  record KeyView(long id, long tenantId, String name, String prefix, String scope, List<String> models,
                 List<String> allowedEndpoints, String role, Instant expiresAt, Integer rateLimitPerMinute,
                 BigDecimal spendLimit, BigDecimal spent, String status, Instant createdAt) {
    static KeyView of(KeyStore.Key k) {
      return new KeyView(k.id(), k.tenantId(), k.name(), k.keyPrefix(), k.scopeKind(), k.scopeModels(),
          k.allowedEndpoints(), k.role(), k.expiresAt(), k.ratePerMinute(), k.spendLimit(),
          k.spent() == null ? BigDecimal.ZERO : k.spent(), k.status(), k.createdAt());
    }
  }

  /** The one response that carries a key's secret: its creation. */
  record CreatedKey(KeyView key, String secret) {}

  record ModelView(String name, String route, String description, ModelPrices prices) {
    static ModelView admin(PublicModelConfig m) { return new ModelView(m.name(), m.route(), m.description(), m.prices()); }

    /** Tenants see names and their own prices, not the routes behind them. */
    static ModelView tenant(PublicModelConfig m, BigDecimal multiplier) {
      ModelPrices p = m.prices();
      return new ModelView(m.name(), null, m.description(), new ModelPrices(mul(p.input(), multiplier),
          mul(p.output(), multiplier), mul(p.cachedRead(), multiplier), mul(p.cacheWrite(), multiplier),
          mul(p.perRequest(), multiplier), mul(p.perImage(), multiplier), mul(p.perAudioSecond(), multiplier)));
    }

    private static BigDecimal mul(BigDecimal v, BigDecimal m) { return v == null ? null : v.multiply(m).stripTrailingZeros(); }
  }

  /** A stored provider key: never its secret. */
  record ProviderSecretView(long id, String provider, String name, int weight, boolean enabled, Instant createdAt) {
    static ProviderSecretView of(dev.switchboard.store.accounts.SecretStore.Secret s) {
      return new ProviderSecretView(s.id(), s.provider(), s.name(), s.weight(), s.enabled(), s.createdAt());
    }
  }

  record ListOf<T>(List<T> data) {}
}

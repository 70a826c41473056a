package dev.switchboard.accounts;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * Prices for billing: a public model's list prices and a tenant's multiplier (reseller tiers). Lookups are
 * in-memory (the catalog is cached and refreshed on change), so they may be called on the request path.
 */
public interface PriceBook {
  /** The list prices of a public model name; empty when the name is not in the catalog. */
  Optional<ModelPrices> prices(String publicModel);

  /** The tenant's price multiplier; {@link BigDecimal#ONE} when none is set. */
  BigDecimal multiplier(long tenantId);
}

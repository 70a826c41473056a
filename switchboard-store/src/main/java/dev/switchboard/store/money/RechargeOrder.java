package dev.switchboard.store.money;

import java.math.BigDecimal;
import java.time.Instant;

/** A tenant's top-up: pending until paid (webhook or operator), cancelled (by the tenant) or expired. */
public record RechargeOrder(long id, long tenantId, BigDecimal amount, String currency, String status, String provider,
                            String providerRef, Instant createdAt, Instant expiresAt, Instant settledAt,
                            String settledBy, Long ledgerEntry) {
  public static final String PENDING = "pending";
  public static final String PAID = "paid";
  public static final String CANCELLED = "cancelled";
  public static final String EXPIRED = "expired";
}

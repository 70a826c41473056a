package dev.switchboard.store.money;

import java.math.BigDecimal;
import java.time.Instant;

/** One appended ledger line; {@code balanceAfter} is the tenant's balance right after it. */
public record LedgerEntry(long id, long tenantId, LedgerKind kind, BigDecimal amount, BigDecimal balanceAfter,
                          String reason, String reference, String actor, Instant createdAt) {}

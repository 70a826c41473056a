package dev.switchboard.store.money;

import java.math.BigDecimal;
import java.time.Instant;

/** An issued voucher as listed: the code itself is only returned once, at issue ({@link Vouchers.Issued}). */
public record Voucher(long id, String codePrefix, BigDecimal amount, int maxUses, int uses, Instant expiresAt,
                      String status, String note, String createdBy, Instant createdAt) {}

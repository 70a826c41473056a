package dev.switchboard.store.money;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One metered request as journaled and stored: who (tenant, key, instance whose lease paid), what (public model,
 * endpoint, status), the canonical token split and the cost. {@code rawUsage} is the provider's usage JSON.
 */
public record ChargeRecord(String requestId, long tenantId, Long keyId, String model, String endpoint, int status,
                           Instant time, long inputTokens, long uncachedTokens, long cachedTokens,
                           long cacheWriteTokens, long outputTokens, long reasoningTokens, BigDecimal cost,
                           String rawUsage, String instanceId) {}

package dev.switchboard.server.billing;

import dev.switchboard.billing.Rates;
import java.math.BigDecimal;

/**
 * What a request holds from its tenant's wallet until it ends, and the prices it will be charged at.
 *
 * @param keyUnits what it holds against its key's spend limit (0 when the key has none)
 */
public record Reservation(long tenantId, Long keyId, String model, long units, long keyUnits, Rates rates,
                          BigDecimal multiplier) {}

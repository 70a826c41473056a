package dev.switchboard.server.billing;

import dev.switchboard.billing.Rates;
import java.math.BigDecimal;

/** What a request holds from its tenant's wallet until it ends, and the prices it will be charged at. */
public record Reservation(long tenantId, Long keyId, String model, long units, Rates rates, BigDecimal multiplier) {}

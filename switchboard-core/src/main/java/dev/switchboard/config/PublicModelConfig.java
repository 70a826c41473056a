package dev.switchboard.config;

import dev.switchboard.accounts.ModelPrices;

/**
 * A customer-facing model name bound to a route: anything routing plans ({@code provider/model}, an alias,
 * {@code pool/<name>}; fallbacks come from the target's catalog entry), with its list prices.
 */
public record PublicModelConfig(String name, String route, String description, ModelPrices prices) {}

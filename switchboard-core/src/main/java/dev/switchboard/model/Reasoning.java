package dev.switchboard.model;

/** Reasoning request: an OpenAI-style effort ("low"/"medium"/"high") and/or an explicit token budget (Anthropic, Gemini). */
public record Reasoning(String effort, Integer budgetTokens) {}

package dev.switchboard.model;

/**
 * An error a provider returned, already parsed from its wire: HTTP status (0 when it came inside a stream),
 * the provider's error type/code and its message. Never contains request secrets: codecs build it from the body only.
 */
public record UpstreamError(int status, String type, String code, String message) {}

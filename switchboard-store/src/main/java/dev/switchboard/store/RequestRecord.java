package dev.switchboard.store;

import java.time.Instant;

/**
 * One row of the request log: what was asked, what served it and what it cost in tokens and time.
 * Token counts are null when the provider did not report them. {@code attemptsDetail} is a short JSON array of
 * the attempts (provider, model, key name, status/failure), never a secret. {@code routingDetail} is a short JSON
 * object with the pool used and the candidates the routing decision skipped, each with its reason (null when
 * nothing was skipped and no pool was used). {@code tenantId}/{@code keyId} name the tenant key that made the request
 * (null for config client keys and anonymous access).
 */
public record RequestRecord(
    Instant time,
    String requestId,
    String clientKey,
    String endpoint,
    String requestedModel,
    String servedModel,
    String provider,
    String upstreamKey,
    int attempts,
    int status,
    String errorKey,
    boolean stream,
    long latencyMicros,
    Long ttfbMicros,
    Long inputTokens,
    Long outputTokens,
    Long cachedTokens,
    Long reasoningTokens,
    String attemptsDetail,
    String routingDetail,
    Long tenantId,
    Long keyId) {

  /** A record of a request made without a tenant key. */
  public RequestRecord(Instant time, String requestId, String clientKey, String endpoint, String requestedModel,
                       String servedModel, String provider, String upstreamKey, int attempts, int status,
                       String errorKey, boolean stream, long latencyMicros, Long ttfbMicros, Long inputTokens,
                       Long outputTokens, Long cachedTokens, Long reasoningTokens, String attemptsDetail,
                       String routingDetail) {
    this(time, requestId, clientKey, endpoint, requestedModel, servedModel, provider, upstreamKey, attempts, status,
        errorKey, stream, latencyMicros, ttfbMicros, inputTokens, outputTokens, cachedTokens, reasoningTokens,
        attemptsDetail, routingDetail, null, null);
  }

  /** A record without routing detail (requests that never reached routing). */
  public RequestRecord(Instant time, String requestId, String clientKey, String endpoint, String requestedModel,
                       String servedModel, String provider, String upstreamKey, int attempts, int status,
                       String errorKey, boolean stream, long latencyMicros, Long ttfbMicros, Long inputTokens,
                       Long outputTokens, Long cachedTokens, Long reasoningTokens, String attemptsDetail) {
    this(time, requestId, clientKey, endpoint, requestedModel, servedModel, provider, upstreamKey, attempts, status,
        errorKey, stream, latencyMicros, ttfbMicros, inputTokens, outputTokens, cachedTokens, reasoningTokens,
        attemptsDetail, null, null, null);
  }
}

package dev.switchboard.error;

/**
 * Stable error identifiers (also used as metric labels). Each knows its HTTP status and the OpenAI error
 * {@code type} it is reported as; other wires map the same key to their own shapes.
 */
public enum ErrorKey {
  INVALID_JSON(400, "invalid_request_error"),
  INVALID_REQUEST(400, "invalid_request_error"),
  CAPABILITY_UNSUPPORTED(400, "invalid_request_error"),
  MISSING_API_KEY(401, "authentication_error"),
  INVALID_API_KEY(401, "authentication_error"),
  /** The tenant's prepaid balance does not cover the request's estimated cost (OpenAI's own code and type). */
  INSUFFICIENT_QUOTA(402, "insufficient_quota"),
  PERMISSION_DENIED(403, "permission_error"),
  NOT_FOUND(404, "not_found_error"),
  MODEL_NOT_FOUND(404, "not_found_error"),
  METHOD_NOT_ALLOWED(405, "invalid_request_error"),
  BODY_TOO_LARGE(413, "invalid_request_error"),
  UNSUPPORTED_MEDIA_TYPE(415, "invalid_request_error"),
  RATE_LIMITED(429, "rate_limit_error"),
  UPSTREAM_BAD_REQUEST(400, "invalid_request_error"),
  UPSTREAM_ERROR(502, "upstream_error"),
  UPSTREAM_TIMEOUT(504, "timeout_error"),
  NO_PROVIDER_AVAILABLE(503, "service_unavailable"),
  SHUTTING_DOWN(503, "service_unavailable"),
  INTERNAL(500, "server_error");

  private final int status;
  private final String openAiType;

  ErrorKey(int status, String openAiType) {
    this.status = status;
    this.openAiType = openAiType;
  }

  public int status() { return status; }

  public String openAiType() { return openAiType; }

  public String code() { return name().toLowerCase(java.util.Locale.ROOT); }
}

package dev.switchboard.server.manage;

/**
 * A management API failure, rendered as {@code {"error":{"message","type","code","param"}}} with {@code status}.
 * Messages name the field at fault and never contain secrets.
 */
public final class ApiException extends RuntimeException {
  private final int status;
  private final String type;
  private final String code;
  private final String param;

  public ApiException(int status, String type, String code, String message, String param) {
    super(message, null, false, false);
    this.status = status;
    this.type = type;
    this.code = code;
    this.param = param;
  }

  public int status() { return status; }
  public String type() { return type; }
  public String code() { return code; }
  public String param() { return param; }

  public static ApiException badRequest(String param, String message) {
    return new ApiException(400, "invalid_request_error", "invalid_" + (param == null ? "request" : "field"), message, param);
  }

  public static ApiException unauthorized(String message) {
    return new ApiException(401, "authentication_error", "unauthenticated", message, null);
  }

  public static ApiException forbidden(String message) {
    return new ApiException(403, "permission_error", "forbidden", message, null);
  }

  /** Also used for things that exist but belong to someone else: no existence oracle across tenants. */
  public static ApiException notFound(String what) {
    return new ApiException(404, "not_found_error", "not_found", what + " not found", null);
  }

  public static ApiException conflict(String param, String message) {
    return new ApiException(409, "conflict_error", "conflict", message, param);
  }

  public static ApiException tooManyRequests(String message) {
    return new ApiException(429, "rate_limit_error", "too_many_requests", message, null);
  }
}

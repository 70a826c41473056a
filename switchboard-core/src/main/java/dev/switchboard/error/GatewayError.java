package dev.switchboard.error;

/**
 * An error the gateway reports to its client, independent of wire. {@code param} names the offending field
 * (dotted path, e.g. {@code messages[2].content}) when there is one. {@code status} normally comes from the key
 * but upstream pass-through errors may carry the upstream's 4xx status. Messages never contain secrets.
 */
public record GatewayError(ErrorKey key, int status, String message, String param, java.util.List<Reason> reasons) {

  /** Why one routing candidate could not serve: {@code candidate} is {@code provider/model} (and key when known). */
  public record Reason(String candidate, String reason) {}

  public GatewayError {
    reasons = reasons == null ? java.util.List.of() : java.util.List.copyOf(reasons);
  }

  public GatewayError(ErrorKey key, int status, String message, String param) {
    this(key, status, message, param, java.util.List.of());
  }

  /** The same error, listing each candidate and why it was skipped or failed (503s and all-attempts-failed). */
  public GatewayError withReasons(java.util.List<Reason> list) { return new GatewayError(key, status, message, param, list); }

  public static GatewayError of(ErrorKey key, String message) { return new GatewayError(key, key.status(), message, null); }

  public static GatewayError field(ErrorKey key, String param, String message) {
    return new GatewayError(key, key.status(), message, param);
  }

  public GatewayException exception() { return new GatewayException(this); }
}

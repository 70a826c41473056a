package dev.switchboard.error;

/**
 * An error the gateway reports to its client, independent of wire. {@code param} names the offending field
 * (dotted path, e.g. {@code messages[2].content}) when there is one. {@code status} normally comes from the key
 * but upstream pass-through errors may carry the upstream's 4xx status. Messages never contain secrets.
 */
public record GatewayError(ErrorKey key, int status, String message, String param) {

  public static GatewayError of(ErrorKey key, String message) { return new GatewayError(key, key.status(), message, null); }

  public static GatewayError field(ErrorKey key, String param, String message) {
    return new GatewayError(key, key.status(), message, param);
  }

  public GatewayException exception() { return new GatewayException(this); }
}

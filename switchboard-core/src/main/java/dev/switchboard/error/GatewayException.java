package dev.switchboard.error;

/** Carries a {@link GatewayError} up to the HTTP boundary, where it is logged once and encoded in the client's wire. */
public final class GatewayException extends RuntimeException {
  private final GatewayError error;

  public GatewayException(GatewayError error) {
    super(error.message(), null, false, false);
    this.error = error;
  }

  public static GatewayException invalid(String param, String message) {
    return new GatewayException(GatewayError.field(ErrorKey.INVALID_REQUEST, param, message));
  }

  public GatewayError error() { return error; }
}

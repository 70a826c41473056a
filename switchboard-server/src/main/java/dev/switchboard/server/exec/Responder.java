package dev.switchboard.server.exec;

import dev.switchboard.error.GatewayError;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import java.util.function.Function;

/** Writes the gateway's explanation headers and error responses in the client's wire. */
public final class Responder {
  // Pre-encoded header names and values: Netty then skips re-hashing and re-encoding them on every response.
  public static final CharSequence REQUEST_ID = HttpHeaders.createOptimized("x-request-id");
  public static final CharSequence CONTENT_TYPE = HttpHeaders.createOptimized("content-type");
  public static final CharSequence APPLICATION_JSON = HttpHeaders.createOptimized("application/json");
  public static final CharSequence PROVIDER = HttpHeaders.createOptimized("x-switchboard-provider");
  public static final CharSequence MODEL = HttpHeaders.createOptimized("x-switchboard-model");
  public static final CharSequence ATTEMPTS = HttpHeaders.createOptimized("x-switchboard-attempts");
  public static final CharSequence KEY = HttpHeaders.createOptimized("x-switchboard-key");

  private final HttpServerResponse response;
  private final Exchange exchange;
  private final Function<GatewayError, byte[]> errorEncoder;
  /** Key names (never secrets) are shown unless the operator hides them (routing.status.hide-key-names). */
  private final boolean showKeyName;

  public Responder(GatewayServices services, HttpServerResponse response, Exchange exchange,
                   Function<GatewayError, byte[]> errorEncoder) {
    this.response = response;
    this.exchange = exchange;
    this.errorEncoder = errorEncoder;
    this.showKeyName = !services.config().smart().status().hideKeyNames();
  }

  void headers(AttemptPlanner.Choice choice) {
    response.putHeader(PROVIDER, choice.candidate().provider().name());
    response.putHeader(MODEL, choice.candidate().qualifiedId());
    if (showKeyName) response.putHeader(KEY, choice.key().name());
    response.putHeader(ATTEMPTS, String.valueOf(exchange.attempts.size()));
  }

  public void error(GatewayError error) {
    if (response.ended() || response.closed()) return;
    response.setStatusCode(error.status());
    response.putHeader(ATTEMPTS, String.valueOf(exchange.attempts.size()));
    response.putHeader(CONTENT_TYPE, APPLICATION_JSON);
    response.end(Buffer.buffer(errorEncoder.apply(error)));
  }
}

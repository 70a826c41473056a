package dev.switchboard.server.exec;

import dev.switchboard.error.GatewayError;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.util.function.Function;

/** Writes the gateway's explanation headers and error responses in the client's wire. */
public final class Responder {
  public static final String REQUEST_ID = "x-request-id";
  public static final String PROVIDER = "x-switchboard-provider";
  public static final String MODEL = "x-switchboard-model";
  public static final String ATTEMPTS = "x-switchboard-attempts";

  private final HttpServerResponse response;
  private final Exchange exchange;
  private final Function<GatewayError, byte[]> errorEncoder;

  public Responder(GatewayServices services, HttpServerResponse response, Exchange exchange,
                   Function<GatewayError, byte[]> errorEncoder) {
    this.response = response;
    this.exchange = exchange;
    this.errorEncoder = errorEncoder;
  }

  void headers(AttemptPlanner.Choice choice) {
    response.putHeader(PROVIDER, choice.candidate().provider().name());
    response.putHeader(MODEL, choice.candidate().qualifiedId());
    response.putHeader(ATTEMPTS, String.valueOf(exchange.attempts.size()));
  }

  public void error(GatewayError error) {
    if (response.ended() || response.closed()) return;
    response.setStatusCode(error.status());
    response.putHeader(ATTEMPTS, String.valueOf(exchange.attempts.size()));
    response.putHeader("content-type", "application/json");
    response.end(Buffer.buffer(errorEncoder.apply(error)));
  }
}

package dev.switchboard.server.http;

import dev.switchboard.error.GatewayError;
import dev.switchboard.server.exec.Exchange;
import dev.switchboard.server.exec.GatewayServices;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;

/**
 * A POST endpoint that calls upstreams. It speaks one client wire: its errors (auth, body, routing) are encoded
 * in that wire's shape. Adding an inbound protocol is one implementation plus one line in {@link InferenceRoutes}.
 */
interface InferenceEndpoint {
  /** The error body in this endpoint's wire. */
  byte[] encodeError(GatewayError error);

  /** Decodes {@code body}, plans the route and starts the execution; throws GatewayException on bad input. */
  void handle(Call call);

  /** Everything one call needs. */
  record Call(GatewayServices services, Vertx vertx, HttpServerRequest request, Exchange exchange, byte[] body) {
    String header(String name) { return request.getHeader(name); }
  }
}

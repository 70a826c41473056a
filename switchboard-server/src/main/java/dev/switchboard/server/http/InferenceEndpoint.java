package dev.switchboard.server.http;

import dev.switchboard.error.GatewayError;
import dev.switchboard.server.exec.Exchange;
import dev.switchboard.server.exec.MultipartForm;
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

  /** True: the body is multipart/form-data (an upload), read into {@link Call#form()} under server.max-upload-bytes. */
  default boolean multipart() { return false; }

  /** Everything one call needs: {@code body} for JSON endpoints, {@code form} for multipart ones (the other is null). */
  record Call(GatewayServices services, Vertx vertx, HttpServerRequest request, Exchange exchange, byte[] body,
              MultipartForm form) {
    /** A request header; routing overrides (X-Provider, X-Pool) are ignored for tenant keys, bound to the catalog. */
    String header(String name) {
      if ((name.equals("x-provider") || name.equals("x-pool")) && exchange.principal() != null
          && exchange.principal().tenantKey()) return null;
      return request.getHeader(name);
    }
  }
}

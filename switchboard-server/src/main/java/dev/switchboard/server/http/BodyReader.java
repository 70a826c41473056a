package dev.switchboard.server.http;

import dev.switchboard.error.ErrorKey;
import dev.switchboard.error.GatewayError;
import dev.switchboard.error.GatewayException;
import dev.switchboard.server.upstream.Bodies;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

/** Reads a JSON request body with a size cap, refusing other content types before reading anything. */
final class BodyReader {
  private BodyReader() {}

  static Future<byte[]> readJson(HttpServerRequest request, long maxBytes) {
    String type = request.getHeader("content-type");
    if (type != null && !isJson(type)) {
      return Future.failedFuture(new GatewayException(GatewayError.field(ErrorKey.UNSUPPORTED_MEDIA_TYPE, "Content-Type",
          "Content-Type must be application/json; got '" + type + "'")));
    }
    return readAny(request, maxBytes, "server.max-body-bytes");
  }

  /** Reads a body of any content type with a size cap ({@code setting} names the limit in the 413 message). */
  static Future<byte[]> readAny(HttpServerRequest request, long maxBytes, String setting) {
    String length = request.getHeader("content-length");
    if (length != null) {
      try {
        if (Long.parseLong(length.trim()) > maxBytes) return Future.failedFuture(tooLarge(maxBytes, setting));
      } catch (NumberFormatException e) {
        return Future.failedFuture(new GatewayException(GatewayError.field(ErrorKey.INVALID_REQUEST, "Content-Length",
            "Content-Length is not a number")));
      }
    }
    Promise<byte[]> promise = Promise.promise();
    Buffer body = Buffer.buffer(length != null ? (int) Math.min(Long.parseLong(length.trim()), maxBytes) : 1024);
    boolean[] failed = {false};
    request.handler(chunk -> {
      if (failed[0]) return;
      if (body.length() + chunk.length() > maxBytes) {
        failed[0] = true;
        promise.tryFail(tooLarge(maxBytes, setting));
        return;
      }
      body.appendBuffer(chunk);
    });
    request.endHandler(v -> {
      // The buffer was sized by Content-Length: its array usually is the body, handed over without a copy.
      if (!failed[0]) promise.tryComplete(Bodies.array(body));
    });
    request.exceptionHandler(promise::tryFail);
    return promise.future();
  }

  private static boolean isJson(String type) {
    int semi = type.indexOf(';');
    String base = (semi < 0 ? type : type.substring(0, semi)).trim();
    return base.equalsIgnoreCase("application/json") || base.regionMatches(true, base.length() - 5, "+json", 0, 5);
  }

  static GatewayException tooLarge(long max, String setting) {
    return new GatewayException(GatewayError.of(ErrorKey.BODY_TOO_LARGE,
        "The request body is larger than the limit of " + max + " bytes (" + setting + ")"));
  }
}

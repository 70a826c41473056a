package dev.switchboard.server.http;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * Listens one HTTP server per event loop on one port. Each listens from its own event-loop context: a server's
 * connections run on the context it listened from, and a plain thread always gets the same ("sticky") context, which
 * had put every connection on one event loop (the other sat idle under load, docs/benchmarks.md). Vert.x shares one
 * socket among servers of one address and round-robins accepted connections over them.
 */
public final class LoopServers {
  private static final int PORT_ZERO_ATTEMPTS = 5;

  private LoopServers() {}

  /**
   * @return the port all of them listen on. Port 0 is resolved to a free port first, because Vert.x keys the sharing
   *         by the requested port: each "port 0" server would bind a port of its own and only the first would ever
   *         get a connection. That port may be taken in between by another process, so port 0 retries a few times.
   */
  public static Future<Integer> listen(Vertx vertx, List<HttpServer> servers, String host, int port) {
    return attempt((VertxInternal) vertx, servers, host, port, 1);
  }

  private static Future<Integer> attempt(VertxInternal vertx, List<HttpServer> servers, String host, int configured,
                                         int attempt) {
    int port = configured != 0 ? configured : freePort(host);
    List<Future<HttpServer>> listening = new ArrayList<>();
    for (HttpServer server : servers) listening.add(listenOn(vertx.createEventLoopContext(), server, host, port));
    return Future.join(listening).map(all -> port).recover(e -> {
      if (configured != 0 || attempt == PORT_ZERO_ATTEMPTS) return Future.failedFuture(e);
      List<Future<Void>> closing = new ArrayList<>();
      for (Future<HttpServer> f : listening) if (f.succeeded()) closing.add(f.result().close());
      return Future.join(closing).transform(closed -> attempt(vertx, servers, host, configured, attempt + 1));
    });
  }

  private static Future<HttpServer> listenOn(ContextInternal context, HttpServer server, String host, int port) {
    Promise<HttpServer> listening = context.promise();
    context.runOnContext(v -> server.listen(port, host).onComplete(listening));
    return listening.future();
  }

  private static int freePort(String host) {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(host))) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot find a free port on " + host, e);
    }
  }
}

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

/**
 * The floor of our stack: the least a Vert.x 5 HTTP proxy does per request (read the body, send it on a pooled
 * keep-alive connection, read the answer, write it back), with the gateway's transport and layout (epoll, one server
 * and one client pool per event loop, TCP_NODELAY) and none of its work (no JSON, routing, auth, log, metrics).
 * Answers are read whole before they are written back, streams included: for the mock's one-buffer SSE answers that
 * is the same bytes, and a lower bound for a relay that writes as events arrive.
 * Run by bench/run.sh beside the gateway so that its CPU per request is measured in the same minutes: what the
 * gateway costs above it is ours, what it costs itself is the framework's and the kernel's (docs/benchmarks.md).
 *
 * <pre>java -cp switchboard-server/target/switchboard.jar bench/VertxFloor.java PORT UPSTREAM_PORT [EVENT_LOOPS]</pre>
 */
public class VertxFloor {
  public static void main(String[] args) {
    int port = Integer.parseInt(args[0]);
    int upstreamPort = Integer.parseInt(args[1]);
    int loops = args.length > 2 ? Integer.parseInt(args[2]) : Runtime.getRuntime().availableProcessors();
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(loops).setPreferNativeTransport(true));
    vertx.deployVerticle(() -> new VerticleBase() {
      @Override public Future<?> start() {
        HttpClient client = vertx.httpClientBuilder()
            .with(new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true))
            .with(new PoolOptions().setHttp1MaxSize(256)).build();
        HttpServerOptions options = new HttpServerOptions().setHost("127.0.0.1").setPort(port)
            .setTcpNoDelay(true).setCompressionSupported(false);
        return vertx.createHttpServer(options).requestHandler(req -> req.body().onSuccess(body ->
            client.request(new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1").setPort(upstreamPort)
                    .setURI(req.uri()))
                .compose(up -> up.putHeader("content-type", "application/json").send(body))
                .compose(resp -> resp.body().map(b -> {
                  req.response().setStatusCode(resp.statusCode())
                      .putHeader("content-type", resp.getHeader("content-type")).end(b);
                  return b;
                }))
                .onFailure(e -> req.response().setStatusCode(502).end(String.valueOf(e)))))
            .listen();
      }
    }, new DeploymentOptions().setInstances(loops))
        .onSuccess(id -> System.out.println("vertx-floor listening on 127.0.0.1:" + port + " (" + loops
            + " event loops, native transport " + vertx.isNativeTransportEnabled() + ")"))
        .onFailure(e -> {
          e.printStackTrace();
          System.exit(1);
        });
  }
}

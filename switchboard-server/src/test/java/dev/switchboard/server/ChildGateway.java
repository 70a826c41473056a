package dev.switchboard.server;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The gateway as users run it: {@code GatewayMain} in a child JVM on the test's class path, its output appended to a
 * log file. A file, not a pipe read for the "listening" line: through a pipe, the lines the child logged after
 * SIGTERM did not reach the log (cause not pinned down), and a test reads them. So {@link #awaitListening} polls
 * {@code /healthz}, waking at once if the child exits.
 */
public final class ChildGateway {
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(1)).build();
  private final Process process;
  private final String baseUrl;

  private ChildGateway(Process process, String baseUrl) {
    this.process = process;
    this.baseUrl = baseUrl;
  }

  public static ChildGateway launch(Path config, Path log, String baseUrl) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(List.of(java, "-Xmx256m", "--enable-native-access=ALL-UNNAMED",
        "-cp", System.getProperty("java.class.path"), "dev.switchboard.server.GatewayMain", "--config", config.toString()))
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    return new ChildGateway(p, baseUrl);
  }

  /** Until {@code /healthz} answers 200; fails at once when the child exits first. */
  public void awaitListening(Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) throw new AssertionError("gateway process exited with " + process.exitValue());
      try {
        if (HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + "/healthz")).timeout(Duration.ofSeconds(1)).build(),
            HttpResponse.BodyHandlers.discarding()).statusCode() == 200) return;
      } catch (IOException e) {
        // not listening yet
      }
      process.waitFor(100, TimeUnit.MILLISECONDS); // the next poll, or at once when the child exits
    }
    throw new AssertionError("gateway did not listen within " + timeout);
  }

  public Process process() { return process; }
}

package dev.switchboard.config;

import java.time.Duration;
import java.util.List;

/**
 * @param host          listen address (default 127.0.0.1)
 * @param port          listen port (default 8080)
 * @param maxBodyBytes  largest accepted request body (default 10 MiB); larger gets 413
 * @param shutdownGrace how long a graceful shutdown waits for in-flight requests (default PT10S)
 * @param eventLoops    Vert.x event loops / verticle instances (default: available processors)
 * @param maxUploadBytes largest accepted multipart upload, e.g. audio for transcription (default 25 MiB, OpenAI's
 *                       own limit); larger gets 413
 * @param warmUp        longest JIT warm-up after the gateway starts listening: synthetic requests through the real
 *                      HTTP, codec and upstream-client code against an in-process canned upstream, until the JIT
 *                      compiler goes quiet; readiness reports not ready meanwhile (default PT0S: off)
 * @param corsOrigins   browser origins allowed to call the API ({@code *}: any); empty (the default): no CORS
 *                      headers, so browsers keep other sites' pages from calling it
 */
public record ServerSettings(String host, int port, long maxBodyBytes, Duration shutdownGrace, int eventLoops,
                             long maxUploadBytes, Duration warmUp, List<String> corsOrigins) {
  public static final long DEFAULT_MAX_UPLOAD_BYTES = 25L * 1024 * 1024;

  public ServerSettings {
    corsOrigins = corsOrigins == null ? List.of() : List.copyOf(corsOrigins);
  }

  public ServerSettings(String host, int port, long maxBodyBytes, Duration shutdownGrace, int eventLoops,
                        long maxUploadBytes, Duration warmUp) {
    this(host, port, maxBodyBytes, shutdownGrace, eventLoops, maxUploadBytes, warmUp, List.of());
  }

  public ServerSettings(String host, int port, long maxBodyBytes, Duration shutdownGrace, int eventLoops) {
    this(host, port, maxBodyBytes, shutdownGrace, eventLoops, DEFAULT_MAX_UPLOAD_BYTES, Duration.ZERO);
  }

  public ServerSettings(String host, int port, long maxBodyBytes, Duration shutdownGrace, int eventLoops,
                        long maxUploadBytes) {
    this(host, port, maxBodyBytes, shutdownGrace, eventLoops, maxUploadBytes, Duration.ZERO);
  }
}

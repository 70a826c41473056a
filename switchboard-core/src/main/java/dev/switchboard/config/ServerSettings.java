package dev.switchboard.config;

import java.time.Duration;

/**
 * @param host          listen address (default 127.0.0.1)
 * @param port          listen port (default 8080)
 * @param maxBodyBytes  largest accepted request body (default 10 MiB); larger gets 413
 * @param shutdownGrace how long a graceful shutdown waits for in-flight requests (default PT10S)
 * @param eventLoops    Vert.x event loops / verticle instances (default: available processors)
 */
public record ServerSettings(String host, int port, long maxBodyBytes, Duration shutdownGrace, int eventLoops) {}

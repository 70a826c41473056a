package dev.switchboard.server;

import dev.switchboard.config.ConfigException;
import dev.switchboard.config.ConfigLoader;
import dev.switchboard.config.GatewayConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code java -jar switchboard.jar [--config FILE]}: loads and validates the config, starts, and shuts down gracefully on SIGTERM. */
public final class GatewayMain {
  private static final Logger LOG = LoggerFactory.getLogger(GatewayMain.class);

  private GatewayMain() {}

  public static void main(String[] args) {
    long t0 = System.nanoTime();
    Path configFile = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--config", "-c" -> {
          if (i + 1 >= args.length) usage("--config needs a file");
          configFile = Path.of(args[++i]);
        }
        case "--help", "-h" -> usage(null);
        default -> usage("unknown argument: " + args[i]);
      }
    }
    if (configFile == null && System.getenv("SWITCHBOARD_CONFIG") != null) configFile = Path.of(System.getenv("SWITCHBOARD_CONFIG"));
    if (configFile == null && Files.exists(Path.of("config/switchboard.yaml"))) configFile = Path.of("config/switchboard.yaml");
    GatewayConfig config;
    try {
      config = configFile == null ? ConfigLoader.defaults(System.getenv()) : ConfigLoader.load(configFile, System.getenv());
    } catch (ConfigException e) {
      System.err.println("switchboard: invalid configuration: " + e.getMessage());
      System.exit(2);
      return;
    }
    Gateway gateway;
    try {
      gateway = Gateway.start(config);
    } catch (RuntimeException e) {
      // The message says what is wrong (port in use, database locked...); the trace only at debug level.
      LOG.error("switchboard failed to start: {}", e.getMessage());
      LOG.debug("startup failure", e);
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      LOG.info("shutting down: draining in-flight requests (grace {})", config.server().shutdownGrace());
      gateway.close();
      LOG.info("stopped");
    }, "switchboard-shutdown"));
    LOG.info("switchboard listening on {} ({} providers, {} models, store {}, {} transport) - started in {} ms",
        gateway.baseUrl(), gateway.services().router().providers().size(),
        gateway.services().router().providers().stream().mapToInt(p -> p.models().size()).sum(),
        gateway.database().isPostgres() ? "postgresql" : "h2", gateway.nativeTransport() ? "epoll" : "nio",
        (System.nanoTime() - t0) / 1_000_000);
    if (config.clientKeys().isEmpty()) LOG.warn("no client-keys configured: the gateway accepts requests without a key");
  }

  private static void usage(String problem) {
    if (problem != null) System.err.println("switchboard: " + problem);
    System.err.println("usage: switchboard [--config FILE]   (default: $SWITCHBOARD_CONFIG, else ./config/switchboard.yaml, else built-in defaults)");
    System.exit(problem == null ? 0 : 2);
  }
}

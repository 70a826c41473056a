package dev.switchboard.server.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.List;
import java.util.Locale;

/**
 * The gateway's logging, set up in code (found by logback through {@code META-INF/services}): plain console lines,
 * the root level from {@code SWITCHBOARD_LOG_LEVEL} (system property or environment, default INFO), chatty libraries
 * at WARN. Code instead of a logback.xml because parsing XML at startup loaded ~500 more classes (Joran, the JDK's
 * XML parser) for five lines of settings: 1.7 MB of metaspace (docs/benchmarks.md, "Memory"). An operator's own
 * file still wins: with {@code -Dlogback.configurationFile=...} this configurator steps aside.
 * Never log request bodies or headers: they carry keys.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class ConsoleLogConfigurator extends ContextAwareBase implements Configurator {
  static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{20} - %msg%n";
  static final List<String> QUIET = List.of("com.zaxxer.hikari", "org.flywaydb", "io.netty", "io.vertx");
  static final String LEVEL_SETTING = "SWITCHBOARD_LOG_LEVEL";

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    if (System.getProperty("logback.configurationFile") != null) return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(PATTERN);
    encoder.start();
    ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
    console.setContext(context);
    console.setName("CONSOLE");
    console.setEncoder(encoder);
    console.start();
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(rootLevel(setting(LEVEL_SETTING)));
    root.addAppender(console);
    for (String name : QUIET) context.getLogger(name).setLevel(Level.WARN);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  /** The root level a {@code SWITCHBOARD_LOG_LEVEL} value asks for; INFO when unset or not a level name. */
  static Level rootLevel(String value) {
    if (value == null || value.isBlank()) return Level.INFO;
    Level level = Level.toLevel(value.trim().toUpperCase(Locale.ROOT), null);
    if (level == null) {
      System.err.println("switchboard: " + LEVEL_SETTING + "=" + value + " is not a log level"
          + " (TRACE, DEBUG, INFO, WARN, ERROR, OFF); using INFO");
      return Level.INFO;
    }
    return level;
  }

  static String setting(String name) {
    String value = System.getProperty(name);
    return value != null ? value : System.getenv(name);
  }
}

package dev.switchboard.server.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.core.ConsoleAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class ConsoleLogConfiguratorTest {

  @Test
  void the_gateway_logs_to_the_console_with_chatty_libraries_at_warn() {
    LoggerContext context = new LoggerContext();
    ConsoleLogConfigurator configurator = new ConsoleLogConfigurator();
    configurator.setContext(context);

    assertThat(configurator.configure(context)).isEqualTo(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);

    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    assertThat(root.getAppender("CONSOLE")).isInstanceOfSatisfying(ConsoleAppender.class, console -> {
      assertThat(console.isStarted()).isTrue();
      assertThat(((PatternLayoutEncoder) console.getEncoder()).getPattern()).isEqualTo(ConsoleLogConfigurator.PATTERN);
    });
    for (String name : ConsoleLogConfigurator.QUIET) assertThat(context.getLogger(name).getLevel()).isEqualTo(Level.WARN);
    assertThat(root.getLevel())
        .isEqualTo(ConsoleLogConfigurator.rootLevel(ConsoleLogConfigurator.setting(ConsoleLogConfigurator.LEVEL_SETTING)));
  }

  @Test
  void the_root_level_comes_from_SWITCHBOARD_LOG_LEVEL_and_falls_back_to_info() {
    assertThat(ConsoleLogConfigurator.rootLevel(null)).isEqualTo(Level.INFO);
    assertThat(ConsoleLogConfigurator.rootLevel(" ")).isEqualTo(Level.INFO);
    assertThat(ConsoleLogConfigurator.rootLevel("debug")).isEqualTo(Level.DEBUG);
    assertThat(ConsoleLogConfigurator.rootLevel("WARN")).isEqualTo(Level.WARN);
    assertThat(ConsoleLogConfigurator.rootLevel("off")).isEqualTo(Level.OFF);
    assertThat(ConsoleLogConfigurator.rootLevel("loud")).isEqualTo(Level.INFO);
  }

  @Test
  void an_operators_own_logback_file_takes_over() {
    String before = System.getProperty("logback.configurationFile");
    System.setProperty("logback.configurationFile", "/etc/switchboard/logback.xml");
    try {
      LoggerContext context = new LoggerContext();
      ConsoleLogConfigurator configurator = new ConsoleLogConfigurator();
      configurator.setContext(context);
      assertThat(configurator.configure(context)).isEqualTo(ExecutionStatus.INVOKE_NEXT_IF_ANY);
      assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("CONSOLE")).isNull();
    } finally {
      if (before == null) System.clearProperty("logback.configurationFile");
      else System.setProperty("logback.configurationFile", before);
    }
  }

  @Test
  void logback_finds_the_configurator_on_its_own() {
    LoggerContext running = (LoggerContext) LoggerFactory.getILoggerFactory();
    assertThat(running.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("CONSOLE")).isInstanceOf(ConsoleAppender.class);
    assertThat(running.getLogger("io.netty").getLevel()).isEqualTo(Level.WARN);
  }
}

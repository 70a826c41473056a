package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.config.ConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With several event loops each has its own server, all on the one advertised port (one shared socket). */
class EventLoopsE2ETest {

  @Test
  void every_event_loops_server_listens_on_the_advertised_port_even_when_port_zero_picks_it() throws Exception {
    Path dir = Files.createTempDirectory("switchboard-loops");
    Path config = dir.resolve("switchboard.yaml");
    Files.writeString(config, """
        server: {host: 127.0.0.1, port: 0, event-loops: 3}
        database: {url: "jdbc:h2:file:%s/db;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"}
        auto-providers: false
        client-keys: [{name: t, secret: sk-loops-test-0123456789}]
        """.formatted(dir));
    try (Gateway gateway = Gateway.start(ConfigLoader.load(config, Map.of()))) {
      int advertised = Integer.parseInt(gateway.baseUrl().substring(gateway.baseUrl().lastIndexOf(':') + 1));
      assertThat(advertised).isPositive();
      assertThat(gateway.listeningPorts()).hasSize(3).containsOnly(advertised);
    }
  }
}

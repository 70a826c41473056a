package dev.switchboard.server.billing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.switchboard.server.manage.ManagementRouter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class BillingRoutesTest {
  @Test
  void every_money_route_is_described_in_the_openapi_file() throws Exception {
    ManagementRouter r = new ManagementRouter();
    new BillingModule(null, null, java.time.Clock.systemUTC()).mount(r);
    var spec = new ObjectMapper(new YAMLFactory()).readTree(Path.of("..", "docs", "openapi-management.yaml").toFile());
    assertThat(r.describe()).hasSizeGreaterThan(20);
    for (String route : r.describe()) {
      String[] mp = route.split(" ");
      assertThat(spec.path("paths").path(mp[1]).has(mp[0].toLowerCase(Locale.ROOT))).as(route).isTrue();
    }
  }

  @Test
  void webhook_signatures_are_checked_in_constant_time_with_a_replay_window() {
    WebhookSignature s = new WebhookSignature("whsec_0123456789abcdef", Duration.ofMinutes(5));
    byte[] body = "{\"id\":\"evt\"}".getBytes(StandardCharsets.UTF_8);
    Instant now = Instant.parse("2026-01-01T00:00:00Z");
    String header = s.sign(body, now);
    assertThat(s.verify(header, body, now.plusSeconds(60))).isNull();
    assertThat(s.verify(header, body, now.plus(Duration.ofMinutes(6)))).contains("tolerance");
    assertThat(s.verify(header, "{\"id\":\"evt2\"}".getBytes(StandardCharsets.UTF_8), now)).contains("does not match");
    assertThat(s.verify(null, body, now)).contains("missing");
    assertThat(s.verify("t=x,v1=00", body, now)).contains("malformed");
    assertThat(new WebhookSignature("other-secret-0123456789", Duration.ofMinutes(5)).verify(header, body, now))
        .contains("does not match");
    assertThat(s.toString()).doesNotContain("whsec");
  }
}

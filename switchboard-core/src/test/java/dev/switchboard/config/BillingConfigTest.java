package dev.switchboard.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BillingConfigTest {
  @Test
  void defaults_apply_without_a_billing_section() {
    BillingSettings b = ConfigLoader.parse("t.yaml", "client-keys: []\n", Map.of()).billing();
    assertThat(b.enabled()).isTrue();
    assertThat(b.leaseChunk()).isEqualByComparingTo("1.00");
    assertThat(b.overdraft()).isEqualByComparingTo("0");
    assertThat(b.journalDir()).isNull();
    assertThat(b.reconcileAt()).isEqualTo(LocalTime.of(3, 0));
    assertThat(b.webhookSecret()).isNull();
  }

  @Test
  void the_section_is_read_and_the_secret_never_printed() {
    BillingSettings b = ConfigLoader.parse("t.yaml", """
        billing: {currency: eur, lease-chunk: 0.5, overdraft: 2, journal-dir: /tmp/j, instance-id: gw-1,
                  webhook-secret: "${HOOK}", order-ttl: PT1H, reconcile-at: "off", batch-size: 100}
        """, Map.of("HOOK", "whsec_0123456789abcdef")).billing();
    assertThat(b.currency()).isEqualTo("EUR");
    assertThat(b.leaseChunk()).isEqualByComparingTo("0.5");
    assertThat(b.overdraft()).isEqualByComparingTo("2");
    assertThat(b.instanceId()).isEqualTo("gw-1");
    assertThat(b.orderTtl()).isEqualTo(Duration.ofHours(1));
    assertThat(b.reconcileAt()).isNull();
    assertThat(b.webhookSecret()).isEqualTo("whsec_0123456789abcdef");
    assertThat(b.toString()).doesNotContain("whsec_0123456789abcdef");
  }

  @Test
  void bad_values_are_refused_naming_the_field() {
    assertThatThrownBy(() -> ConfigLoader.parse("t.yaml", "billing: {lease-chunk: 0, overdraft: -1, currency: dollars,"
        + " estimate-margin: 0.5, reconcile-at: noon, webhook-secret: short}\n", Map.of()))
        .hasMessageContaining("billing.lease-chunk").hasMessageContaining("billing.overdraft")
        .hasMessageContaining("billing.currency").hasMessageContaining("billing.estimate-margin")
        .hasMessageContaining("billing.reconcile-at").hasMessageContaining("billing.webhook-secret");
  }

  @Test
  void the_shipped_example_config_documents_billing() {
    BillingSettings b = ConfigLoader.load(Path.of("..", "config", "switchboard.yaml"), Map.of()).billing();
    assertThat(b.currency()).isEqualTo("USD");
    assertThat(b.reconcileAt()).isEqualTo(LocalTime.of(3, 0));
  }
}

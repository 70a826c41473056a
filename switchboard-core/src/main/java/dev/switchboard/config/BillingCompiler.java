package dev.switchboard.config;

import dev.switchboard.config.Specs.BillingSpec;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;

/** Compiles the {@code billing} section. */
final class BillingCompiler {
  private final Problems p;

  BillingCompiler(Problems p) { this.p = p; }

  BillingSettings compile(BillingSpec s) {
    BillingSettings d = BillingSettings.DEFAULTS;
    if (s == null) return d;
    String currency = s.currency() == null ? d.currency() : s.currency().strip().toUpperCase(java.util.Locale.ROOT);
    if (!currency.matches("[A-Z]{3}")) p.add("billing.currency", "must be a 3-letter currency code");
    BigDecimal chunk = positive("billing.lease-chunk", s.leaseChunk(), d.leaseChunk());
    BigDecimal overdraft = s.overdraft() == null ? d.overdraft() : s.overdraft();
    if (overdraft.signum() < 0) p.add("billing.overdraft", "must not be negative");
    BigDecimal margin = s.estimateMargin() == null ? d.estimateMargin() : s.estimateMargin();
    if (margin.compareTo(BigDecimal.ONE) < 0) p.add("billing.estimate-margin", "must be at least 1");
    BigDecimal min = s.minimumReservation() == null ? d.minimumReservation() : s.minimumReservation();
    if (min.signum() < 0) p.add("billing.minimum-reservation", "must not be negative");
    LocalTime at = d.reconcileAt();
    if (s.reconcileAt() != null) {
      if (s.reconcileAt().isBlank() || s.reconcileAt().equals("off")) {
        at = null;
      } else {
        try {
          at = LocalTime.parse(s.reconcileAt().strip());
        } catch (DateTimeParseException e) {
          p.add("billing.reconcile-at", "must be a time of day like 03:00, or off");
        }
      }
    }
    String secret = s.webhookSecret() == null || s.webhookSecret().isBlank() ? null : s.webhookSecret();
    if (secret != null && secret.length() < 16) p.add("billing.webhook-secret", "must be at least 16 characters");
    Duration flush = Values.duration(p, "billing.flush-interval", s.flushInterval(), d.flushInterval(), false);
    Duration ttl = Values.duration(p, "billing.order-ttl", s.orderTtl(), d.orderTtl(), false);
    Duration tolerance = Values.duration(p, "billing.webhook-tolerance", s.webhookTolerance(), d.webhookTolerance(), false);
    return new BillingSettings(!Boolean.FALSE.equals(s.enabled()), currency,
        s.instanceId() == null || s.instanceId().isBlank() ? null : s.instanceId().strip(), chunk, overdraft,
        Values.atLeast(p, "billing.default-output-tokens", s.defaultOutputTokens(), d.defaultOutputTokens(), 1),
        margin, min, s.journalDir() == null || s.journalDir().isBlank() ? null : s.journalDir().strip(),
        !Boolean.FALSE.equals(s.journalFsync()), Values.atLeast(p, "billing.batch-size", s.batchSize(), d.batchSize(), 1),
        flush, ttl, secret, tolerance, at);
  }

  private BigDecimal positive(String path, BigDecimal v, BigDecimal def) {
    if (v == null) return def;
    if (v.signum() <= 0) p.add(path, "must be greater than 0");
    return v;
  }
}

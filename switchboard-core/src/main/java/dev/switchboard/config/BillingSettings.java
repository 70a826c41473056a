package dev.switchboard.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalTime;

/**
 * Prepaid billing of tenant keys (the {@code billing} section of config/switchboard.yaml). Config client keys and
 * anonymous access are never billed.
 *
 * @param enabled             reserve before and charge after every tenant-key request
 * @param currency            the one billing currency (ISO code, for documents only)
 * @param instanceId          this gateway's name in balance leases; null = generated once and kept in the journal
 *                            directory, so a restarted process finds its own leases
 * @param leaseChunk          balance taken from the database at a time per tenant, reserved from in memory
 * @param overdraft           how far below zero reservations may take a balance (0 = never below zero by
 *                            reservation; an actual cost above its estimate can still overshoot, see the docs)
 * @param defaultOutputTokens output budget reserved when neither the request nor the model gives a maximum
 * @param estimateMargin      prompt-token estimate multiplier (other vendors' tokenizers count more than o200k)
 * @param minimumReservation  the least reserved for priced requests without a token estimate (audio, images,
 *                            rerank); images asked for and seconds of an uploaded WAV are priced in when larger
 * @param journalDir          where the durable charge journal lives; null = beside the H2 database file, else
 *                            ./data/journal (one gateway process per directory: it is locked)
 * @param journalFsync        fsync each journal group before answering (off only for benchmarks)
 * @param batchSize           charges per database transaction
 * @param flushInterval       how long the writer waits to fill a batch
 * @param orderTtl            how long a recharge order stays pending
 * @param webhookSecret       HMAC-SHA256 secret of payment notifications (from the environment); null = webhook off
 * @param webhookTolerance    how old a signed notification may be (replay window)
 * @param reconcileAt         UTC time of the daily reconciliation check; null = only on demand
 */
public record BillingSettings(boolean enabled, String currency, String instanceId, BigDecimal leaseChunk,
                              BigDecimal overdraft, int defaultOutputTokens, BigDecimal estimateMargin,
                              BigDecimal minimumReservation, String journalDir, boolean journalFsync, int batchSize,
                              Duration flushInterval, Duration orderTtl, String webhookSecret,
                              Duration webhookTolerance, LocalTime reconcileAt) {
  public static final BillingSettings DEFAULTS = new BillingSettings(true, "USD", null, new BigDecimal("1.00"),
      BigDecimal.ZERO, 4096, new BigDecimal("1.25"), new BigDecimal("0.01"), null, true, 500,
      Duration.ofMillis(50), Duration.ofHours(24), null, Duration.ofMinutes(5), LocalTime.of(3, 0));

  public BillingSettings withJournal(String dir, String instance) {
    return new BillingSettings(enabled, currency, instance, leaseChunk, overdraft, defaultOutputTokens, estimateMargin,
        minimumReservation, dir, journalFsync, batchSize, flushInterval, orderTtl, webhookSecret, webhookTolerance,
        reconcileAt);
  }

  public BillingSettings withLease(BigDecimal chunk, BigDecimal overdraftLimit) {
    return new BillingSettings(enabled, currency, instanceId, chunk, overdraftLimit, defaultOutputTokens,
        estimateMargin, minimumReservation, journalDir, journalFsync, batchSize, flushInterval, orderTtl,
        webhookSecret, webhookTolerance, reconcileAt);
  }

  public BillingSettings withWebhookSecret(String secret) {
    return new BillingSettings(enabled, currency, instanceId, leaseChunk, overdraft, defaultOutputTokens,
        estimateMargin, minimumReservation, journalDir, journalFsync, batchSize, flushInterval, orderTtl, secret,
        webhookTolerance, reconcileAt);
  }

  @Override public String toString() {
    return "BillingSettings[enabled=" + enabled + ", currency=" + currency + ", leaseChunk=" + leaseChunk
        + ", overdraft=" + overdraft + ", journalDir=" + journalDir + ", webhookSecret=" + (webhookSecret == null ? "unset" : "***") + "]";
  }
}

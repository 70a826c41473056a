package dev.switchboard.server.accounts;

import dev.switchboard.config.KeyConfig;
import dev.switchboard.routing.ProviderRuntime;
import dev.switchboard.routing.Router;
import dev.switchboard.server.exec.Redactor;
import dev.switchboard.store.accounts.SecretStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the provider keys stored through the admin API to use: each one, decrypted, joins its provider's key pool
 * beside the config's keys ({@code KeyPool.useStored}), with the same cooldowns, breakers and disabling.
 *
 * <p>Read at start, again at once after a key is added or deleted on this instance, and every
 * {@code accounts.key-cache-refresh} (the tenant keys' cadence) for changes made on other instances sharing the
 * database: a key added or deleted elsewhere is used, or dropped, here within one interval plus one query. The
 * table holds a handful of rows, so each refresh reads them all and changes the pools only when the rows changed.
 *
 * <p>Plaintext keys live only in the pools ({@code ApiKey}, whose {@code toString} hides them) and the
 * {@link Redactor}; log lines here name provider and key name only.
 */
public final class ProviderKeys implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ProviderKeys.class);

  private final SecretStore store;
  private final SecretBox box;
  private final Router router;
  private final Redactor redactor;
  private final Duration refresh;
  /** The rows the pools were last built from (guarded by this). */
  private List<SecretStore.Secret> applied;
  private volatile boolean closed;
  private final Thread poller;

  /** Loads the stored keys into the pools now, then starts the periodic refresh. */
  ProviderKeys(SecretStore store, SecretBox box, Router router, Redactor redactor, Duration refresh) {
    this.store = store;
    this.box = box;
    this.router = router;
    this.redactor = redactor;
    this.refresh = refresh;
    reload();
    this.poller = Thread.ofVirtual().name("provider-keys-refresh").start(this::poll);
  }

  /** Re-reads the stored keys and, when they changed, rebuilds the stored part of every provider's pool. */
  synchronized void reload() {
    List<SecretStore.Secret> rows = store.all();
    if (rows.equals(applied)) return;
    Map<String, List<KeyConfig>> byProvider = new HashMap<>();
    List<String> plaintexts = new ArrayList<>();
    for (SecretStore.Secret s : rows) {
      if (router.provider(s.provider()).isEmpty()) {
        LOG.warn("stored provider key {}/{} is not used: no provider '{}' is configured here", s.provider(), s.name(),
            s.provider());
        continue;
      }
      if (box == null) {
        LOG.warn("stored provider key {}/{} is not used: no accounts.master-key is set", s.provider(), s.name());
        continue;
      }
      String secret;
      try {
        secret = box.open(s.ciphertext(), s.provider() + "/" + s.name());
      } catch (RuntimeException e) {
        LOG.warn("stored provider key {}/{} is not used: it cannot be decrypted (another master key?)", s.provider(),
            s.name());
        continue;
      }
      plaintexts.add(secret);
      byProvider.computeIfAbsent(s.provider(), p -> new ArrayList<>())
          .add(new KeyConfig(s.name(), secret, s.weight(), s.enabled()));
    }
    // Redacted before any request can be sent with them.
    redactor.add(plaintexts);
    for (ProviderRuntime p : router.providers()) {
      for (String clash : p.keys().useStored(byProvider.getOrDefault(p.name(), List.of()))) {
        LOG.warn("stored provider key {}/{} is not used: the config has a key of that name", p.name(), clash);
      }
    }
    applied = rows;
  }

  private void poll() {
    while (!closed) {
      try {
        Thread.sleep(refresh);
        reload();
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        LOG.warn("provider key refresh failed: {}", e.getMessage());
      }
    }
  }

  @Override public void close() {
    closed = true;
    poller.interrupt();
  }
}

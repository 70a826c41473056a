package dev.switchboard.config;

import java.time.Duration;
import java.util.List;

/**
 * Tenants, users, sessions and tenant keys (see the {@code accounts} and {@code catalog} sections of
 * config/switchboard.yaml).
 *
 * @param enabled                the management APIs (/portal/api, /admin/api) and tenant keys
 * @param bootstrapAdminEmail    the first platform admin, created at first start when no admin exists; null = none
 * @param bootstrapAdminPassword its password (from the environment); never logged
 * @param signup                 self sign-up allowed
 * @param sessionTtl             how long a login session lasts
 * @param keyCacheRefresh        how often each instance re-checks tenant keys changed elsewhere: the bound on how
 *                               long a key revoked on another instance keeps working
 * @param loginMaxFailures       failed logins per email (and per address, times 4) before the lockout
 * @param loginLockout           the lockout window (doubles with each further failure, up to 16x)
 * @param masterKey              base64 of 32 bytes: the AES-GCM key for provider secrets stored in the database
 * @param masterKeyFile          or a file holding that base64 text
 * @param secureCookies          Secure cookie flag: null = when the request came over TLS
 * @param catalog                the default public model catalog (admin API changes are stored in the database)
 */
public record AccountsSettings(boolean enabled, String bootstrapAdminEmail, String bootstrapAdminPassword,
                               boolean signup, Duration sessionTtl, Duration keyCacheRefresh, int loginMaxFailures,
                               Duration loginLockout, String masterKey, String masterKeyFile, Boolean secureCookies,
                               List<PublicModelConfig> catalog) {
  public static final AccountsSettings DEFAULTS = new AccountsSettings(true, null, null, true, Duration.ofHours(12),
      Duration.ofSeconds(2), 5, Duration.ofMinutes(1), null, null, null, List.of());

  public AccountsSettings {
    catalog = List.copyOf(catalog);
  }

  @Override public String toString() {
    return "AccountsSettings[enabled=" + enabled + ", bootstrapAdminEmail=" + bootstrapAdminEmail + ", catalog="
        + catalog.size() + " model(s)]";
  }
}

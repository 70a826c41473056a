package dev.switchboard.config;

import dev.switchboard.accounts.ModelPrices;
import dev.switchboard.config.Specs.AccountsSpec;
import dev.switchboard.config.Specs.PublicModelSpec;
import dev.switchboard.config.Specs.PublicPricesSpec;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Compiles the {@code accounts} and {@code catalog} sections. */
final class AccountsCompiler {
  private final Problems p;

  AccountsCompiler(Problems p) { this.p = p; }

  AccountsSettings compile(AccountsSpec s, List<PublicModelSpec> catalog) {
    AccountsSettings d = AccountsSettings.DEFAULTS;
    List<PublicModelConfig> models = catalog(catalog);
    if (s == null) {
      return new AccountsSettings(d.enabled(), null, null, d.signup(), d.sessionTtl(), d.keyCacheRefresh(),
          d.loginMaxFailures(), d.loginLockout(), null, null, null, models);
    }
    String email = blankToNull(s.bootstrapAdminEmail());
    String password = blankToNull(s.bootstrapAdminPassword());
    if (email != null && !email.contains("@")) p.add("accounts.bootstrap-admin-email", "must be an email address");
    if (email != null && password == null) {
      p.add("accounts.bootstrap-admin-password", "required with accounts.bootstrap-admin-email");
    }
    if (password != null && password.length() < 12) {
      p.add("accounts.bootstrap-admin-password", "must be at least 12 characters");
    }
    Duration ttl = Values.duration(p, "accounts.session-ttl", s.sessionTtl(), d.sessionTtl(), false);
    Duration refresh = Values.duration(p, "accounts.key-cache-refresh", s.keyCacheRefresh(), d.keyCacheRefresh(), false);
    Duration lockout = Values.duration(p, "accounts.login-lockout", s.loginLockout(), d.loginLockout(), false);
    int failures = Values.atLeast(p, "accounts.login-max-failures", s.loginMaxFailures(), d.loginMaxFailures(), 1);
    return new AccountsSettings(!Boolean.FALSE.equals(s.enabled()), email == null ? null : email.toLowerCase(java.util.Locale.ROOT),
        password, !Boolean.FALSE.equals(s.signup()), ttl, refresh, failures, lockout, blankToNull(s.masterKey()),
        blankToNull(s.masterKeyFile()), s.secureCookies(), models);
  }

  private List<PublicModelConfig> catalog(List<PublicModelSpec> specs) {
    if (specs == null) return List.of();
    List<PublicModelConfig> out = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < specs.size(); i++) {
      String path = "catalog[" + i + "]";
      PublicModelSpec m = specs.get(i);
      if (m == null) {
        p.add(path, "empty catalog entry");
        continue;
      }
      String name = blankToNull(m.name());
      String route = blankToNull(m.route());
      if (name == null) p.add(path + ".name", "missing name");
      else if (!names.add(name)) p.add(path + ".name", "duplicate public model name '" + name + "'");
      if (route == null) p.add(path + ".route", "missing route (provider/model, an alias or pool/<name>)");
      PublicPricesSpec ps = m.prices();
      ModelPrices prices = ps == null ? ModelPrices.FREE : new ModelPrices(
          price(path + ".prices.input", ps.input()), price(path + ".prices.output", ps.output()),
          price(path + ".prices.cached-read", ps.cachedRead()), price(path + ".prices.cache-write", ps.cacheWrite()),
          price(path + ".prices.per-request", ps.perRequest()), price(path + ".prices.per-image", ps.perImage()),
          price(path + ".prices.per-audio-second", ps.perAudioSecond()));
      if (name != null && route != null) out.add(new PublicModelConfig(name, route, blankToNull(m.description()), prices));
    }
    return out;
  }

  private BigDecimal price(String path, BigDecimal v) {
    if (v != null && v.signum() < 0) p.add(path, "must not be negative");
    return v;
  }

  private static String blankToNull(String s) { return s == null || s.isBlank() ? null : s.strip(); }
}

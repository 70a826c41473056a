package dev.switchboard.server.accounts;

import dev.switchboard.accounts.KeyRole;
import dev.switchboard.accounts.Principal;
import dev.switchboard.config.AccountsSettings;
import dev.switchboard.server.manage.ApiException;
import dev.switchboard.server.manage.Authenticator;
import dev.switchboard.server.manage.Caller;
import dev.switchboard.server.manage.ManagementRequest;
import dev.switchboard.store.accounts.CatalogStore;
import dev.switchboard.store.accounts.KeyStore;
import dev.switchboard.store.accounts.LoginFailures;
import dev.switchboard.store.accounts.SecretStore;
import dev.switchboard.store.accounts.TenantStore;
import dev.switchboard.store.accounts.UserStore;
import java.time.Clock;
import java.time.Instant;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accounts and access, assembled once: stores, password hashing, login throttling, the tenant key cache, the public
 * catalog and the master-key box. Also the management {@link Authenticator}: session cookie or tenant key.
 */
public final class Accounts implements Authenticator, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Accounts.class);
  public static final String SESSION_COOKIE = "sb_session";
  public static final String CSRF_COOKIE = "sb_csrf";

  final AccountsSettings settings;
  final TenantStore tenants;
  final UserStore users;
  final KeyStore keys;
  final CatalogStore catalogStore;
  final SecretStore secrets;
  final PasswordHasher hasher;
  final LoginThrottle throttle;
  final GatewayKeys gatewayKeys;
  final PublicCatalog catalog;
  final SecretBox box;
  final Clock clock;
  /** Stored provider keys in the routing pools; null until {@link #useProviderKeys} (tools without routing). */
  volatile ProviderKeys providerKeys;

  public Accounts(AccountsSettings settings, DataSource ds, PasswordHasher hasher, Clock clock) {
    this.settings = settings;
    this.clock = clock;
    this.tenants = new TenantStore(ds);
    this.users = new UserStore(ds);
    this.keys = new KeyStore(ds);
    this.catalogStore = new CatalogStore(ds);
    this.secrets = new SecretStore(ds);
    this.hasher = hasher;
    this.throttle = new LoginThrottle(settings.loginMaxFailures(), settings.loginLockout(), new LoginFailures(ds), clock);
    this.box = SecretBox.fromSettings(settings.masterKey(), settings.masterKeyFile());
    this.gatewayKeys = new GatewayKeys(keys, tenants, settings.keyCacheRefresh());
    try {
      this.catalog = new PublicCatalog(settings.catalog(), catalogStore, tenants, settings.keyCacheRefresh());
      bootstrapAdmin();
    } catch (RuntimeException e) {
      gatewayKeys.close();
      throw e;
    }
  }

  public GatewayKeys gatewayKeys() { return gatewayKeys; }

  /**
   * Puts the provider keys stored through the admin API into the router's key pools now, and keeps them current
   * (changes here at once, other instances' every {@code accounts.key-cache-refresh}).
   */
  public void useProviderKeys(dev.switchboard.routing.Router router, dev.switchboard.server.exec.Redactor redactor) {
    if (providerKeys != null) throw new IllegalStateException("provider keys are already in use");
    providerKeys = new ProviderKeys(secrets, box, router, redactor, settings.keyCacheRefresh());
  }

  /** Applies a change of the stored provider keys made on this instance at once. */
  void providerKeysChanged() {
    ProviderKeys p = providerKeys;
    if (p != null) p.reload();
  }

  public PublicCatalog catalog() { return catalog; }

  Instant now() { return clock.instant(); }

  /** The first platform admin from config/env, created only while no platform admin exists. */
  private void bootstrapAdmin() {
    String email = settings.bootstrapAdminEmail();
    if (email == null || users.anyWithRole(Caller.Role.PLATFORM_ADMIN.wire())) return;
    if (users.byEmail(email).isPresent()) {
      LOG.warn("accounts.bootstrap-admin-email {} already belongs to a user; no admin was created", email);
      return;
    }
    users.create(email, hasher.hash(settings.bootstrapAdminPassword()), Caller.Role.PLATFORM_ADMIN.wire(), null, null, now());
    LOG.info("created the first platform admin {}", email);
  }

  @Override
  public Caller authenticate(ManagementRequest r) {
    String auth = r.header("authorization");
    if (auth != null) {
      String presented = auth.regionMatches(true, 0, "Bearer ", 0, 7) ? auth.substring(7).strip() : auth.strip();
      Principal p = presented.startsWith(Tokens.KEY_PREFIX) ? gatewayKeys.authenticate(presented) : null;
      if (p == null) throw ApiException.unauthorized("Invalid, expired or revoked API key");
      Caller.Role role = switch (p.role() == null ? KeyRole.READ_ONLY : p.role()) {
        case ADMIN -> Caller.Role.OWNER;
        case USER -> Caller.Role.MEMBER;
        case READ_ONLY -> Caller.Role.READ_ONLY;
      };
      return new Caller(null, p.keyId(), null, role, p.tenantId(), null, false);
    }
    String sid = r.cookie(SESSION_COOKIE);
    if (sid == null || sid.isEmpty()) return null;
    var session = users.session(Tokens.sha256(sid), now())
        .orElseThrow(() -> ApiException.unauthorized("The session has expired or was ended; log in again"));
    var user = users.find(session.userId()).orElseThrow(() -> ApiException.unauthorized("The user no longer exists"));
    return new Caller(user.id(), null, user.email(), Caller.Role.parse(user.role()), user.tenantId(), user.resellerId(),
        true);
  }

  @Override
  public String csrfToken(ManagementRequest r, Caller caller) {
    String sid = r.cookie(SESSION_COOKIE);
    return sid == null ? null : users.session(Tokens.sha256(sid), now()).map(UserStore.Session::csrfToken).orElse(null);
  }

  /** 404 unless the caller may see the tenant: platform admins all, resellers their own, tenant users theirs. */
  TenantStore.Tenant visibleTenant(Caller c, long tenantId) {
    var t = tenants.find(tenantId).orElseThrow(() -> ApiException.notFound("Tenant"));
    boolean ok = switch (c.role()) {
      case PLATFORM_ADMIN -> true;
      case RESELLER -> c.resellerId() != null && c.resellerId().equals(t.resellerId());
      case OWNER, MEMBER, READ_ONLY -> c.tenantId() != null && c.tenantId() == tenantId;
    };
    if (!ok) throw ApiException.notFound("Tenant");
    return t;
  }

  @Override public void close() {
    ProviderKeys p = providerKeys;
    if (p != null) p.close();
    gatewayKeys.close();
    catalog.close();
  }
}

package dev.switchboard.server.accounts;

import dev.switchboard.server.manage.ApiException;
import dev.switchboard.server.manage.Caller;
import dev.switchboard.server.manage.ManagementModule;
import dev.switchboard.server.manage.ManagementRequest;
import dev.switchboard.server.manage.ManagementRouter;
import dev.switchboard.server.manage.Reply;
import dev.switchboard.store.accounts.DuplicateException;
import dev.switchboard.store.accounts.UserStore;
import java.util.LinkedHashMap;
import java.util.Map;

/** Tenant self-service: sign-up, login, logout, password, the tenant's users and keys, the model catalog. */
public final class PortalModule implements ManagementModule {
  private static final String P = "/portal/api";
  private final Accounts a;
  private final KeyOps keys;

  public PortalModule(Accounts accounts) {
    this.a = accounts;
    this.keys = new KeyOps(accounts);
  }

  @Override
  public void mount(ManagementRouter r) {
    r.post(P + "/signup", this::signup)
        .post(P + "/login", this::login)
        .post(P + "/logout", this::logout)
        .get(P + "/me", this::me)
        .post(P + "/password", this::password)
        .get(P + "/keys", q -> keys.list(q.caller().requireTenant()))
        .post(P + "/keys", q -> keys.create(q.caller().requireTenantWriter(), q))
        .get(P + "/keys/{id}", q -> keys.get(q.caller().requireTenant(), q.longParam("id")))
        .patch(P + "/keys/{id}", q -> keys.update(q.caller().requireTenantWriter(), q.longParam("id"), q))
        .delete(P + "/keys/{id}", q -> keys.revoke(q.caller().requireTenantWriter(), q.longParam("id")))
        .get(P + "/users", q -> new Views.ListOf<>(a.users.ofTenant(q.caller().requireTenant()).stream()
            .map(Views.UserView::of).toList()))
        .post(P + "/users", this::addUser)
        .patch(P + "/users/{id}", this::changeUserRole)
        .delete(P + "/users/{id}", this::removeUser)
        .get(P + "/models", this::models);
  }

  private Object signup(ManagementRequest r) {
    if (!a.settings.signup()) throw ApiException.forbidden("Self sign-up is disabled on this gateway");
    String email = Inputs.email(r);
    String password = Inputs.password(r, "password");
    String tenantName = Inputs.name("tenant_name", r.optionalText("tenant_name") == null ? email : r.optionalText("tenant_name"));
    if (a.users.byEmail(email).isPresent()) throw ApiException.conflict("email", "An account with this email already exists");
    String hash = a.hasher.hash(password);
    long tenant = a.tenants.create(tenantName, null, a.now());
    long user;
    try {
      user = a.users.create(email, hash, Caller.Role.OWNER.wire(), tenant, null, a.now());
    } catch (DuplicateException e) {
      throw ApiException.conflict("email", "An account with this email already exists");
    }
    return session(r, a.users.find(user).orElseThrow(), 201);
  }

  private Object login(ManagementRequest r) {
    String email = Inputs.email(r);
    String password = r.text("password");
    long wait = a.throttle.retryAfterSeconds(email, r.remoteIp());
    if (wait > 0) {
      throw ApiException.tooManyRequests("Too many failed logins; retry in " + wait + "s");
    }
    var user = a.users.byEmail(email).orElse(null);
    // A missing user costs a hash too, so timing does not reveal which emails exist.
    boolean ok;
    if (user != null) {
      ok = a.hasher.verify(password, user.passwordHash());
    } else {
      a.hasher.verify(password, DummyHash.VALUE);
      ok = false;
    }
    if (!ok) {
      a.throttle.failed(email, r.remoteIp());
      throw ApiException.unauthorized("Wrong email or password");
    }
    a.throttle.succeeded(email);
    return session(r, user, 200);
  }

  /**
   * What a missing user's password is checked against. Made on first use, not when the module is built: an Argon2
   * hash took ~80 ms of the gateway's start on the main thread. Only the first login with an unknown email in a
   * process pays for it.
   */
  private static final class DummyHash {
    static final String VALUE = new PasswordHasher().hash("not-a-real-password");
  }

  /** A new session: random id in an HTTP-only cookie (hash stored), CSRF token in the body and a readable cookie. */
  private Reply session(ManagementRequest r, UserStore.User user, int status) {
    String sid = Tokens.random();
    String csrf = Tokens.random();
    var now = a.now();
    a.users.createSession(Tokens.sha256(sid), user.id(), csrf, now, now.plus(a.settings.sessionTtl()));
    boolean secure = a.settings.secureCookies() != null ? a.settings.secureCookies() : r.tls();
    long maxAge = a.settings.sessionTtl().toSeconds();
    String attrs = "; Path=/; Max-Age=" + maxAge + "; SameSite=Strict" + (secure ? "; Secure" : "");
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("user", Views.UserView.of(user));
    body.put("csrf_token", csrf);
    body.put("expires_at", now.plus(a.settings.sessionTtl()));
    return Reply.json(status, body)
        .withHeader("set-cookie", Accounts.SESSION_COOKIE + "=" + sid + attrs + "; HttpOnly")
        .withHeader("set-cookie", Accounts.CSRF_COOKIE + "=" + csrf + attrs);
  }

  private Object logout(ManagementRequest r) {
    Caller c = r.caller();
    if (!c.viaSession()) throw ApiException.badRequest(null, "Logout ends a session; this call used an API key");
    a.users.deleteSession(Tokens.sha256(r.cookie(Accounts.SESSION_COOKIE)));
    return Reply.noContent()
        .withHeader("set-cookie", Accounts.SESSION_COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict")
        .withHeader("set-cookie", Accounts.CSRF_COOKIE + "=; Path=/; Max-Age=0; SameSite=Strict");
  }

  private Object me(ManagementRequest r) {
    Caller c = r.caller();
    Map<String, Object> body = new LinkedHashMap<>();
    if (c.userId() != null) body.put("user", Views.UserView.of(a.users.find(c.userId()).orElseThrow()));
    body.put("role", c.role().wire());
    body.put("tenant_id", c.tenantId());
    body.put("key_id", c.keyId());
    if (c.tenantId() != null) body.put("tenant", Views.TenantView.of(a.visibleTenant(c, c.tenantId())));
    return body;
  }

  private Object password(ManagementRequest r) {
    Caller c = r.caller();
    if (c.userId() == null) throw ApiException.forbidden("Only a logged-in user can change their password");
    var user = a.users.find(c.userId()).orElseThrow();
    String current = r.text("current_password");
    String next = Inputs.password(r, "new_password");
    long wait = a.throttle.retryAfterSeconds(user.email(), r.remoteIp());
    if (wait > 0) throw ApiException.tooManyRequests("Too many failed attempts; retry in " + wait + "s");
    if (!a.hasher.verify(current, user.passwordHash())) {
      a.throttle.failed(user.email(), r.remoteIp());
      throw new ApiException(400, "invalid_request_error", "wrong_password", "The current password is wrong", "current_password");
    }
    a.users.changePassword(user.id(), a.hasher.hash(next), a.now());
    // Every session ended with the change, this one too: the client logs in again with the new password.
    return Reply.noContent()
        .withHeader("set-cookie", Accounts.SESSION_COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict");
  }

  private Object addUser(ManagementRequest r) {
    long tenant = r.caller().requireTenantOwner();
    String email = Inputs.email(r);
    String password = Inputs.password(r, "password");
    String role = tenantRole(r.optionalText("role") == null ? "member" : r.optionalText("role"));
    try {
      long id = a.users.create(email, a.hasher.hash(password), role, tenant, null, a.now());
      return Reply.json(201, Views.UserView.of(a.users.find(id).orElseThrow()));
    } catch (DuplicateException e) {
      throw ApiException.conflict("email", "An account with this email already exists");
    }
  }

  private Object changeUserRole(ManagementRequest r) {
    Caller c = r.caller();
    long tenant = c.requireTenantOwner();
    long id = r.longParam("id");
    if (c.userId() != null && c.userId() == id) throw ApiException.badRequest("role", "Owners cannot change their own role");
    if (!a.users.changeRole(id, tenant, tenantRole(r.text("role")))) throw ApiException.notFound("User");
    return Views.UserView.of(a.users.find(id).orElseThrow());
  }

  private Object removeUser(ManagementRequest r) {
    Caller c = r.caller();
    long tenant = c.requireTenantOwner();
    long id = r.longParam("id");
    if (c.userId() != null && c.userId() == id) throw ApiException.badRequest(null, "Owners cannot remove themselves");
    if (!a.users.delete(id, tenant)) throw ApiException.notFound("User");
    return null;
  }

  private static String tenantRole(String role) {
    return switch (role) {
      case "owner", "member", "read_only" -> role;
      default -> throw ApiException.badRequest("role", "'role' must be owner, member or read_only");
    };
  }

  private Object models(ManagementRequest r) {
    long tenant = r.caller().requireTenant();
    var mult = a.catalog.multiplier(tenant);
    return new Views.ListOf<>(a.catalog.models().stream().map(m -> Views.ModelView.tenant(m, mult)).toList());
  }
}

package dev.switchboard.server.accounts;

import dev.switchboard.server.manage.ApiException;
import dev.switchboard.server.manage.ManagementRequest;
import dev.switchboard.server.manage.Reply;
import dev.switchboard.store.accounts.KeyStore;
import java.util.List;

/** Key operations shared by the portal (own tenant) and the admin API (any visible tenant). */
final class KeyOps {
  private final Accounts a;

  KeyOps(Accounts a) { this.a = a; }

  /** Creates a key; the secret is in this one response and nowhere else (only its SHA-256 is stored). */
  Reply create(long tenantId, ManagementRequest r) {
    KeyStore.KeyFields f = Inputs.keyFields(r, null, a.catalog);
    String secret = Tokens.newKey();
    long id = a.keys.create(tenantId, Tokens.sha256(secret), secret.substring(0, Tokens.KEY_PREFIX.length() + 4), f, a.now());
    KeyStore.Key k = a.keys.find(tenantId, id).orElseThrow();
    a.gatewayKeys.changed(k);
    return Reply.json(201, new Views.CreatedKey(Views.KeyView.of(k), secret));
  }

  Views.ListOf<Views.KeyView> list(long tenantId) {
    return new Views.ListOf<>(a.keys.ofTenant(tenantId).stream().map(Views.KeyView::of).toList());
  }

  Views.KeyView get(long tenantId, long id) { return Views.KeyView.of(find(tenantId, id)); }

  /** Changes fields and, with "status": "active" | "disabled", enables or disables the key. */
  Views.KeyView update(long tenantId, long id, ManagementRequest r) {
    KeyStore.Key old = find(tenantId, id);
    if (old.status().equals("revoked")) throw ApiException.conflict("status", "A revoked key cannot be changed");
    KeyStore.KeyFields f = Inputs.keyFields(r, old, a.catalog);
    a.keys.update(tenantId, id, f, a.now());
    String status = r.optionalText("status");
    if (status != null) {
      if (!List.of("active", "disabled").contains(status)) {
        throw ApiException.badRequest("status", "'status' must be active or disabled (DELETE revokes)");
      }
      a.keys.setStatus(tenantId, id, status, a.now());
    }
    KeyStore.Key k = find(tenantId, id);
    a.gatewayKeys.changed(k);
    return Views.KeyView.of(k);
  }

  Views.KeyView revoke(long tenantId, long id) {
    find(tenantId, id);
    a.keys.setStatus(tenantId, id, "revoked", a.now());
    KeyStore.Key k = find(tenantId, id);
    a.gatewayKeys.changed(k);
    return Views.KeyView.of(k);
  }

  private KeyStore.Key find(long tenantId, long id) {
    return a.keys.find(tenantId, id).orElseThrow(() -> ApiException.notFound("Key"));
  }
}

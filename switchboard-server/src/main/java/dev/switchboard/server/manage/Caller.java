package dev.switchboard.server.manage;

/**
 * Who is calling a management endpoint: a logged-in user (session cookie) or a tenant gateway key used as a
 * management credential (its role mapped to the tenant roles: admin = owner, user = member, read_only).
 *
 * @param userId     the user; null when authenticated by key
 * @param keyId      the key; null when authenticated by session
 * @param tenantId   the tenant of tenant roles; null for platform admins and resellers
 * @param resellerId the reseller of a reseller user; null otherwise
 * @param viaSession true: cookie-authenticated, so state-changing calls need the CSRF header
 */
public record Caller(Long userId, Long keyId, String email, Role role, Long tenantId, Long resellerId,
                     boolean viaSession) {
  public enum Role {
    PLATFORM_ADMIN, RESELLER, OWNER, MEMBER, READ_ONLY;

    public String wire() { return name().toLowerCase(java.util.Locale.ROOT); }

    public static Role parse(String s) {
      for (Role r : values()) if (r.wire().equals(s)) return r;
      return null;
    }
  }

  public boolean platformAdmin() { return role == Role.PLATFORM_ADMIN; }

  /** The caller's own tenant; 403 for callers without one (admins and resellers name tenants explicitly). */
  public long requireTenant() {
    if (tenantId == null) throw ApiException.forbidden("This endpoint is for tenant users and tenant keys");
    return tenantId;
  }

  /** The caller's tenant, and they may change things in it (owner or member; not read-only). */
  public long requireTenantWriter() {
    long t = requireTenant();
    if (role == Role.READ_ONLY) throw ApiException.forbidden("Read-only access cannot change anything");
    return t;
  }

  /** The caller's tenant, and they own it (user management, tenant settings). */
  public long requireTenantOwner() {
    long t = requireTenant();
    if (role != Role.OWNER) throw ApiException.forbidden("Only the tenant owner can do this");
    return t;
  }

  /** 403 unless a platform admin. */
  public void requireAdmin() {
    if (!platformAdmin()) throw ApiException.forbidden("Only platform admins can do this");
  }

  /** 403 unless a platform admin or a reseller (who then sees only their own tenants). */
  public void requireOperator() {
    if (role != Role.PLATFORM_ADMIN && role != Role.RESELLER) {
      throw ApiException.forbidden("Only platform admins and resellers can do this");
    }
  }
}

package dev.switchboard.store.money;

import java.util.List;

/**
 * Which tenants a report or list covers: all (platform admins), one tenant, or every tenant of one reseller (a
 * reseller sees only its own tenants, in SQL, so paging and totals never include anyone else's rows).
 */
public record TenantFilter(Long tenantId, Long resellerId) {
  public static final TenantFilter ALL = new TenantFilter(null, null);

  public static TenantFilter of(Long tenantId) { return tenantId == null ? ALL : new TenantFilter(tenantId, null); }

  public static TenantFilter reseller(long resellerId) { return new TenantFilter(null, resellerId); }

  /** Appends the condition on {@code tenant_id} (with its leading AND) and its argument. */
  void append(StringBuilder sql, List<Object> args) {
    if (tenantId != null) {
      sql.append(" AND tenant_id = ?");
      args.add(tenantId);
    } else if (resellerId != null) {
      sql.append(" AND tenant_id IN (SELECT id FROM tenants WHERE reseller_id = ?)");
      args.add(resellerId);
    }
  }
}

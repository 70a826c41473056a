package dev.switchboard.server.manage;

import dev.switchboard.server.accounts.AdminModule;
import dev.switchboard.server.accounts.PortalModule;
import java.util.List;

/** Every management module, in one place: adding endpoints is one module plus one line here. */
public final class ManagementModules {
  private ManagementModules() {}

  static List<ManagementModule> all(ManagementContext ctx) {
    List<ManagementModule> modules = new java.util.ArrayList<>(List.of(
        new PortalModule(ctx.accounts()),
        new AdminModule(ctx.accounts(), ctx.services().router())));
    var billing = ctx.services().billing();
    if (billing != null) {
      modules.add(new dev.switchboard.server.billing.BillingModule(billing, ctx.database().dataSource(),
          java.time.Clock.systemUTC()));
    }
    return modules;
  }

  /** The router with every module mounted. */
  public static ManagementRouter router(ManagementContext ctx) {
    ManagementRouter r = new ManagementRouter();
    for (ManagementModule m : all(ctx)) m.mount(r);
    return r;
  }
}

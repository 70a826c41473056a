package dev.switchboard.server.manage;

import java.util.List;

/** Every management module, in one place: adding endpoints is one module plus one line here. */
public final class ManagementModules {
  private ManagementModules() {}

  static List<ManagementModule> all(ManagementContext ctx) {
    return List.of();
  }

  /** The router with every module mounted. */
  public static ManagementRouter router(ManagementContext ctx) {
    ManagementRouter r = new ManagementRouter();
    for (ManagementModule m : all(ctx)) m.mount(r);
    return r;
  }
}

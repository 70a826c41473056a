package dev.switchboard.server.manage;

/** A group of management endpoints; every module is listed once in {@link ManagementModules}. */
public interface ManagementModule {
  void mount(ManagementRouter r);
}

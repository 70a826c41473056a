package dev.switchboard.server.manage;

import dev.switchboard.server.exec.GatewayServices;
import dev.switchboard.store.Database;

/** What management modules are built from: the gateway's services and the database (built once at startup). */
public record ManagementContext(GatewayServices services, Database database) {}

package dev.switchboard.server.manage;

import dev.switchboard.server.accounts.Accounts;
import dev.switchboard.server.exec.GatewayServices;
import dev.switchboard.store.Database;

/**
 * What management modules are built from (once at startup): the gateway's services, the database and accounts
 * (users, tenant keys, the public catalog / price book).
 */
public record ManagementContext(GatewayServices services, Database database, Accounts accounts) {}

package dev.switchboard.server.exec;

import dev.switchboard.accounts.Principal;

/**
 * Maps the model a client asked for to the model routing plans, enforcing the key's scope: tenant keys may only
 * name public catalog models within their scope. Throws a GatewayException (403 out of scope, 404 unknown).
 */
@FunctionalInterface
public interface ModelGate {
  Resolved resolve(Principal principal, String model);

  /** @param publicModel the catalog name (null when the name is not a public model), @param route what to plan */
  record Resolved(String publicModel, String route) {}
}

package dev.switchboard.server.manage;

/**
 * Resolves the caller of a management request from its session cookie or its API key; runs on a virtual thread
 * (may block on the database). Returns null when the request carries no credentials; throws 401 for bad ones.
 */
public interface Authenticator {
  Caller authenticate(ManagementRequest request);

  /** The CSRF token the session was issued; null when the caller did not authenticate by session. */
  String csrfToken(ManagementRequest request, Caller caller);
}

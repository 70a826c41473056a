package dev.switchboard.server.conformance;

/**
 * The (inbound, upstream, feature) cells the gateway cannot express, with the text its 400 must contain. Each is
 * a cell of the matrix marked 400, never a skip.
 */
final class Unsupported {
  private Unsupported() {}

  static String reason(ClientDriver client, UpstreamDriver upstream, Feature feature) {
    return null;
  }
}

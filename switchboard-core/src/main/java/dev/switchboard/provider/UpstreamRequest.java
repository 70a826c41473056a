package dev.switchboard.provider;

import java.util.Map;

/** A fully prepared HTTP call (auth header included). {@link #toString()} leaves out headers: they hold the secret. */
public record UpstreamRequest(String method, String url, Map<String, String> headers, byte[] body) {
  @Override public String toString() { return "UpstreamRequest[" + method + " " + url + "]"; }
}

package dev.switchboard.server.exec;

import dev.switchboard.provider.ApiKey;
import dev.switchboard.provider.UpstreamRequest;
import dev.switchboard.provider.UpstreamTarget;
import dev.switchboard.routing.ProviderRuntime;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code /proxy/{provider}/**}: the client's method, path suffix, query, headers and body, sent to the configured
 * provider's base URL (never to a host the request names) with the client's credentials replaced by a pool key in
 * the place the provider's wire expects it.
 *
 * @param pathAndQuery already checked not to escape the base URL: empty or starting with '/', query included
 */
public record ProxyForward(String method, String pathAndQuery, Map<String, String> headers, byte[] body) implements
    PassThroughExecution.Forward {
  /** Client request headers never forwarded: hop-by-hop ones, the client's own credentials, gateway controls. */
  public static final Set<String> DROPPED = Set.of("connection", "keep-alive", "proxy-authenticate",
      "proxy-authorization", "te", "trailer", "trailers", "transfer-encoding", "upgrade", "host", "content-length",
      "expect", "accept-encoding", "authorization", "x-api-key", "x-goog-api-key", "cookie", "x-provider",
      "x-account-id", "x-request-id");

  public ProxyForward {
    headers = Map.copyOf(headers);
  }

  /** The client headers minus {@link #DROPPED} (names lower-cased; the first value of each wins). */
  public static Map<String, String> forwardable(Iterable<Map.Entry<String, String>> clientHeaders) {
    Map<String, String> out = new HashMap<>();
    for (Map.Entry<String, String> h : clientHeaders) {
      String name = h.getKey().toLowerCase(Locale.ROOT);
      if (!DROPPED.contains(name)) out.putIfAbsent(name, h.getValue());
    }
    return out;
  }

  @Override public String unsupported(ProviderRuntime provider) { return null; }

  @Override public boolean verbatimErrors() { return true; }

  @Override
  public UpstreamRequest prepare(ProviderRuntime provider, UpstreamTarget target, ApiKey key) {
    Map<String, String> h = new HashMap<>(headers.size() + target.headers().size() + 1);
    h.putAll(headers);
    h.putAll(target.headers());
    if (key != null) dev.switchboard.provider.AuthHeaders.put(provider.adapter().protocol(), key.secret(), h);
    return new UpstreamRequest(method, target.baseUrl() + pathAndQuery, h, body);
  }

  @Override public String toString() { return "ProxyForward[" + method + " " + pathAndQuery + "]"; }
}

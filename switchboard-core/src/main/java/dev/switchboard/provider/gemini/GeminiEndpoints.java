package dev.switchboard.provider.gemini;

import dev.switchboard.provider.ApiKey;
import dev.switchboard.provider.UpstreamTarget;
import java.util.LinkedHashMap;
import java.util.Map;

/** URLs and headers of the Generative Language API: {baseUrl}/models/{model}:{method}, key in x-goog-api-key. */
final class GeminiEndpoints {
  private GeminiEndpoints() {}

  static String url(UpstreamTarget target, String method) {
    String base = target.baseUrl();
    int end = base.length();
    while (end > 0 && base.charAt(end - 1) == '/') end--;
    String model = target.upstreamModel();
    StringBuilder sb = new StringBuilder(end + model.length() + 48).append(base, 0, end);
    if (!model.startsWith("models/")) sb.append("/models/");
    else sb.append('/');
    return sb.append(model).append(':').append(method).toString();
  }

  /** Target headers first, then ours: a configured header must not replace the key or the content type. */
  static Map<String, String> headers(UpstreamTarget target, ApiKey key) {
    Map<String, String> h = new LinkedHashMap<>(target.headers());
    h.put("content-type", "application/json");
    h.put("x-goog-api-key", key.secret());
    return h;
  }
}

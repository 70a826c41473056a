package dev.switchboard.provider;

import java.util.Map;

/** Where each wire expects its API key, for calls built outside an adapter (model discovery, the proxy). */
public final class AuthHeaders {
  private AuthHeaders() {}

  public static void put(Protocol protocol, String secret, Map<String, String> headers) {
    if (secret == null || secret.isEmpty()) return;
    switch (protocol) {
      case ANTHROPIC -> headers.put("x-api-key", secret);
      case GEMINI -> headers.put("x-goog-api-key", secret);
      case OPENAI, DASHSCOPE, COHERE, JINA, VOYAGE -> headers.put("authorization", "Bearer " + secret);
    }
  }
}

package dev.switchboard.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.config.ModelConfig;
import dev.switchboard.provider.Capability;
import dev.switchboard.provider.Protocol;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Model discovery, the pure part: where each wire lists its models and how to read the answer. The server does the
 * (periodic, bounded) I/O and hands the ids to {@link Router#mergeDiscovered}.
 */
public final class Discovery {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** What a model nobody described gets: small context, streaming only; it is marked discovered. */
  static final int CONSERVATIVE_CONTEXT = 8192;

  private Discovery() {}

  /** Wires with a models list endpoint this class understands; the others keep their static catalog. */
  public static boolean supports(Protocol protocol) {
    return protocol == Protocol.OPENAI || protocol == Protocol.ANTHROPIC || protocol == Protocol.GEMINI;
  }

  /** The list path under the provider's base URL. */
  public static String listPath(Protocol protocol) {
    return protocol == Protocol.GEMINI ? "/models?pageSize=1000" : "/models";
  }

  /**
   * Model ids from a list answer: OpenAI and Anthropic {@code {"data":[{"id":..}]}}, Gemini
   * {@code {"models":[{"name":"models/x"}]}}.
   */
  public static List<String> parseIds(Protocol protocol, byte[] body) throws IOException {
    JsonNode root = JSON.readTree(body);
    List<String> ids = new ArrayList<>();
    switch (protocol) {
      case OPENAI, ANTHROPIC, DASHSCOPE, COHERE, JINA, VOYAGE -> {
        for (JsonNode m : root.path("data")) if (m.path("id").isTextual()) ids.add(m.path("id").asText());
      }
      case GEMINI -> {
        for (JsonNode m : root.path("models")) {
          String name = m.path("name").asText("");
          if (!name.isEmpty()) ids.add(name.startsWith("models/") ? name.substring(7) : name);
        }
      }
    }
    return ids;
  }

  /** The list request for a provider: its configured headers plus the wire's auth header (never logged). */
  public static dev.switchboard.provider.UpstreamRequest listRequest(ProviderRuntime p, KeyState key) {
    java.util.Map<String, String> h = new java.util.LinkedHashMap<>(p.config().headers());
    dev.switchboard.provider.AuthHeaders.put(p.config().protocol(), key.key().secret(), h);
    if (p.config().protocol() == Protocol.ANTHROPIC) h.put("anthropic-version", dev.switchboard.protocol.anthropic.AnthropicCodec.API_VERSION);
    return new dev.switchboard.provider.UpstreamRequest("GET", p.baseUrl(null) + listPath(p.config().protocol()),
        h, new byte[0]);
  }

  static ModelConfig conservative(String id) {
    return new ModelConfig(id, id, List.of(), CONSERVATIVE_CONTEXT, null, Set.of(Capability.STREAMING), null, List.of(),
        Set.of(), null, true);
  }
}

package dev.switchboard.server.conformance;

/**
 * The (inbound, upstream, feature) cells the gateway cannot express, with the text its 400 must contain. Each is
 * a cell of the matrix marked 400, never a skip; every other cell must pass.
 */
final class Unsupported {
  private Unsupported() {}

  /** The text the 400 must contain, or null when the cell must pass. */
  static String reason(ClientDriver client, UpstreamDriver upstream, Feature feature) {
    if (feature != Feature.WIRE_ONLY_INPUT) return null;
    return switch (client) {
      // The gateway takes no audio input on chat, whatever the upstream: refused naming the part type.
      case OpenAiChatClient c -> "input_audio";
      // Documents only reach an Anthropic upstream (pass-through).
      case AnthropicClient c -> upstream instanceof AnthropicUpstream ? null : "document";
      // DashScope's web search only exists on DashScope.
      case DashScopeClient c -> upstream instanceof DashScopeUpstream ? null : "enable_search";
      // Built-in tools need a Responses pass-through; the conformance models are served over chat wires.
      case ResponsesClient c -> "web_search";
    };
  }
}

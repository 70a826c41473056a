package dev.switchboard.server.http;

import java.util.Map;

/** Every inference path and the endpoint serving it: adding an inbound protocol is one line here. */
final class InferenceRoutes {
  private InferenceRoutes() {}

  static final Map<String, InferenceEndpoint> ROUTES = Map.of(
      "/v1/chat/completions", new OpenAiEndpoints.Chat(),
      "/v1/embeddings", new OpenAiEndpoints.EmbeddingsEndpoint(),
      "/v1/messages", new AnthropicEndpoints.Messages(),
      "/v1/messages/count_tokens", new AnthropicEndpoints.CountTokens(),
      "/v1/responses", new ResponsesEndpoints.Create());
}

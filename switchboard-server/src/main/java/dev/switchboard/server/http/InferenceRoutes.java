package dev.switchboard.server.http;

import static java.util.Map.entry;

import dev.switchboard.server.exec.Forwards;
import java.util.Map;

/** Every inference path and the endpoint serving it: adding an inbound protocol is one line here. */
final class InferenceRoutes {
  private InferenceRoutes() {}

  static final Map<String, InferenceEndpoint> ROUTES = Map.ofEntries(
      entry("/v1/chat/completions", new OpenAiEndpoints.Chat()),
      entry("/v1/embeddings", new OpenAiEndpoints.EmbeddingsEndpoint()),
      entry("/v1/messages", new AnthropicEndpoints.Messages()),
      entry("/v1/messages/count_tokens", new AnthropicEndpoints.CountTokens()),
      entry(DashScopeEndpoints.GENERATION, new DashScopeEndpoints.Generation()),
      entry("/v1/responses", new ResponsesEndpoints.Create()),
      entry("/v1/rerank", new SurfaceEndpoints.RerankEndpoint()),
      entry("/v1/moderations", new SurfaceEndpoints.JsonPassThrough("/moderations", "omni-moderation-latest")),
      entry("/v1/images/generations", new SurfaceEndpoints.JsonPassThrough("/images/generations", null,
          Forwards::images)),
      entry("/v1/audio/speech", new SurfaceEndpoints.JsonPassThrough("/audio/speech", null, Forwards::speech)),
      entry("/v1/audio/transcriptions", new SurfaceEndpoints.AudioUpload("/audio/transcriptions")),
      entry("/v1/audio/translations", new SurfaceEndpoints.AudioUpload("/audio/translations")),
      entry("/v1/audio/speech-to-speech", new SurfaceEndpoints.SpeechToSpeechEndpoint()));
}

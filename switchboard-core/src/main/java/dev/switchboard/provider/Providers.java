package dev.switchboard.provider;

import dev.switchboard.provider.anthropic.AnthropicAdapter;
import dev.switchboard.provider.cohere.CohereAdapter;
import dev.switchboard.provider.dashscope.DashScopeAdapter;
import dev.switchboard.provider.gemini.GeminiAdapter;
import dev.switchboard.provider.jina.JinaAdapter;
import dev.switchboard.provider.openai.OpenAiAdapter;
import dev.switchboard.provider.voyage.VoyageAdapter;

/** The one registry of upstream wire adapters: adding a protocol is one line here. */
public final class Providers {
  private static final ProviderAdapter ANTHROPIC = new AnthropicAdapter();
  private static final ProviderAdapter GEMINI = new GeminiAdapter();

  private Providers() {}

  public static ProviderAdapter adapter(Protocol protocol) {
    return switch (protocol) {
      case OPENAI -> OpenAiAdapter.INSTANCE;
      case ANTHROPIC -> ANTHROPIC;
      case GEMINI -> GEMINI;
      case COHERE -> CohereAdapter.INSTANCE;
      case JINA -> JinaAdapter.INSTANCE;
      case VOYAGE -> VoyageAdapter.INSTANCE;
      case DASHSCOPE -> DashScopeAdapter.INSTANCE;
    };
  }
}

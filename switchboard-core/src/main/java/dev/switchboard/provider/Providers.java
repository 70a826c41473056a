package dev.switchboard.provider;

import dev.switchboard.provider.anthropic.AnthropicAdapter;
import dev.switchboard.provider.openai.OpenAiAdapter;

/** The one registry of upstream wire adapters: adding a protocol is one line here. */
public final class Providers {
  private static final ProviderAdapter ANTHROPIC = new AnthropicAdapter();

  private Providers() {}

  public static ProviderAdapter adapter(Protocol protocol) {
    return switch (protocol) {
      case OPENAI -> OpenAiAdapter.INSTANCE;
      case ANTHROPIC -> ANTHROPIC;
      case GEMINI -> OpenAiAdapter.INSTANCE; // replaced by the Gemini adapter when merged
    };
  }
}

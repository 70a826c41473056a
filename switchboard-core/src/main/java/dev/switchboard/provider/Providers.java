package dev.switchboard.provider;

import dev.switchboard.provider.openai.OpenAiAdapter;

/** The one registry of upstream wire adapters: adding a protocol is one line here. */
public final class Providers {
  private Providers() {}

  public static ProviderAdapter adapter(Protocol protocol) {
    return switch (protocol) {
      case OPENAI -> OpenAiAdapter.INSTANCE;
      case ANTHROPIC, GEMINI -> OpenAiAdapter.INSTANCE; // replaced by the Anthropic/Gemini adapters when merged
    };
  }
}

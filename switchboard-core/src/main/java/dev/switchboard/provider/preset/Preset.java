package dev.switchboard.provider.preset;

import dev.switchboard.config.ModelConfig;
import dev.switchboard.provider.Protocol;
import java.util.List;

/**
 * A known provider: what a config entry named after it (or with {@code preset: <name>}) starts from.
 *
 * @param baseUrl     the API root the protocol's paths are appended to (e.g. {@code https://api.openai.com/v1});
 *                    may contain {@code {account_id}}
 * @param envKeys     environment variables holding an API key, in order of preference; setting one enables the
 *                    provider when the config does not mention it
 * @param accountEnv  environment variable holding the account id for {@code {account_id}} (null when not needed)
 * @param models      a catalogue of well-known models with limits, capabilities and list prices (USD per million)
 * @param requiresKey false for local servers (Ollama, vLLM, LM Studio) that accept requests without a key
 */
public record Preset(String name, Protocol protocol, String baseUrl, List<String> envKeys, String accountEnv,
                     List<ModelConfig> models, boolean requiresKey) {
  public Preset {
    envKeys = List.copyOf(envKeys);
    models = List.copyOf(models);
  }
}

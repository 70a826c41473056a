package dev.switchboard.provider.preset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.config.ConfigException;
import dev.switchboard.config.ModelConfig;
import dev.switchboard.config.PresetCatalog;
import dev.switchboard.provider.Capability;
import dev.switchboard.provider.Protocol;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PresetsTest {
  private static final List<String> PROMISED = List.of("openai", "anthropic", "gemini", "openrouter", "groq", "nvidia",
      "cerebras", "sambanova", "together", "fireworks", "mistral", "deepseek", "glm", "dashscope", "modelscope", "cloudflare",
      "github", "huggingface", "xai", "ollama", "vllm", "lmstudio", "voyage", "cohere", "jina");

  @Test
  void every_promised_preset_exists() {
    assertThat(Presets.all()).extracting(Preset::name).containsExactlyInAnyOrderElementsOf(PROMISED);
    assertThat(Presets.find("nope")).isEmpty();
  }

  @Test
  void every_preset_has_an_https_or_localhost_http_url_and_a_model() {
    for (Preset p : Presets.all()) {
      URI uri = URI.create(p.baseUrl().replace("{account_id}", "acc"));
      boolean local = uri.getHost().equals("localhost");
      assertThat(uri.getScheme()).as(p.name()).isEqualTo(local ? "http" : "https");
      assertThat(p.baseUrl()).as(p.name()).doesNotEndWith("/");
      assertThat(p.models()).as(p.name()).isNotEmpty();
      assertThat(p.requiresKey()).as(p.name()).isEqualTo(!local);
      if (!local) assertThat(p.envKeys()).as(p.name()).isNotEmpty();
      for (ModelConfig m : p.models()) {
        assertThat(m.fallbacks()).isEmpty();
        assertThat(m.capabilities()).as(p.name() + "/" + m.upstreamId()).isNotEmpty();
      }
    }
  }

  @Test
  void presets_use_the_documented_urls_and_env_keys() {
    Map<String, String> urls = Map.of("nvidia", "https://integrate.api.nvidia.com/v1",
        "glm", "https://open.bigmodel.cn/api/paas/v4", "modelscope", "https://api-inference.modelscope.cn/v1",
        "cloudflare", "https://api.cloudflare.com/client/v4/accounts/{account_id}/ai/v1",
        "github", "https://models.github.ai/inference", "huggingface", "https://router.huggingface.co/v1",
        "ollama", "http://localhost:11434/v1", "vllm", "http://localhost:8000/v1", "lmstudio", "http://localhost:1234/v1");
    urls.forEach((name, url) -> assertThat(Presets.find(name).orElseThrow().baseUrl()).isEqualTo(url));
    assertThat(Presets.find("gemini").orElseThrow().envKeys()).containsExactly("GEMINI_API_KEY", "GOOGLE_API_KEY");
    assertThat(Presets.find("glm").orElseThrow().envKeys()).containsExactly("ZHIPUAI_API_KEY", "GLM_API_KEY");
    assertThat(Presets.find("huggingface").orElseThrow().envKeys()).containsExactly("HF_TOKEN");
    assertThat(Presets.find("cloudflare").orElseThrow().accountEnv()).isEqualTo("CLOUDFLARE_ACCOUNT_ID");
    assertThat(Presets.find("anthropic").orElseThrow().protocol()).isEqualTo(Protocol.ANTHROPIC);
    assertThat(Presets.find("gemini").orElseThrow().protocol()).isEqualTo(Protocol.GEMINI);
    Preset dashscope = Presets.find("dashscope").orElseThrow();
    assertThat(dashscope.protocol()).isEqualTo(Protocol.DASHSCOPE);
    assertThat(dashscope.baseUrl()).isEqualTo("https://dashscope.aliyuncs.com/api/v1");
    assertThat(dashscope.envKeys()).containsExactly("DASHSCOPE_API_KEY");
  }

  @Test
  void embedding_models_have_the_embeddings_capability() {
    assertEmbeddings("openai", "text-embedding-3-small");
    assertEmbeddings("openai", "text-embedding-3-large");
    assertEmbeddings("gemini", "gemini-embedding-001");
    assertEmbeddings("gemini", "text-embedding-004");
    assertEmbeddings("mistral", "mistral-embed");
  }

  @Test
  void a_broken_catalogue_fails_with_file_and_line() {
    assertThatThrownBy(() -> PresetCatalog.parse("p.yaml", """
        presets:
          - name: x
            protocol: openai
            base-url: https://x.example/v1
            modles: []
        """)).isInstanceOf(ConfigException.class).hasMessageStartingWith("p.yaml:5: presets[0].modles: unknown field");
    assertThatThrownBy(() -> PresetCatalog.parse("p.yaml", """
        presets:
          - name: x
            protocol: openai
            base-url: https://x.example/v1
            models: []
        """)).isInstanceOf(ConfigException.class).hasMessageContaining("a preset needs at least one model");
  }

  @Test
  void a_catalogue_model_name_used_by_two_models_of_a_preset_fails_naming_both() {
    assertThatThrownBy(() -> PresetCatalog.parse("p.yaml", """
        presets:
          - name: x
            protocol: openai
            base-url: https://x.example/v1
            models:
              - {id: a, capabilities: [tools]}
              - {id: b, aliases: [a], capabilities: [tools]}
        """)).isInstanceOf(ConfigException.class).hasMessage("p.yaml:7: presets[0].models[1].aliases[0]: name 'a' is"
        + " already used by models[0].id (public ids and aliases must be unique within a provider)");
  }

  private static void assertEmbeddings(String preset, String model) {
    ModelConfig m = Presets.find(preset).orElseThrow().models().stream()
        .filter(x -> x.upstreamId().equals(model)).findFirst().orElseThrow();
    assertThat(m.has(Capability.EMBEDDINGS)).as(preset + "/" + model).isTrue();
  }
}

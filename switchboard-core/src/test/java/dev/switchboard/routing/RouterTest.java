package dev.switchboard.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.switchboard.config.GatewayConfig;
import dev.switchboard.config.KeyConfig;
import dev.switchboard.config.ModelConfig;
import dev.switchboard.config.ProviderConfig;
import dev.switchboard.config.RoutingSettings;
import dev.switchboard.error.ErrorKey;
import dev.switchboard.error.GatewayException;
import dev.switchboard.provider.Protocol;
import dev.switchboard.provider.UpstreamTarget;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouterTest {
  private static final RoutingSettings ROUTING = new RoutingSettings(4, Duration.ofSeconds(120),
      Duration.ofSeconds(30), Duration.ofMinutes(10), Duration.ofHours(1));

  private static ModelConfig model(String upstream, String publicId, List<String> aliases, List<String> fallbacks) {
    return new ModelConfig(upstream, publicId, aliases, 128_000, 16_384, null, null, fallbacks);
  }

  private static ProviderConfig provider(String name, Protocol protocol, String baseUrl, String accountId,
                                         ModelConfig... models) {
    return new ProviderConfig(name, protocol, baseUrl, Map.of(), List.of(new KeyConfig("k", "sk-" + name, 1, true)),
        List.of(models), accountId);
  }

  private static final ProviderConfig OPENAI = provider("openai", Protocol.OPENAI, "https://api.openai.com/v1", null,
      model("gpt-4o", null, List.of("gpt4"), List.of("anthropic/claude-sonnet-4", "openrouter/gpt-4o", "gpt-4o")),
      model("gpt-4o-mini", null, List.of(), List.of()));
  private static final ProviderConfig OPENROUTER = provider("openrouter", Protocol.OPENAI, "https://openrouter.ai/api/v1", null,
      model("openai/gpt-4o", "gpt-4o", List.of(), List.of()),
      model("meta-llama/llama-3.3-70b-instruct", null, List.of("llama"), List.of()));
  private static final ProviderConfig ANTHROPIC = provider("anthropic", Protocol.ANTHROPIC, "https://api.anthropic.com/v1", null,
      model("claude-sonnet-4-20250514", "claude-sonnet-4", List.of("sonnet"), List.of("gpt-4o-mini")));
  private static final ProviderConfig CLOUDFLARE = provider("cloudflare", Protocol.OPENAI,
      "https://api.cloudflare.com/client/v4/accounts/{account_id}/ai/v1", null,
      model("@cf/meta/llama-3.1-8b-instruct", null, List.of(), List.of()));

  private static Router router(ProviderConfig... providers) {
    return new Router(new GatewayConfig(null, null, ROUTING, null, null, List.of(), List.of(providers)), () -> 0L);
  }

  private static final Router ROUTER = router(OPENAI, OPENROUTER, ANTHROPIC, CLOUDFLARE);

  private static List<String> ids(RoutePlan plan) {
    return plan.candidates().stream().map(Candidate::qualifiedId).toList();
  }

  @Test
  void provider_slash_model_resolves_to_that_provider_only() {
    RoutePlan plan = ROUTER.plan("openai/gpt-4o-mini", null);
    assertThat(plan.requestedModel()).isEqualTo("openai/gpt-4o-mini");
    assertThat(ids(plan)).containsExactly("openai/gpt-4o-mini");
    assertThat(plan.candidates().get(0).model().upstreamId()).isEqualTo("gpt-4o-mini");
  }

  @Test
  void a_bare_id_resolves_to_every_provider_serving_it_in_config_order_then_fallbacks() {
    assertThat(ids(ROUTER.plan("gpt-4o", null))).containsExactly(
        "openai/gpt-4o", "openrouter/gpt-4o", "anthropic/claude-sonnet-4");
    Candidate viaRouter = ROUTER.plan("gpt-4o", null).candidates().get(1);
    assertThat(viaRouter.model().upstreamId()).isEqualTo("openai/gpt-4o");
  }

  @Test
  void an_alias_resolves_to_its_model() {
    assertThat(ids(ROUTER.plan("sonnet", null))).containsExactly("anthropic/claude-sonnet-4", "openai/gpt-4o-mini");
    assertThat(ids(ROUTER.plan("llama", null))).containsExactly("openrouter/meta-llama/llama-3.3-70b-instruct");
  }

  @Test
  void an_upstream_id_containing_a_slash_resolves_as_a_bare_name() {
    assertThat(ids(ROUTER.plan("meta-llama/llama-3.3-70b-instruct", null)))
        .containsExactly("openrouter/meta-llama/llama-3.3-70b-instruct");
  }

  @Test
  void fallback_chain_is_appended_without_duplicates() {
    // gpt4 -> openai/gpt-4o, whose fallbacks name anthropic, openrouter and itself again.
    assertThat(ids(ROUTER.plan("gpt4", null))).containsExactly(
        "openai/gpt-4o", "anthropic/claude-sonnet-4", "openrouter/gpt-4o");
  }

  @Test
  void x_provider_header_selects_the_provider() {
    assertThat(ids(ROUTER.plan("gpt-4o", "openrouter"))).containsExactly("openrouter/gpt-4o");
    assertThat(ids(ROUTER.plan("openrouter/gpt-4o", "openrouter"))).containsExactly("openrouter/gpt-4o");
    // Aggregator ids that look like provider/model stay whole under an explicit provider.
    Candidate c = ROUTER.plan("openai/gpt-4o", "openrouter").candidates().get(0);
    assertThat(c.provider().name()).isEqualTo("openrouter");
    assertThat(c.model().upstreamId()).isEqualTo("openai/gpt-4o");
  }

  @Test
  void an_empty_x_provider_header_is_ignored() {
    assertThat(ids(ROUTER.plan("openai/gpt-4o-mini", ""))).containsExactly("openai/gpt-4o-mini");
    GatewayException e = catchThrowableOfType(GatewayException.class, () -> ROUTER.plan("nope", ""));
    assertThat(e.error().message()).doesNotContain("on provider");
  }

  @Test
  void an_unknown_provider_in_the_header_is_an_error_naming_x_provider() {
    GatewayException e = catchThrowableOfType(GatewayException.class, () -> ROUTER.plan("gpt-4o", "azure"));
    assertThat(e.error().key()).isEqualTo(ErrorKey.INVALID_REQUEST);
    assertThat(e.error().param()).isEqualTo("X-Provider");
    assertThat(e.error().message()).contains("'azure'").contains("openai", "openrouter", "anthropic", "cloudflare");
  }

  @Test
  void an_unknown_model_is_model_not_found_naming_the_model() {
    GatewayException e = catchThrowableOfType(GatewayException.class, () -> ROUTER.plan("gpt-7", null));
    assertThat(e.error().key()).isEqualTo(ErrorKey.MODEL_NOT_FOUND);
    assertThat(e.error().status()).isEqualTo(404);
    assertThat(e.error().param()).isEqualTo("model");
    assertThat(e.error().message()).contains("'gpt-7'");
    // An unknown first segment is not a provider: the whole string is looked up as a model.
    assertThat(catchThrowableOfType(GatewayException.class, () -> ROUTER.plan("azure/gpt-4o", null)).error().key())
        .isEqualTo(ErrorKey.MODEL_NOT_FOUND);
  }

  @Test
  void an_explicit_provider_with_an_uncatalogued_model_passes_it_through() {
    RoutePlan plan = ROUTER.plan("openrouter/mistralai/mistral-large", null);
    assertThat(ids(plan)).containsExactly("openrouter/mistralai/mistral-large");
    ModelConfig m = plan.candidates().get(0).model();
    assertThat(m.upstreamId()).isEqualTo("mistralai/mistral-large");
    assertThat(m.capabilities()).isEmpty();
    assertThat(m.fallbacks()).isEmpty();
  }

  @Test
  void account_id_placeholder_is_filled_from_config_or_header() {
    ProviderRuntime cf = ROUTER.provider("cloudflare").orElseThrow();
    Candidate c = ROUTER.plan("cloudflare/@cf/meta/llama-3.1-8b-instruct", null).candidates().get(0);
    assertThat(cf.needsAccountId()).isTrue();
    UpstreamTarget t = cf.target(c.model(), "acc-123");
    assertThat(t.baseUrl()).isEqualTo("https://api.cloudflare.com/client/v4/accounts/acc-123/ai/v1");
    assertThat(t.upstreamModel()).isEqualTo("@cf/meta/llama-3.1-8b-instruct");

    Router configured = router(provider("cloudflare", Protocol.OPENAI,
        "https://api.cloudflare.com/client/v4/accounts/{account_id}/ai/v1", "acc-cfg",
        model("@cf/meta/llama-3.1-8b-instruct", null, List.of(), List.of())));
    ProviderRuntime cf2 = configured.provider("cloudflare").orElseThrow();
    assertThat(cf2.needsAccountId()).isFalse();
    assertThat(cf2.target(cf2.models().get(0), "from-header").baseUrl())
        .isEqualTo("https://api.cloudflare.com/client/v4/accounts/acc-cfg/ai/v1");
  }

  @Test
  void targets_carry_the_upstream_id_and_max_output_tokens() {
    Candidate c = ROUTER.plan("sonnet", null).candidates().get(0);
    UpstreamTarget t = c.provider().target(c.model(), null);
    assertThat(t).isEqualTo(new UpstreamTarget("https://api.anthropic.com/v1", Map.of(), "claude-sonnet-4-20250514", 16_384));
    assertThat(c.provider().adapter().protocol()).isEqualTo(Protocol.ANTHROPIC);
  }

  @Test
  void providers_are_listed_in_config_order_each_with_its_key_pool() {
    assertThat(ROUTER.providers()).extracting(ProviderRuntime::name)
        .containsExactly("openai", "openrouter", "anthropic", "cloudflare");
    assertThat(ROUTER.provider("openai").orElseThrow().keys().keys()).extracting(KeyState::name).containsExactly("k");
  }

  @Test
  void a_provider_waiting_for_stored_keys_is_skipped_with_the_way_to_add_one_until_a_key_is_stored() {
    ProviderConfig waiting = new ProviderConfig("groq", Protocol.OPENAI, "https://api.groq.com/openai/v1", Map.of(),
        List.of(), List.of(model("gpt-4o-mini", null, List.of(), List.of())), null, true);
    Router r = router(waiting, OPENAI);
    RoutePlan plan = r.plan("gpt-4o-mini", null);
    assertThat(ids(plan)).containsExactly("openai/gpt-4o-mini");
    assertThat(plan.skipped()).extracting(Skip::toString)
        .containsExactly("groq/gpt-4o-mini: no key: add one with POST /admin/api/providers/keys");

    r.provider("groq").orElseThrow().keys().useStored(List.of(new KeyConfig("stored", "sk-stored", 1, true)));
    assertThat(ids(r.plan("gpt-4o-mini", null))).containsExactly("groq/gpt-4o-mini", "openai/gpt-4o-mini");
  }
}

package dev.switchboard.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.model.ChatRequest;
import dev.switchboard.model.MediaUsage;
import dev.switchboard.model.Message;
import dev.switchboard.model.Role;
import dev.switchboard.model.Usage;
import dev.switchboard.provider.Protocol;
import dev.switchboard.provider.Providers;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Metering each provider's real usage shape through its own codec, then pricing it exactly. */
class MeterTest {
  /** Claude Sonnet-like list prices: $3 in, $15 out, $0.30 cache read, $3.75 cache write per million. */
  private static final Rates SONNET = new Rates(bd("3"), bd("15"), bd("0.30"), bd("3.75"), null, null, null);
  private static final Rates GPT = new Rates(bd("2.50"), bd("10"), bd("1.25"), null, null, null, null);

  private static BigDecimal bd(String s) { return new BigDecimal(s); }

  private static ChatRequest hello() {
    return new ChatRequest("m", List.of(Message.text(Role.USER, "Hello")), null, null, null, null, null,
        null, null, false, false, null, null, null);
  }

  private static Usage parse(Protocol p, String body) {
    return Providers.adapter(p).chat().parseChat(hello(), body.getBytes(StandardCharsets.UTF_8)).usage();
  }

  @Test
  void openai_cached_tokens_are_inside_prompt_tokens_and_billed_once_at_the_cached_price() {
    Usage u = parse(Protocol.OPENAI, """
        {"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"gpt-4o",
         "choices":[{"index":0,"message":{"role":"assistant","content":"Hi"},"finish_reason":"stop"}],
         "usage":{"prompt_tokens":2006,"completion_tokens":300,"total_tokens":2306,
                  "prompt_tokens_details":{"cached_tokens":1920,"audio_tokens":0},
                  "completion_tokens_details":{"reasoning_tokens":256,"audio_tokens":0}}}""");
    Charge c = Meter.charge(u, GPT, BigDecimal.ONE);
    assertThat(c.uncachedInputTokens()).isEqualTo(86);
    assertThat(c.cachedReadTokens()).isEqualTo(1920);
    assertThat(c.outputTokens()).isEqualTo(300);
    assertThat(c.reasoningTokens()).isEqualTo(256);
    // 86*2.50 + 1920*1.25 + 300*10 = 215 + 2400 + 3000 = 5615 per million -> 0.005615
    assertThat(c.cost()).isEqualByComparingTo("0.005615");
    assertThat(c.cost().scale()).isEqualTo(Money.SCALE);
  }

  @Test
  void anthropic_separate_cache_counts_are_not_double_counted() {
    Usage u = parse(Protocol.ANTHROPIC, """
        {"id":"msg_1","type":"message","role":"assistant","model":"claude-sonnet-4-5",
         "content":[{"type":"text","text":"Hi"}],"stop_reason":"end_turn","stop_sequence":null,
         "usage":{"input_tokens":50,"cache_creation_input_tokens":1000,"cache_read_input_tokens":2000,
                  "output_tokens":400}}""");
    Charge c = Meter.charge(u, SONNET, BigDecimal.ONE);
    assertThat(c.inputTokens()).isEqualTo(3050);
    assertThat(c.uncachedInputTokens()).isEqualTo(50);
    assertThat(c.cachedReadTokens()).isEqualTo(2000);
    assertThat(c.cacheWriteTokens()).isEqualTo(1000);
    // 50*3 + 2000*0.30 + 1000*3.75 + 400*15 = 150 + 600 + 3750 + 6000 = 10500 per million
    assertThat(c.cost()).isEqualByComparingTo("0.0105");
  }

  @Test
  void gemini_thoughts_are_output_and_cached_content_is_inside_the_prompt() {
    Usage u = parse(Protocol.GEMINI, """
        {"candidates":[{"content":{"parts":[{"text":"Hi"}],"role":"model"},"finishReason":"STOP","index":0}],
         "usageMetadata":{"promptTokenCount":1200,"candidatesTokenCount":100,"totalTokenCount":1600,
                          "cachedContentTokenCount":1000,"thoughtsTokenCount":300},
         "modelVersion":"gemini-2.5-flash"}""");
    Charge c = Meter.charge(u, GPT, BigDecimal.ONE);
    assertThat(c.uncachedInputTokens()).isEqualTo(200);
    assertThat(c.cachedReadTokens()).isEqualTo(1000);
    assertThat(c.outputTokens()).isEqualTo(400);
    assertThat(c.reasoningTokens()).isEqualTo(300);
    // 200*2.5 + 1000*1.25 + 400*10 = 500 + 1250 + 4000 = 5750 per million
    assertThat(c.cost()).isEqualByComparingTo("0.00575");
  }

  @Test
  void dashscope_cached_tokens_are_inside_input_tokens() {
    Usage u = parse(Protocol.DASHSCOPE, """
        {"status_code":200,"request_id":"r1","code":"","message":"",
         "output":{"choices":[{"finish_reason":"stop","message":{"role":"assistant","content":"Hi"}}]},
         "usage":{"input_tokens":1000,"output_tokens":50,"total_tokens":1050,
                  "prompt_tokens_details":{"cached_tokens":600},
                  "output_tokens_details":{"reasoning_tokens":20}}}""");
    Charge c = Meter.charge(u, GPT, BigDecimal.ONE);
    assertThat(c.uncachedInputTokens()).isEqualTo(400);
    assertThat(c.cachedReadTokens()).isEqualTo(600);
    assertThat(c.outputTokens()).isEqualTo(50);
    // 400*2.5 + 600*1.25 + 50*10 = 1000 + 750 + 500 = 2250 per million
    assertThat(c.cost()).isEqualByComparingTo("0.00225");
  }

  @Test
  void raw_usage_is_kept_beside_the_normalised_figures() {
    Usage u = parse(Protocol.ANTHROPIC, """
        {"id":"msg_1","type":"message","role":"assistant","model":"c","content":[],"stop_reason":"end_turn",
         "usage":{"input_tokens":5,"cache_read_input_tokens":7,"output_tokens":1}}""");
    assertThat(u.raw().get("cache_read_input_tokens").asLong()).isEqualTo(7);
    assertThat(u.inputTokens()).isEqualTo(12);
  }

  @Test
  void inconsistent_reports_never_yield_negative_counts() {
    Usage u = new Usage(100L, -3L, 150L, 80L, 500L, null);
    Charge c = Meter.charge(u, SONNET, BigDecimal.ONE);
    assertThat(c.cachedReadTokens()).isEqualTo(100);
    assertThat(c.cacheWriteTokens()).isZero();
    assertThat(c.uncachedInputTokens()).isZero();
    assertThat(c.outputTokens()).isZero();
    assertThat(c.reasoningTokens()).isZero();
    assertThat(c.cost()).isEqualByComparingTo("0.00003");
  }

  @Test
  void missing_usage_costs_only_the_flat_prices() {
    Rates flat = new Rates(bd("1"), bd("1"), null, null, bd("0.002"), bd("0.04"), bd("0.0001"));
    Charge c = Meter.charge(null, 2, bd("30.5"), flat, BigDecimal.ONE);
    // 0.002 + 2*0.04 + 30.5*0.0001 = 0.002 + 0.08 + 0.00305
    assertThat(c.cost()).isEqualByComparingTo("0.08505");
  }

  @Test
  void the_tenant_multiplier_applies_to_the_whole_charge_and_rounds_once_half_even() {
    Usage one = new Usage(1L, 0L, null, null, null, null);
    // 1 token at 0.00025 per million = 0.00000000025: exactly half a unit of the 10th place -> even (2)
    assertThat(Meter.charge(one, new Rates(bd("0.00025"), null, null, null, null, null, null), BigDecimal.ONE).cost())
        .isEqualByComparingTo("0.0000000002");
    // x 1.4 = 0.00000000035 -> even (4)
    assertThat(Meter.charge(one, new Rates(bd("0.00025"), null, null, null, null, null, null), bd("1.4")).cost())
        .isEqualByComparingTo("0.0000000004");
    assertThat(Meter.charge(new Usage(1_000_000L, 1_000_000L, null, null, null, null), SONNET, bd("0.8")).cost())
        .isEqualByComparingTo("14.4");
  }

  @Test
  void many_small_charges_sum_exactly() {
    Usage u = new Usage(333L, 77L, 100L, null, null, null);
    BigDecimal sum = Money.ZERO;
    for (int i = 0; i < 10_000; i++) sum = sum.add(Meter.charge(u, GPT, BigDecimal.ONE).cost());
    // per request: 233*2.5 + 100*1.25 + 77*10 = 582.5 + 125 + 770 = 1477.5 per million = 0.0014775
    assertThat(sum).isEqualByComparingTo("14.775");
  }

  @Test
  void the_estimate_covers_every_prompt_token_and_the_output_budget_rounded_up() {
    BigDecimal e = Meter.estimate(1000, 500, SONNET, BigDecimal.ONE);
    assertThat(e).isEqualByComparingTo("0.0105");
    BigDecimal tiny = Meter.estimate(1, 0, new Rates(bd("0.00001"), null, null, null, null, null, null), null);
    assertThat(tiny).isEqualByComparingTo("0.0000000001");
    Usage actual = new Usage(1000L, 500L, 900L, null, null, null);
    assertThat(Meter.charge(actual, SONNET, BigDecimal.ONE).cost()).isLessThanOrEqualTo(e);
  }

  @Test
  void images_are_priced_each_and_exactly_with_the_multiplier_applied_to_the_whole() {
    Rates image = new Rates(bd("5"), bd("40"), null, null, bd("0.001"), bd("0.04"), null);
    Usage tokens = new Usage(50L, 500L, null, null, null, null);
    Charge c = Meter.charge(tokens, new MediaUsage(3, null, null), image, bd("1.5"));
    assertThat(c.images()).isEqualTo(3);
    // (50*5 + 500*40) per million = 0.02025; + 3*0.04 + 0.001 = 0.14125; x 1.5 = 0.211875
    assertThat(c.cost()).isEqualByComparingTo("0.211875");
    assertThat(c.cost().scale()).isEqualTo(Money.SCALE);
    // dall-e: no usage at all, images and the request price only
    assertThat(Meter.charge(null, MediaUsage.images(2), image, BigDecimal.ONE).cost()).isEqualByComparingTo("0.081");
  }

  @Test
  void audio_seconds_are_billed_to_the_millisecond_not_at_the_upstreams_double_noise() {
    Rates whisper = new Rates(null, null, null, null, bd("0.0002"), null, bd("0.0001"));
    // verbose_json's duration as OpenAI writes it: a double
    MediaUsage heard = MediaUsage.seconds(new BigDecimal("8.470000267028809"), "response.duration");
    assertThat(heard.audioSeconds()).isEqualByComparingTo("8.470");
    Charge c = Meter.charge(null, heard, whisper, bd("1.5"));
    assertThat(c.audioSeconds()).isEqualByComparingTo("8.47");
    // (8.47*0.0001 + 0.0002) x 1.5 = 0.001047 x 1.5 = 0.0015705
    assertThat(c.cost()).isEqualByComparingTo("0.0015705");
    // a price below the 10th place is rounded once, half-even, at the end: 1.001 s at 0.0000000001 = 1.001e-10
    Rates tiny = new Rates(null, null, null, null, null, null, bd("0.0000000001"));
    assertThat(Meter.charge(null, MediaUsage.seconds(bd("1.001"), "x"), tiny, null).cost())
        .isEqualByComparingTo("0.0000000001");
    assertThat(Meter.charge(null, MediaUsage.seconds(bd("2.5"), "x"), tiny, null).cost())
        .isEqualByComparingTo("0.0000000002");
  }

  @Test
  void the_estimate_prices_the_images_asked_for_and_the_seconds_known_in_advance_rounded_up() {
    Rates image = new Rates(null, null, null, null, bd("0.001"), bd("0.04"), bd("0.0001"));
    assertThat(Meter.estimate(new Estimate(0, 0, 3, null), image, bd("1.5"))).isEqualByComparingTo("0.1815");
    assertThat(Meter.estimate(new Estimate(0, 0, 0, bd("2.5")), image, BigDecimal.ONE)).isEqualByComparingTo("0.00125");
    // 1/3 multiplier: 0.121/3 = 0.040333... -> rounded up, never below the charge it stands for
    BigDecimal third = BigDecimal.ONE.divide(bd("3"), 20, java.math.RoundingMode.HALF_EVEN);
    BigDecimal e = Meter.estimate(new Estimate(0, 0, 3, null), image, third);
    assertThat(e).isEqualByComparingTo("0.0403333334");
    assertThat(Meter.charge(null, MediaUsage.images(3), image, third).cost()).isLessThanOrEqualTo(e);
  }

  @Test
  void media_of_chained_steps_add_up_and_name_their_sources() {
    MediaUsage a = MediaUsage.seconds(bd("1.5"), "upload.wav");
    MediaUsage b = MediaUsage.seconds(bd("2.25"), "output.wav").plus(MediaUsage.images(1));
    MediaUsage sum = a.plus(b);
    assertThat(sum.audioSeconds()).isEqualByComparingTo("3.75");
    assertThat(sum.audioSource()).isEqualTo("upload.wav+output.wav");
    assertThat(sum.images()).isEqualTo(1);
    assertThat(MediaUsage.NONE.orSeconds(a)).isEqualTo(a);
    assertThat(MediaUsage.seconds(bd("-1"), "x").isEmpty()).isTrue();
  }

  @Test
  void amounts_from_clients_are_validated_naming_the_field() {
    assertThat(Money.positive("amount", "12.5")).isEqualByComparingTo("12.5");
    assertThatThrownBy(() -> Money.positive("amount", "-1")).hasMessageContaining("amount");
    assertThatThrownBy(() -> Money.positive("amount", "abc")).hasMessageContaining("amount");
    assertThatThrownBy(() -> Money.positive("amount", "1e30")).hasMessageContaining("too large");
    assertThatThrownBy(() -> Money.positive("amount", "0.000000000001")).hasMessageContaining("decimal places");
    assertThatThrownBy(() -> new Rates(bd("-1"), null, null, null, null, null, null)).hasMessageContaining("negative");
  }
}

package dev.switchboard.protocol.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.error.FailureClass;
import dev.switchboard.model.UpstreamError;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class GeminiErrorsTest {

  @Test
  void invalid_api_key_is_a_credential_failure_even_with_status_400() {
    UpstreamError e = GeminiErrors.parse(400, Goldens.bytes("error_api_key.json"));
    assertThat(e).isEqualTo(new UpstreamError(400, "INVALID_ARGUMENT", "API_KEY_INVALID",
        "API key not valid. Please pass a valid API key."));
    assertThat(GeminiErrors.classify(e)).isEqualTo(FailureClass.CREDENTIAL);
  }

  @Test
  void per_minute_429_is_a_rate_limit() {
    UpstreamError e = GeminiErrors.parse(429, Goldens.bytes("error_rate_limit.json"));
    assertThat(e.type()).isEqualTo("RESOURCE_EXHAUSTED");
    assertThat(e.code()).isEqualTo("GenerateRequestsPerMinutePerProjectPerModel-FreeTier");
    assertThat(e.message()).startsWith("You exceeded your current quota");
    assertThat(GeminiErrors.classify(e)).isEqualTo(FailureClass.RATE_LIMIT);
  }

  @Test
  void exhausted_daily_quota_is_quota() {
    UpstreamError e = GeminiErrors.parse(429, Goldens.bytes("error_quota_daily.json"));
    assertThat(e.code()).isEqualTo("GenerateRequestsPerDayPerProjectPerModel");
    assertThat(GeminiErrors.classify(e)).isEqualTo(FailureClass.QUOTA);
  }

  @Test
  void minute_and_day_violations_together_stay_a_rate_limit() {
    UpstreamError e = new UpstreamError(429, "RESOURCE_EXHAUSTED",
        "GenerateRequestsPerMinutePerProjectPerModel-FreeTier,GenerateRequestsPerDayPerProjectPerModel-FreeTier",
        "You exceeded your current quota, please check your plan and billing details.");
    assertThat(GeminiErrors.classify(e)).isEqualTo(FailureClass.RATE_LIMIT);
  }

  @Test
  void zero_limit_and_depleted_credits_are_quota() {
    assertThat(GeminiErrors.classify(new UpstreamError(429, "RESOURCE_EXHAUSTED", null,
        "* Quota exceeded for metric: generate_content_free_tier_requests, limit: 0, model: gemini-2.5-pro")))
        .isEqualTo(FailureClass.QUOTA);
    assertThat(GeminiErrors.classify(new UpstreamError(429, "RESOURCE_EXHAUSTED", null,
        "Your prepayment credits are depleted. Please go to AI Studio to manage your project and billing.")))
        .isEqualTo(FailureClass.QUOTA);
  }

  @Test
  void unavailable_and_internal_errors_are_transient() {
    UpstreamError e = GeminiErrors.parse(503, Goldens.bytes("error_unavailable.json"));
    assertThat(e).isEqualTo(new UpstreamError(503, "UNAVAILABLE", null, "The model is overloaded. Please try again later."));
    assertThat(GeminiErrors.classify(e)).isEqualTo(FailureClass.TRANSIENT);
    assertThat(GeminiErrors.classify(new UpstreamError(500, "INTERNAL", null, "An internal error has occurred.")))
        .isEqualTo(FailureClass.TRANSIENT);
  }

  @Test
  void failed_precondition_and_permission_denied_are_the_keys_not_the_callers() {
    // The key's project cannot serve (region without the free tier, billing off): another key or provider may.
    UpstreamError region = GeminiErrors.parse(400, """
        {"error":{"code":400,"message":"User location is not supported for the API use.",
         "status":"FAILED_PRECONDITION"}}""".getBytes(StandardCharsets.UTF_8));
    assertThat(GeminiErrors.classify(region)).isEqualTo(FailureClass.CREDENTIAL);
    assertThat(GeminiErrors.classify(new UpstreamError(403, "PERMISSION_DENIED", null,
        "Permission denied: Consumer 'api_key:AIza...' has been suspended."))).isEqualTo(FailureClass.CREDENTIAL);
  }

  @Test
  void bad_request_is_the_callers_fault() {
    UpstreamError e = GeminiErrors.parse(400, """
        {"error":{"code":400,"message":"* GenerateContentRequest.contents: contents is not specified\\n",
          "status":"INVALID_ARGUMENT"}}""".getBytes(StandardCharsets.UTF_8));
    assertThat(GeminiErrors.classify(e)).isEqualTo(FailureClass.CALLER_FAULT);
  }

  @Test
  void error_wrapped_in_an_array_is_read() {
    UpstreamError e = GeminiErrors.parse(404, """
        [{"error":{"code":404,"message":"models/gemini-9 is not found for API version v1beta","status":"NOT_FOUND"}}]"""
        .getBytes(StandardCharsets.UTF_8));
    assertThat(e.type()).isEqualTo("NOT_FOUND");
    assertThat(e.message()).contains("gemini-9");
  }

  @Test
  void non_json_bodies_keep_their_text_shortened() {
    UpstreamError html = GeminiErrors.parse(502, ("<html><body>" + "x".repeat(2000) + "</body></html>")
        .getBytes(StandardCharsets.UTF_8));
    assertThat(html.status()).isEqualTo(502);
    assertThat(html.type()).isNull();
    assertThat(html.message()).startsWith("<html><body>").hasSize(503);
    assertThat(GeminiErrors.parse(500, new byte[0]).message()).isEqualTo("HTTP 500 with empty body");
  }
}

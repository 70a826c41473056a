package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** Browser pages of allowed origins may call the API with a gateway key; others, and every page by default, not. */
class CorsE2ETest {
  private static final String APP = "https://app.example.com";
  private static final String CHAT = "{\"model\":\"oai/gpt-test\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> preflight(GatewayFixture fx, String origin) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(fx.baseUrl() + "/v1/chat/completions"))
        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
        .header("origin", origin)
        .header("access-control-request-method", "POST")
        .header("access-control-request-headers", "authorization, content-type, x-stainless-os").build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> chat(GatewayFixture fx, String origin) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(fx.baseUrl() + "/v1/chat/completions"))
        .header("origin", origin).header("authorization", "Bearer " + GatewayFixture.CLIENT_KEY)
        .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(CHAT)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void an_allowed_origin_gets_its_preflight_answered_and_the_answer_readable() throws Exception {
    try (GatewayFixture fx = new GatewayFixture("", "discovery: {enabled: false}", "",
        ", cors-origins: [\"" + APP + "\"]")) {
      var pre = preflight(fx, APP);
      assertThat(pre.statusCode()).isEqualTo(204);
      assertThat(pre.headers().firstValue("access-control-allow-origin")).hasValue(APP);
      assertThat(pre.headers().firstValue("access-control-allow-methods").orElseThrow()).contains("POST");
      assertThat(pre.headers().firstValue("access-control-allow-headers"))
          .hasValue("authorization, content-type, x-stainless-os");
      assertThat(pre.headers().firstValue("vary")).hasValue("Origin");
      assertThat(pre.headers().firstValue("access-control-allow-credentials")).isEmpty();
      assertThat(fx.fake.requests()).as("a preflight goes nowhere").isEmpty();

      var resp = chat(fx, APP);
      assertThat(resp.statusCode()).isEqualTo(200);
      assertThat(resp.headers().firstValue("access-control-allow-origin")).hasValue(APP);
      assertThat(resp.headers().firstValue("access-control-expose-headers").orElseThrow())
          .contains("x-request-id").contains("x-switchboard-provider");
    }
  }

  @Test
  void another_origin_is_refused_and_the_answer_is_not_exposed() throws Exception {
    try (GatewayFixture fx = new GatewayFixture("", "discovery: {enabled: false}", "",
        ", cors-origins: [\"" + APP + "\"]")) {
      assertThat(preflight(fx, "https://evil.example").statusCode()).isEqualTo(403);
      var resp = chat(fx, "https://evil.example");
      assertThat(resp.headers().firstValue("access-control-allow-origin")).isEmpty();
    }
  }

  @Test
  void a_star_allows_any_origin_without_credentials() throws Exception {
    try (GatewayFixture fx = new GatewayFixture("", "discovery: {enabled: false}", "", ", cors-origins: [\"*\"]")) {
      var pre = preflight(fx, "http://localhost:5173");
      assertThat(pre.statusCode()).isEqualTo(204);
      assertThat(pre.headers().firstValue("access-control-allow-origin")).hasValue("*");
      assertThat(chat(fx, "http://localhost:5173").headers().firstValue("access-control-allow-origin")).hasValue("*");
    }
  }

  @Test
  void without_cors_origins_no_page_of_another_site_may_call_the_api() throws Exception {
    try (GatewayFixture fx = new GatewayFixture()) {
      var pre = preflight(fx, APP);
      assertThat(pre.statusCode()).isEqualTo(405);
      assertThat(pre.headers().firstValue("access-control-allow-origin")).isEmpty();
      assertThat(chat(fx, APP).headers().firstValue("access-control-allow-origin")).isEmpty();
    }
  }
}

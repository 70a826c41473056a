package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * Cloudflare-style base URLs with {@code {account_id}}: filled from config, else from the request's X-Account-ID
 * header; without either the candidate is skipped with a reason. The fake stands in for the account path: the
 * account id "v1" turns {@code {fake}/{account_id}} into the fake's own {@code /v1}.
 */
class AccountIdE2ETest {

  private static HttpResponse<String> chat(GatewayFixture fx, String accountId) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(fx.baseUrl() + "/v1/chat/completions"))
        .header("authorization", "Bearer " + GatewayFixture.CLIENT_KEY).header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(
            "{\"model\":\"cf/workers-test\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"));
    if (accountId != null) b.header("X-Account-ID", accountId);
    return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void account_id_comes_from_the_header_when_the_config_has_none() throws Exception {
    try (GatewayFixture fx = new GatewayFixture("""
          - name: cf
            protocol: openai
            base-url: {fake}/{account_id}
            include-preset-models: false
            keys: [{name: cf1, secret: "cf-token-0123456789"}]
            models:
              - {id: workers-test, capabilities: [streaming]}
        """)) {
      HttpResponse<String> missing = chat(fx, null);
      assertThat(missing.statusCode()).isEqualTo(503);
      assertThat(missing.body()).contains("X-Account-ID");
      assertThat(fx.fake.requests()).isEmpty();

      HttpResponse<String> ok = chat(fx, "v1");
      assertThat(ok.statusCode()).isEqualTo(200);
      assertThat(ok.headers().firstValue("x-switchboard-key")).hasValue("cf1");
      assertThat(fx.fake.lastRequest().path()).isEqualTo("/v1/chat/completions");
      assertThat(fx.fake.lastRequest().apiKey()).isEqualTo("cf-token-0123456789");
    }
  }
}

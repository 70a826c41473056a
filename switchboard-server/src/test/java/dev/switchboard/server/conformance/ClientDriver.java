package dev.switchboard.server.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * One inbound wire: builds the feature's request from the wire's golden request, sends it to the gateway over raw
 * HTTP and parses the answer (JSON or SSE) into an {@link Observation}.
 */
sealed interface ClientDriver permits OpenAiChatClient, AnthropicClient, DashScopeClient, ResponsesClient {
  HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** The wire's name in the matrix and under golden/conformance/client/. */
  String wire();

  /** Whether the wire can carry stop sequences (the Responses API cannot). */
  default boolean sendsStopSequences() { return true; }

  HttpRequest request(String gatewayUrl, String clientKey, Feature feature, boolean stream, String model);

  /** Parses a non-streaming answer (or any error answer). */
  void parseJson(String body, Observation o);

  /** Parses a 200 event stream. */
  void parseSse(String body, Observation o);

  default Observation call(String gatewayUrl, String clientKey, Feature feature, boolean stream, String model) {
    HttpResponse<String> r;
    try {
      r = HTTP.send(request(gatewayUrl, clientKey, feature, stream, model), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    Observation o = new Observation();
    o.status = r.statusCode();
    o.raw = r.body();
    o.streamed = r.headers().firstValue("content-type").orElse("").startsWith("text/event-stream");
    if (o.streamed) parseSse(r.body(), o);
    else if (!r.body().isEmpty()) parseJson(r.body(), o);
    return o;
  }

  static HttpRequest.Builder post(String url, String body) {
    return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
        .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
  }

  static Integer intOrNull(com.fasterxml.jackson.databind.JsonNode node) {
    return node == null || node.isMissingNode() || node.isNull() ? null : node.asInt();
  }
}

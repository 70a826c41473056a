package dev.switchboard.server.exec;

import dev.switchboard.model.Embeddings;
import dev.switchboard.model.UpstreamError;
import dev.switchboard.protocol.openai.OpenAiEmbeddingsCodec;
import dev.switchboard.protocol.openai.OpenAiErrors;
import dev.switchboard.provider.EmbeddingsAdapter;
import dev.switchboard.routing.RoutePlan;
import dev.switchboard.server.exec.AttemptPlanner.Choice;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

/** POST /v1/embeddings through the same key pools, retries and fallbacks as chat. */
public final class EmbeddingsExecution extends AttemptLoop {
  private final Embeddings.Request request;

  public EmbeddingsExecution(GatewayServices services, Vertx vertx, HttpServerResponse response,
                             Embeddings.Request request, RoutePlan plan, Exchange exchange, String accountIdHeader) {
    super(services, vertx, response, plan, exchange, accountIdHeader, OpenAiErrors::encode);
    this.request = request;
  }

  @Override
  protected void attempt(Choice choice) {
    var provider = choice.candidate().provider();
    var adapter = provider.adapter().embeddings();
    if (adapter.isEmpty()) {
      // A wire without embeddings (e.g. Anthropic) is skipped like an unusable candidate.
      skipCandidate(choice, "the " + provider.adapter().protocol().configName() + " wire has no embeddings");
      return;
    }
    EmbeddingsAdapter embeddings = adapter.get();
    var upstreamRequest = embeddings.prepareEmbeddings(request,
        provider.target(choice.candidate().model(), planner.accountIdHeader()), choice.key().key());
    long attemptStart = System.nanoTime();
    send(choice, attemptStart, upstreamRequest, resp -> resp.body().onComplete(body -> {
      inFlight = null;
      if (body.failed()) {
        transportFailed(choice, attemptStart, body.cause());
        return;
      }
      if (resp.statusCode() / 100 != 2) {
        var chat = provider.adapter().chat();
        UpstreamError error = chat.parseError(resp.statusCode(), body.result().getBytes());
        upstreamFailed(choice, attemptStart, chat.classify(error), resp, error);
        return;
      }
      if (clientGone) {
        abandon();
        return;
      }
      Embeddings.Response parsed;
      try {
        parsed = embeddings.parseEmbeddings(body.result().getBytes());
      } catch (RuntimeException e) {
        unusableAnswer(choice, attemptStart, "invalid response body");
        return;
      }
      exchange.usage = parsed.usage() == null ? exchange.usage : parsed.usage();
      succeeded(choice, attemptStart, resp);
      exchange.firstByte();
      response.putHeader("content-type", "application/json");
      Buffer answer = Buffer.buffer(OpenAiEmbeddingsCodec.encodeResponse(parsed, choice.candidate().qualifiedId(),
          "base64".equals(request.encodingFormat())));
      finish(200, null).onComplete(v -> response.end(answer));
    }));
  }
}

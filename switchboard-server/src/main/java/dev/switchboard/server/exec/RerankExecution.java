package dev.switchboard.server.exec;

import dev.switchboard.model.Rerank;
import dev.switchboard.model.UpstreamError;
import dev.switchboard.protocol.jina.JinaCodec;
import dev.switchboard.protocol.openai.OpenAiErrors;
import dev.switchboard.provider.RerankAdapter;
import dev.switchboard.routing.RoutePlan;
import dev.switchboard.server.exec.AttemptPlanner.Choice;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

/** POST /v1/rerank (Cohere/Jina client shape) to Cohere, Jina or Voyage through the shared attempt loop. */
public final class RerankExecution extends AttemptLoop {
  private final Rerank.Request request;

  public RerankExecution(GatewayServices services, Vertx vertx, HttpServerResponse response, Rerank.Request request,
                         RoutePlan plan, Exchange exchange, String accountIdHeader) {
    super(services, vertx, response, plan, exchange, accountIdHeader, OpenAiErrors::encode);
    this.request = request;
  }

  @Override
  protected void attempt(Choice choice) {
    var provider = choice.candidate().provider();
    var adapter = provider.adapter().rerank();
    if (adapter.isEmpty()) {
      skipCandidate(choice, "the " + provider.adapter().protocol().configName() + " wire has no rerank");
      return;
    }
    RerankAdapter rerank = adapter.get();
    var upstreamRequest = rerank.prepareRerank(request,
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
      if (clientGone) return;
      Rerank.Response parsed;
      try {
        parsed = rerank.parseRerank(request, body.result().getBytes());
      } catch (RuntimeException e) {
        unusableAnswer(choice, attemptStart, "invalid response body");
        return;
      }
      succeeded(choice, attemptStart, resp);
      if (parsed.usage() != null) exchange.usage = parsed.usage();
      exchange.firstByte();
      response.putHeader("content-type", "application/json");
      Buffer answer = Buffer.buffer(JinaCodec.encodeClientRerank(parsed, choice.candidate().qualifiedId()));
      finish(200, null).onComplete(v -> response.end(answer));
    }));
  }
}

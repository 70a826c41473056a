package dev.switchboard.server.http;

import dev.switchboard.error.ErrorKey;
import dev.switchboard.error.GatewayError;
import dev.switchboard.error.GatewayException;
import dev.switchboard.model.ChatRequest;
import dev.switchboard.protocol.anthropic.AnthropicClientCodec;
import dev.switchboard.provider.Protocol;
import dev.switchboard.routing.Candidate;
import dev.switchboard.routing.RoutePlan;
import dev.switchboard.server.exec.ChatExecution;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Anthropic Messages front door. Auth is either header style (ClientAuth takes {@code x-api-key} and
 * {@code Authorization: Bearer}); any {@code anthropic-version} is accepted since the gateway, not the client,
 * picks the version it speaks upstream; {@code anthropic-beta} travels with the body to Anthropic upstreams.
 */
final class AnthropicEndpoints {
  private static final AnthropicClientCodec CODEC = AnthropicClientCodec.INSTANCE;

  private AnthropicEndpoints() {}

  /** POST /v1/messages */
  static final class Messages implements InferenceEndpoint {
    @Override public byte[] encodeError(GatewayError error) { return CODEC.encodeError(error); }

    @Override
    public void handle(Call c) {
      ChatRequest chat = CODEC.decodeRequest(c.body());
      String betas = c.header("anthropic-beta");
      if (betas != null) chat = chat.withInbound(chat.inbound().withHeaders(Map.of("anthropic-beta", betas)));
      String routed = c.exchange().requested(chat.model());
      RoutePlan plan = sameWireWhenNeeded(chat, c.services().router().plan(routed, c.header("x-provider")));
      new ChatExecution(c.services(), c.vertx(), c.request().response(), CODEC, chat, plan, c.exchange(),
          c.header("x-account-id")).start();
    }
  }

  /** POST /v1/messages/count_tokens: answered locally, as an estimate (see {@link TokenEstimator}). */
  static final class CountTokens implements InferenceEndpoint {
    @Override public byte[] encodeError(GatewayError error) { return CODEC.encodeError(error); }

    @Override
    public void handle(Call c) {
      ChatRequest chat = CODEC.decodeCountTokensRequest(c.body());
      String routed = c.exchange().requested(chat.model());
      c.services().router().plan(routed, c.header("x-provider")); // unknown models get the usual 404
      byte[] body = CODEC.encodeTokenCount(TokenEstimator.count(chat));
      c.exchange().answered(200);
      c.services().record(c.exchange());
      c.request().response().setStatusCode(200).putHeader("content-type", "application/json").end(Buffer.buffer(body));
    }
  }

  /**
   * A request using something only Anthropic understands (documents, server tools...) may only go to Anthropic
   * upstreams: other candidates are dropped from the plan, and with none left the client gets a 400 naming the
   * field rather than a translation that silently loses it.
   */
  static RoutePlan sameWireWhenNeeded(ChatRequest chat, RoutePlan plan) {
    String field = chat.inbound().untranslatable();
    if (field == null) return plan;
    List<Candidate> kept = new ArrayList<>(plan.candidates().size());
    for (Candidate cand : plan.candidates()) {
      if (cand.provider().adapter().protocol() == Protocol.ANTHROPIC) kept.add(cand);
    }
    if (kept.isEmpty()) {
      Candidate first = plan.candidates().get(0);
      throw new GatewayException(GatewayError.field(ErrorKey.CAPABILITY_UNSUPPORTED, field, field
          + ": only Anthropic upstreams accept this, and model '" + plan.requestedModel() + "' is served by provider '"
          + first.provider().name() + "' (" + first.provider().adapter().protocol().configName() + " wire)"));
    }
    return kept.size() == plan.candidates().size() ? plan : new RoutePlan(plan.requestedModel(), kept);
  }
}

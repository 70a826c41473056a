package dev.switchboard.server.http;

import dev.switchboard.error.ErrorKey;
import dev.switchboard.error.GatewayError;
import dev.switchboard.error.GatewayException;
import dev.switchboard.model.ChatRequest;
import dev.switchboard.protocol.dashscope.DashScopeClientCodec;
import dev.switchboard.provider.Protocol;
import dev.switchboard.routing.Candidate;
import dev.switchboard.routing.RoutePlan;
import dev.switchboard.server.exec.ChatExecution;
import java.util.ArrayList;
import java.util.List;

/**
 * The DashScope text-generation front door ({@code /api/v1/services/aigc/text-generation/generation}; the router
 * strips {@code /api}). DashScope SDKs send the API key as {@code Authorization: Bearer}, which ClientAuth takes,
 * and switch streaming on with the {@code X-DashScope-SSE: enable} header rather than a body field.
 */
final class DashScopeEndpoints {
  static final String GENERATION = "/v1/services/aigc/text-generation/generation";

  private DashScopeEndpoints() {}

  /** POST .../services/aigc/text-generation/generation */
  static final class Generation implements InferenceEndpoint {
    @Override public byte[] encodeError(GatewayError error) { return DashScopeClientCodec.INSTANCE.encodeError(error); }

    @Override
    public void handle(Call c) {
      boolean sse = "enable".equalsIgnoreCase(c.header("x-dashscope-sse"));
      ChatRequest chat = DashScopeClientCodec.INSTANCE.decodeRequest(c.body(), sse);
      String routed = c.exchange().requested(chat.model());
      RoutePlan plan = sameWireWhenNeeded(chat, c.services().router().plan(routed, c.header("x-provider")));
      new ChatExecution(c.services(), c.vertx(), c.request().response(), DashScopeClientCodec.INSTANCE.forRequest(chat),
          chat, plan, c.exchange(), c.header("x-account-id")).start();
    }
  }

  /**
   * A request using something only DashScope understands (web search, partial mode...) may only go to DashScope
   * upstreams; with none in the plan the client gets a 400 naming the field instead of a lossy translation.
   */
  static RoutePlan sameWireWhenNeeded(ChatRequest chat, RoutePlan plan) {
    String field = chat.inbound().untranslatable();
    if (field == null) return plan;
    List<Candidate> kept = new ArrayList<>(plan.candidates().size());
    for (Candidate cand : plan.candidates()) {
      if (cand.provider().adapter().protocol() == Protocol.DASHSCOPE) kept.add(cand);
    }
    if (kept.isEmpty()) {
      Candidate first = plan.candidates().get(0);
      throw new GatewayException(GatewayError.field(ErrorKey.CAPABILITY_UNSUPPORTED, field, field
          + ": only DashScope upstreams accept this, and model '" + plan.requestedModel() + "' is served by provider '"
          + first.provider().name() + "' (" + first.provider().adapter().protocol().configName() + " wire)"));
    }
    return kept.size() == plan.candidates().size() ? plan : new RoutePlan(plan.requestedModel(), kept);
  }
}

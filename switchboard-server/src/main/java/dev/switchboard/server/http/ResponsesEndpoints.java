package dev.switchboard.server.http;

import dev.switchboard.error.ErrorKey;
import dev.switchboard.error.GatewayError;
import dev.switchboard.error.GatewayException;
import dev.switchboard.model.ChatRequest;
import dev.switchboard.protocol.openai.OpenAiErrors;
import dev.switchboard.protocol.responses.ResponsesClientCodec;
import dev.switchboard.provider.Capability;
import dev.switchboard.provider.Protocol;
import dev.switchboard.routing.Candidate;
import dev.switchboard.routing.RoutePlan;
import dev.switchboard.server.exec.ChatExecution;
import java.util.ArrayList;
import java.util.List;

/**
 * The OpenAI Responses front door. Models whose provider serves the Responses API (capability {@code responses})
 * get the client's body as it is; others get it translated to their chat wire. The gateway is stateless, so what
 * needs OpenAI's own state or tools (previous_response_id, built-in tools...) can only go to the former.
 */
final class ResponsesEndpoints {
  private ResponsesEndpoints() {}

  /** POST /v1/responses */
  static final class Create implements InferenceEndpoint {
    @Override public byte[] encodeError(GatewayError error) { return OpenAiErrors.encode(error); }

    @Override
    public void handle(Call c) {
      ChatRequest chat = ResponsesClientCodec.INSTANCE.decodeRequest(c.body());
      String routed = c.exchange().requested(chat.model());
      RoutePlan plan = passThroughWhenNeeded(chat, c.services().router().plan(routed, c.header("x-provider")));
      new ChatExecution(c.services(), c.vertx(), c.request().response(), ResponsesClientCodec.INSTANCE.forRequest(chat),
          chat, plan, c.exchange(), c.header("x-account-id")).start();
    }
  }

  /**
   * A request using something only the Responses API has keeps only candidates that take it as it is; with none
   * left the client gets a 400 naming the field instead of a translation that silently drops it.
   */
  static RoutePlan passThroughWhenNeeded(ChatRequest chat, RoutePlan plan) {
    String field = chat.inbound().untranslatable();
    if (field == null) return plan;
    List<Candidate> kept = new ArrayList<>(plan.candidates().size());
    for (Candidate cand : plan.candidates()) {
      if (cand.provider().adapter().protocol() == Protocol.OPENAI && cand.model().has(Capability.RESPONSES)) kept.add(cand);
    }
    if (kept.isEmpty()) {
      Candidate first = plan.candidates().get(0);
      String param = field.indexOf(' ') > 0 ? field.substring(0, field.indexOf(' ')) : field;
      throw new GatewayException(GatewayError.field(ErrorKey.CAPABILITY_UNSUPPORTED, param, field
          + ": the gateway keeps no state and runs no built-in tools, so this needs an upstream serving the Responses"
          + " API (capability 'responses'); model '" + plan.requestedModel() + "' is served by '"
          + first.qualifiedId() + "'" + statelessHint(field)));
    }
    return kept.size() == plan.candidates().size() ? plan : new RoutePlan(plan.requestedModel(), kept);
  }

  /**
   * References to earlier output come from clients that assume the server stored it (the Vercel AI SDK's openai
   * provider defaults to store: true and then sends item references): the error says how to send the items instead.
   */
  private static String statelessHint(String field) {
    if (!field.contains("item_reference") && !field.contains("previous_response_id")) return "";
    return ". Send the earlier items themselves instead: with `store: false` in the request (Vercel AI SDK:"
        + " providerOptions: {openai: {store: false}}), or through POST /v1/chat/completions";
  }
}

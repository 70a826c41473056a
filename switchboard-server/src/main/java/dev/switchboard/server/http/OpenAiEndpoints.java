package dev.switchboard.server.http;

import dev.switchboard.error.GatewayError;
import dev.switchboard.model.ChatRequest;
import dev.switchboard.model.Embeddings;
import dev.switchboard.protocol.openai.OpenAiChatCodec;
import dev.switchboard.protocol.openai.OpenAiEmbeddingsCodec;
import dev.switchboard.protocol.openai.OpenAiErrors;
import dev.switchboard.routing.Needs;
import dev.switchboard.routing.RouteQuery;
import dev.switchboard.server.exec.ChatExecution;
import dev.switchboard.server.exec.EmbeddingsExecution;

/** The OpenAI-shaped inference endpoints. */
final class OpenAiEndpoints {
  private OpenAiEndpoints() {}

  /** POST /v1/chat/completions */
  static final class Chat implements InferenceEndpoint {
    @Override public byte[] encodeError(GatewayError error) { return OpenAiErrors.encode(error); }

    @Override
    public void handle(Call c) {
      ChatRequest chat = OpenAiChatCodec.INSTANCE.decodeRequest(c.body());
      String routed = c.exchange().requested(chat.model());
      var plan = c.services().router().plan(new RouteQuery(routed, c.header("x-provider"), c.header("x-pool"),
          c.header(c.services().router().settings().sessionHeader()), Needs.of(chat)));
      new ChatExecution(c.services(), c.vertx(), c.request().response(), OpenAiChatCodec.INSTANCE, chat, plan,
          c.exchange(), c.header("x-account-id")).start();
    }
  }

  /** POST /v1/embeddings */
  static final class EmbeddingsEndpoint implements InferenceEndpoint {
    @Override public byte[] encodeError(GatewayError error) { return OpenAiErrors.encode(error); }

    @Override
    public void handle(Call c) {
      Embeddings.Request request = OpenAiEmbeddingsCodec.decodeRequest(c.body());
      String routed = c.exchange().requested(request.model());
      var plan = c.services().router().plan(routed, c.header("x-provider"));
      new EmbeddingsExecution(c.services(), c.vertx(), c.request().response(), request, plan, c.exchange(),
          c.header("x-account-id")).start();
    }
  }
}

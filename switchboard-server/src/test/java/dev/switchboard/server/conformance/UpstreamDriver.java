package dev.switchboard.server.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.testkit.Endpoint;
import dev.switchboard.testkit.ReceivedRequest;
import dev.switchboard.testkit.Reply;
import dev.switchboard.testkit.ToolCall;
import java.util.List;

/**
 * One upstream wire: scripts the fake with that wire's answer for a feature, and checks what the fake received
 * (the translated request carries the feature in that wire's shape).
 */
sealed interface UpstreamDriver permits OpenAiUpstream, AnthropicUpstream, GeminiUpstream, DashScopeUpstream {
  /** The wire's name in the matrix. */
  String wire();

  /** The provider this wire is configured as in the conformance gateway. */
  String provider();

  /** The upstream model id. */
  String model();

  /** {@code provider/model}, what clients ask for. */
  default String routedModel() { return provider() + "/" + model(); }

  /** Every endpoint a chat on this wire may arrive at. */
  List<Endpoint> endpoints();

  /** The tool calls this wire answers with; null ids where the wire has none (Gemini). */
  List<ToolCall> calls();

  /** The answer for a feature; computed from the request, as some answers depend on how it was translated. */
  Reply reply(Feature feature, boolean stream, ReceivedRequest request);

  /** Asserts the received request carries the feature in this wire's shape; AssertionError otherwise. */
  void checkReceived(Feature feature, boolean stream, ReceivedRequest request, ClientDriver client);

  /** The canonical (role, text) turns of a received body, for the text and multi-turn checks. */
  List<Turn> turns(JsonNode body);

  record Turn(String role, String text) {}
}

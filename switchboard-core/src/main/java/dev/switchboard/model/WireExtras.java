package dev.switchboard.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Fields of an upstream answer that the canonical model has no slot for (e.g. OpenAI's {@code system_fingerprint},
 * {@code service_tier}, a message's {@code annotations} or {@code audio}), kept as they came so that a client of the
 * same wire gets them back instead of losing them in translation. Other wires' encoders ignore them. The same
 * goes the other way for a turn of a client's request ({@link Message#extras()}: {@code message} only), written by
 * the upstream encoder of its wire.
 *
 * @param wire     the wire they are shaped for (the codec that may write them)
 * @param response fields of the answer object, in upstream order
 * @param message  fields of the answer's message, in upstream order
 */
public record WireExtras(String wire, Map<String, JsonNode> response, Map<String, JsonNode> message) {
  public WireExtras {
    response = response == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(response));
    message = message == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(message));
  }

  /** Whether these fields are for a client of {@code clientWire}. */
  public boolean isFor(String clientWire) { return wire.equals(clientWire); }
}

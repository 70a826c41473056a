package dev.switchboard.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * The client's own request as it arrived, kept beside the canonical form so an upstream speaking the same wire can
 * receive it unchanged (only the model swapped): nothing the canonical model has no slot for is lost that way
 * (Anthropic {@code cache_control}, unknown fields and block types).
 *
 * @param wire           the inbound wire's name (e.g. {@code anthropic}); adapters compare it with their own
 * @param body           the parsed request body; never mutated (adapters copy before changing the model)
 * @param headers        wire headers worth forwarding on a pass-through (e.g. {@code anthropic-beta}), lower-case names
 * @param untranslatable the first field only this wire can carry (e.g. {@code messages.0.content.1 (document)}),
 *                       or null when the request translates to every wire without loss
 */
public record Inbound(String wire, ObjectNode body, Map<String, String> headers, String untranslatable) {
  public Inbound {
    headers = headers == null ? Map.of() : Map.copyOf(headers);
  }

  public Inbound withHeaders(Map<String, String> newHeaders) {
    return new Inbound(wire, body, newHeaders, untranslatable);
  }

  @Override public String toString() { return "Inbound[" + wire + "]"; }
}

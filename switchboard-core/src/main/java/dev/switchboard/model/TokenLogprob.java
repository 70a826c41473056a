package dev.switchboard.model;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The log probability of one generated token, as OpenAI-compatible upstreams report it when asked
 * ({@code logprobs: true}, {@code top_logprobs: n}).
 *
 * @param token   the token's text
 * @param logprob its log probability
 * @param bytes   its UTF-8 bytes; null when the upstream gave none
 * @param top     the most likely tokens at this position (each with an empty {@code top}); empty when not asked for
 */
public record TokenLogprob(String token, double logprob, List<Integer> bytes, List<TokenLogprob> top) {
  public TokenLogprob {
    bytes = bytes == null ? null : List.copyOf(bytes);
    top = top == null ? List.of() : List.copyOf(top);
  }

  /** A token's UTF-8 bytes (0-255 each), for wires whose upstreams give none or whose clients require them. */
  public static List<Integer> utf8(String token) {
    byte[] utf8 = token.getBytes(StandardCharsets.UTF_8);
    List<Integer> bytes = new ArrayList<>(utf8.length);
    for (byte b : utf8) bytes.add(b & 0xFF);
    return bytes;
  }
}

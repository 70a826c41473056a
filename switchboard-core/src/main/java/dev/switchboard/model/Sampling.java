package dev.switchboard.model;

/** Sampling parameters; null means "not given" so codecs omit them rather than send a default. */
public record Sampling(Double temperature, Double topP, Integer topK, Double presencePenalty,
                       Double frequencyPenalty, Long seed) {
  public static final Sampling NONE = new Sampling(null, null, null, null, null, null);
}

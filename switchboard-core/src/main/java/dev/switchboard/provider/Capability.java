package dev.switchboard.provider;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * What a model can do; routing only sends a request to a model that has what the request needs.
 * {@link #RESPONSES}: the provider serves OpenAI's Responses API ({@code POST /responses}) for this model, so
 * Responses clients are passed through instead of translated to chat.
 */
public enum Capability {
  TOOLS, JSON, VISION, STREAMING, EMBEDDINGS, REASONING, RESPONSES, RERANK, MODERATION, IMAGE_GENERATION, TRANSCRIPTION,
  SPEECH;

  public String configName() { return name().toLowerCase(Locale.ROOT); }

  /**
   * An immutable copy whose class never depends on its size (backed by an {@link EnumSet}, iterated in declaration
   * order). {@code Set.copyOf} returns one class for one or two elements and another for more: the JIT compiles
   * {@code has(...)} for the classes it saw, so models with a different number of capabilities than the warm-up's
   * deoptimized routing under the first real requests (docs/benchmarks.md).
   */
  public static Set<Capability> setOf(Collection<Capability> capabilities) {
    if (capabilities instanceof CapabilitySet same) return same; // per request (UpstreamTarget): no copy
    EnumSet<Capability> set = EnumSet.noneOf(Capability.class);
    if (capabilities != null) for (Capability c : capabilities) set.add(Objects.requireNonNull(c, "capability"));
    return new CapabilitySet(set);
  }
}

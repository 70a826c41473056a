package dev.switchboard.model;

import java.util.List;

/** Canonical embeddings request/response: inputs are texts; vectors come back in input order. */
public final class Embeddings {
  private Embeddings() {}

  public record Request(String model, List<String> input, Integer dimensions, String encodingFormat, String user) {
    public Request { input = List.copyOf(input); }
  }

  public record Response(String model, List<float[]> vectors, Usage usage) {}
}

package dev.switchboard.model;

import java.util.List;

/** Canonical rerank request/response (the Cohere/Jina shape): results come best first, indexes point into documents. */
public final class Rerank {
  private Rerank() {}

  /** @param topN null: every document; returnDocuments: echo each document's text in its result */
  public record Request(String model, String query, List<String> documents, Integer topN, boolean returnDocuments) {
    public Request { documents = List.copyOf(documents); }
  }

  /** @param document the document's text, or null when not returned */
  public record Result(int index, double relevanceScore, String document) {}

  public record Response(String model, List<Result> results, Usage usage) {
    public Response { results = List.copyOf(results); }
  }
}

package dev.switchboard.provider.cohere;

import dev.switchboard.protocol.cohere.CohereCodec;
import dev.switchboard.provider.Protocol;
import dev.switchboard.provider.RetrievalAdapter;

/** Cohere v2 (base URL https://api.cohere.com/v2): embed and rerank, Bearer auth. No chat. */
public final class CohereAdapter {
  public static final RetrievalAdapter INSTANCE = new RetrievalAdapter(new RetrievalAdapter.Wire(Protocol.COHERE,
      "/embed", CohereCodec::encodeEmbed, CohereCodec::decodeEmbed,
      "/rerank", CohereCodec::encodeRerank, CohereCodec::decodeRerank));

  private CohereAdapter() {}
}

package dev.switchboard.provider.cohere;

import dev.switchboard.protocol.cohere.CohereCodec;
import dev.switchboard.provider.Protocol;
import dev.switchboard.provider.RetrievalAdapter;

/** Cohere v2 (base URL https://api.cohere.com/v2): embed and rerank, Bearer auth. No chat. */
public final class CohereAdapter {
  /** The last figure: Cohere v2 embed takes at most 96 texts per call; more are sent in consecutive calls. */
  public static final RetrievalAdapter INSTANCE = new RetrievalAdapter(new RetrievalAdapter.Wire(Protocol.COHERE,
      "/embed", CohereCodec::encodeEmbed, CohereCodec::decodeEmbed,
      "/rerank", CohereCodec::encodeRerank, CohereCodec::decodeRerank, 96));

  private CohereAdapter() {}
}

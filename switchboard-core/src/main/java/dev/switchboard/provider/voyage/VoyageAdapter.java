package dev.switchboard.provider.voyage;

import dev.switchboard.protocol.voyage.VoyageCodec;
import dev.switchboard.provider.Protocol;
import dev.switchboard.provider.RetrievalAdapter;

/** Voyage AI (base URL https://api.voyageai.com/v1): embeddings and rerank, Bearer auth. No chat. */
public final class VoyageAdapter {
  /** The last figure: Voyage takes at most 1,000 texts per call; more are sent in consecutive calls. */
  public static final RetrievalAdapter INSTANCE = new RetrievalAdapter(new RetrievalAdapter.Wire(Protocol.VOYAGE,
      "/embeddings", VoyageCodec::encodeEmbeddings, VoyageCodec::decodeEmbeddings,
      "/rerank", VoyageCodec::encodeRerank, VoyageCodec::decodeRerank, 1000));

  private VoyageAdapter() {}
}

package dev.switchboard.provider.jina;

import dev.switchboard.protocol.jina.JinaCodec;
import dev.switchboard.provider.Protocol;
import dev.switchboard.provider.RetrievalAdapter;

/** Jina AI (base URL https://api.jina.ai/v1): embeddings and rerank, Bearer auth. No chat. */
public final class JinaAdapter {
  public static final RetrievalAdapter INSTANCE = new RetrievalAdapter(new RetrievalAdapter.Wire(Protocol.JINA,
      "/embeddings", JinaCodec::encodeEmbeddings, JinaCodec::decodeEmbeddings,
      "/rerank", JinaCodec::encodeRerank, JinaCodec::decodeRerank));

  private JinaAdapter() {}
}

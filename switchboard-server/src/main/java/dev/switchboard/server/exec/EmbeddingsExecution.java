package dev.switchboard.server.exec;

import dev.switchboard.billing.UsageEstimate;
import dev.switchboard.model.Embeddings;
import dev.switchboard.model.Usage;
import dev.switchboard.protocol.openai.OpenAiEmbeddingsCodec;
import dev.switchboard.protocol.openai.OpenAiErrors;
import dev.switchboard.provider.EmbeddingsAdapter;
import dev.switchboard.provider.UpstreamTarget;
import dev.switchboard.routing.RoutePlan;
import dev.switchboard.server.exec.AttemptPlanner.Choice;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * POST /v1/embeddings through the same key pools, retries and fallbacks as chat. More inputs than the upstream takes
 * in one call ({@link EmbeddingsAdapter#maxBatchSize}) go in consecutive calls with the attempt's key; the attempt
 * succeeds when all did, and any failure fails the attempt as a whole (the next one starts over).
 */
public final class EmbeddingsExecution extends AttemptLoop {
  private final Embeddings.Request request;

  public EmbeddingsExecution(GatewayServices services, Vertx vertx, HttpServerResponse response,
                             Embeddings.Request request, RoutePlan plan, Exchange exchange, String accountIdHeader) {
    super(services, vertx, response, plan, exchange, accountIdHeader, OpenAiErrors::encode);
    this.request = request;
  }

  /** Gemini's batch calls report no usage: the inputs are counted instead of metering the call as free. */
  @Override
  protected Callable<Usage> missingUsage() {
    Usage reported = exchange.usage;
    return reported.inputTokens() != null ? null : () -> UsageEstimate.ofInputs(reported, request.input());
  }

  @Override
  protected void attempt(Choice choice) {
    var provider = choice.candidate().provider();
    var adapter = provider.adapter().embeddings();
    if (adapter.isEmpty()) {
      // A wire without embeddings (e.g. Anthropic) is skipped like an unusable candidate.
      skipCandidate(choice, "the " + provider.adapter().protocol().configName() + " wire has no embeddings");
      return;
    }
    EmbeddingsAdapter embeddings = adapter.get();
    UpstreamTarget target = provider.target(choice.candidate().model(), planner.accountIdHeader());
    List<Embeddings.Request> batches = batches(request, embeddings.maxBatchSize());
    new Batches(choice, embeddings, target, batches, System.nanoTime()).send(0, null);
  }

  /** The request as it is when it fits one call, else cut into consecutive requests of at most {@code max} inputs. */
  static List<Embeddings.Request> batches(Embeddings.Request r, int max) {
    if (r.input().size() <= max) return List.of(r);
    List<Embeddings.Request> out = new ArrayList<>(r.input().size() / max + 1);
    for (int from = 0; from < r.input().size(); from += max) {
      List<String> part = r.input().subList(from, Math.min(r.input().size(), from + max));
      out.add(new Embeddings.Request(r.model(), part, r.dimensions(), r.encodingFormat(), r.user()));
    }
    return out;
  }

  /** One attempt's calls, sent one after the other; vectors are kept in input order. */
  private final class Batches {
    private final Choice choice;
    private final EmbeddingsAdapter embeddings;
    private final UpstreamTarget target;
    private final List<Embeddings.Request> batches;
    private final long attemptStart;
    private final List<float[]> vectors = new ArrayList<>(request.input().size());

    Batches(Choice choice, EmbeddingsAdapter embeddings, UpstreamTarget target, List<Embeddings.Request> batches,
            long attemptStart) {
      this.choice = choice;
      this.embeddings = embeddings;
      this.target = target;
      this.batches = batches;
      this.attemptStart = attemptStart;
    }

    void send(int i, Usage usageSoFar) {
      Embeddings.Request batch = batches.get(i);
      var upstreamRequest = embeddings.prepareEmbeddings(batch, target, choice.key().key());
      sendBuffered(choice, attemptStart, upstreamRequest, (resp, body) -> {
        Embeddings.Response parsed;
        try {
          parsed = embeddings.parseEmbeddings(body);
        } catch (RuntimeException e) {
          unusableAnswer(choice, attemptStart, "invalid response body");
          return;
        }
        if (batches.size() > 1 && parsed.vectors().size() != batch.input().size()) {
          // The next call's vectors would be paired with the wrong inputs.
          unusableAnswer(choice, attemptStart, parsed.vectors().size() + " vectors for " + batch.input().size()
              + " inputs");
          return;
        }
        vectors.addAll(parsed.vectors());
        Usage usage = plus(usageSoFar, parsed.usage());
        if (i + 1 < batches.size()) {
          send(i + 1, usage);
          return;
        }
        if (usage != null) exchange.usage = usage;
        succeeded(choice, attemptStart, resp);
        answerJson(OpenAiEmbeddingsCodec.encodeResponse(new Embeddings.Response(parsed.model(), vectors, usage),
            choice.candidate().qualifiedId(), "base64".equals(request.encodingFormat())));
      });
    }
  }

  /** Usage of the calls so far and of one more: counts add up; the raw object described one call and is dropped. */
  static Usage plus(Usage a, Usage b) {
    if (a == null) return b;
    if (b == null) return a;
    return new Usage(sum(a.inputTokens(), b.inputTokens()), sum(a.outputTokens(), b.outputTokens()),
        sum(a.cachedInputTokens(), b.cachedInputTokens()), sum(a.cacheWriteTokens(), b.cacheWriteTokens()),
        sum(a.reasoningTokens(), b.reasoningTokens()), null);
  }

  private static Long sum(Long a, Long b) {
    if (a == null) return b;
    if (b == null) return a;
    return a + b;
  }
}

package dev.switchboard.server.exec;

import dev.switchboard.accounts.Principal;
import dev.switchboard.model.MediaUsage;
import dev.switchboard.model.Usage;
import dev.switchboard.store.RequestRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** What one client request went through, filled as it runs and turned into a request-log row at the end. */
public final class Exchange {
  final String requestId;
  String clientKey;
  final String endpoint;
  final long startNanos = System.nanoTime();
  /** When the request started: the instant its id was made from (RequestIds), so the log finds it by id. */
  final Instant time;
  final List<Attempt> attempts = new ArrayList<>(2);
  String requestedModel;
  String servedModel;
  String provider;
  String upstreamKey;
  boolean stream;
  long ttfbNanos = -1;
  Usage usage = Usage.NONE;
  /** Images and seconds of audio metered (pass-through media endpoints); priced beside the tokens. */
  MediaUsage media = MediaUsage.NONE;
  int status;
  String errorKey;
  boolean inFlight;
  dev.switchboard.routing.RoutePlan plan;
  AttemptPlanner planner;
  Principal principal;
  ModelGate gate;
  String publicModel;
  dev.switchboard.server.billing.Reservation reservation;

  public Exchange(String requestId, Instant time, String clientKey, String endpoint) {
    this.requestId = requestId;
    this.time = time;
    this.clientKey = clientKey;
    this.endpoint = endpoint;
  }

  public String requestId() { return requestId; }

  public void firstByte() { if (ttfbNanos < 0) ttfbNanos = System.nanoTime() - startNanos; }

  public void failed(int status, String errorKey) {
    this.status = status;
    this.errorKey = errorKey;
  }

  /** Answered by the gateway itself (no upstream call), e.g. a token count. */
  public void answered(int status) { this.status = status; }

  /**
   * Records the model the client asked for and returns the model to route: for a tenant key the public name's
   * route target (throws 403/404 in the caller's wire when the name is outside the key's scope or the catalog).
   */
  public String requested(String model) {
    this.requestedModel = model;
    if (gate == null) return model;
    ModelGate.Resolved r = gate.resolve(principal, model);
    this.publicModel = r.publicModel();
    return r.route();
  }

  public void clientKey(String name) { this.clientKey = name; }

  /** The authentication result; {@code gate} maps public model names (null: names are routed as given). */
  public void authenticated(Principal principal, ModelGate gate) {
    this.principal = principal;
    this.clientKey = principal.keyName();
    this.gate = gate;
  }

  /** Who made the request; null before authentication (or when it failed). */
  public Principal principal() { return principal; }

  /** The public catalog name the request resolved to; null when not a catalog name. */
  public String publicModel() { return publicModel; }

  public String endpoint() { return endpoint; }

  /** Balance held for this request until it ends (billing); null when none. */
  public dev.switchboard.server.billing.Reservation reservation() { return reservation; }

  public void reserved(dev.switchboard.server.billing.Reservation r) { this.reservation = r; }

  public Usage usage() { return usage; }

  public MediaUsage media() { return media; }

  public int status() { return status; }

  public Instant time() { return time; }

  public String requestedModel() { return requestedModel; }

  /** True once an upstream answered successfully (its answer, maybe partial, reached the client). */
  public boolean served() { return provider != null; }

  String attemptsJson() {
    if (attempts.isEmpty()) return "[]";
    StringBuilder sb = new StringBuilder(64 * attempts.size()).append('[');
    for (int i = 0; i < attempts.size(); i++) {
      if (i > 0) sb.append(',');
      attempts.get(i).appendJson(sb);
    }
    return sb.append(']').toString();
  }

  /**
   * The routing decision for the request log: pool, how many candidates were considered, and each skipped one
   * with its reason. Null when the request never reached routing.
   */
  String routingJson() {
    if (plan == null) return null;
    StringBuilder sb = new StringBuilder(128).append('{');
    if (plan.pool() != null) {
      sb.append("\"pool\":");
      Attempt.quote(sb, plan.pool());
      sb.append(',');
    }
    sb.append("\"considered\":").append(plan.candidates().size() + plan.skipped().size());
    sb.append(",\"candidates\":[");
    for (int i = 0; i < plan.candidates().size(); i++) {
      if (i > 0) sb.append(',');
      Attempt.quote(sb, plan.candidates().get(i).qualifiedId());
    }
    sb.append("],\"skipped\":[");
    boolean first = true;
    for (var s : plan.skipped()) {
      if (!first) sb.append(',');
      first = false;
      sb.append("{\"candidate\":");
      Attempt.quote(sb, s.candidate());
      sb.append(",\"reason\":");
      Attempt.quote(sb, s.reason());
      sb.append('}');
    }
    if (planner != null) {
      for (String s : planner.attemptSkips()) {
        if (!first) sb.append(',');
        first = false;
        int colon = s.indexOf(": ");
        sb.append("{\"candidate\":");
        Attempt.quote(sb, colon > 0 ? s.substring(0, colon) : s);
        sb.append(",\"reason\":");
        Attempt.quote(sb, colon > 0 ? s.substring(colon + 2) : "");
        sb.append('}');
      }
    }
    return sb.append("]}").toString();
  }

  public RequestRecord toRecord() {
    long latency = (System.nanoTime() - startNanos) / 1000;
    return new RequestRecord(time, requestId, clientKey, endpoint, requestedModel, servedModel, provider, upstreamKey,
        attempts.size(), status, errorKey, stream, latency, ttfbNanos < 0 ? null : ttfbNanos / 1000,
        usage.inputTokens(), usage.outputTokens(), usage.cachedInputTokens(), usage.reasoningTokens(), attemptsJson(),
        routingJson(), principal == null ? null : principal.tenantId(), principal == null ? null : principal.keyId());
  }
}

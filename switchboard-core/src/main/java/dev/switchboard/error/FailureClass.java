package dev.switchboard.error;

/**
 * What an upstream failure says about the key and the provider, which decides what routing does next
 * (after Bifrost's failure classes). Independent of the HTTP status the client finally sees.
 */
public enum FailureClass {
  /** 401/403: the key is bad; disable it and use another key. */
  CREDENTIAL(true, true),
  /** Quota/billing exhausted: waiting does not help soon; cool the key down for long. */
  QUOTA(true, false),
  /** 429: cool this key down (Retry-After), try another key. */
  RATE_LIMIT(true, false),
  /** 4xx caused by the request itself: another key or provider would fail the same way; stop. */
  CALLER_FAULT(false, false),
  /** 5xx, connect error, timeout, broken stream before first byte: retry elsewhere. */
  TRANSIENT(false, false);

  private final boolean perKey;
  private final boolean permanentPerKey;

  FailureClass(boolean perKey, boolean permanentPerKey) {
    this.perKey = perKey;
    this.permanentPerKey = permanentPerKey;
  }

  public boolean isPerKey() { return perKey; }

  public boolean isPermanentPerKey() { return permanentPerKey; }

  public boolean retryable() { return this != CALLER_FAULT; }

  /** The default classification by status; adapters refine it with provider error codes. */
  public static FailureClass ofStatus(int status, String type, String code) {
    String t = (type == null ? "" : type) + " " + (code == null ? "" : code);
    if (t.contains("insufficient_quota") || t.contains("billing") || t.contains("quota_exceeded")) return QUOTA;
    if (status == 401 || status == 403) return CREDENTIAL;
    if (status == 429) return RATE_LIMIT;
    if (status == 408 || status == 409 || status >= 500 || status == 0) return TRANSIENT;
    return CALLER_FAULT;
  }
}

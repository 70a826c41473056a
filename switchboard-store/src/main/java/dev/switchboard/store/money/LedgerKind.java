package dev.switchboard.store.money;

/** Why a balance changed. Credits are positive, usage charges negative; refunds and adjustments either way. */
public enum LedgerKind {
  RECHARGE, VOUCHER, USAGE, REFUND, ADJUSTMENT;

  public String wire() { return name().toLowerCase(java.util.Locale.ROOT); }

  public static LedgerKind parse(String s) {
    for (LedgerKind k : values()) if (k.wire().equals(s)) return k;
    throw new IllegalArgumentException("unknown ledger kind '" + s + "'");
  }
}

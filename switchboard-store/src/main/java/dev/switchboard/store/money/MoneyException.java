package dev.switchboard.store.money;

/**
 * A refused money operation with a stable code the API maps to a status: {@code not_found}, {@code conflict}
 * (already done, wrong state), {@code insufficient_quota}, {@code invalid} (bad input, naming the field).
 */
public final class MoneyException extends RuntimeException {
  private final String code;
  private final String field;

  public MoneyException(String code, String field, String message) {
    super(message, null, false, false);
    this.code = code;
    this.field = field;
  }

  public String code() { return code; }

  public String field() { return field; }

  static MoneyException notFound(String what) { return new MoneyException("not_found", null, what + " not found"); }

  static MoneyException conflict(String message) { return new MoneyException("conflict", null, message); }

  static MoneyException invalid(String field, String message) { return new MoneyException("invalid", field, message); }
}

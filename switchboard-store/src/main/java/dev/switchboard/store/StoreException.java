package dev.switchboard.store;

/** A storage operation failed; the message says which, never with credentials. */
public final class StoreException extends RuntimeException {
  public StoreException(String message, Throwable cause) { super(message, cause); }
}

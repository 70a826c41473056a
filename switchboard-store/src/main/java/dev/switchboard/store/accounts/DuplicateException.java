package dev.switchboard.store.accounts;

/** An insert or update hit a unique constraint (an email, key hash or name that already exists). */
public final class DuplicateException extends RuntimeException {
  DuplicateException(Throwable cause) { super("Already exists", cause); }
}

package dev.switchboard.server.exec;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Last line of defence for secrets: upstream error messages sometimes echo (part of) the key they were sent.
 * Every text that leaves the process from an upstream goes through here.
 *
 * <p>Config keys are known at start; keys stored through the admin API are {@link #add}ed before routing can use
 * them. The list is swapped as a whole (volatile), so redaction never locks. A deleted key stays redacted.
 */
public final class Redactor {
  /** Very short secrets would redact ordinary words; real keys are long. */
  private static final int MIN_LENGTH = 8;
  private volatile String[] secrets = new String[0];

  public Redactor(List<String> secrets) { add(secrets); }

  /** Also redacts these from now on. */
  public synchronized void add(Collection<String> more) {
    Set<String> all = new LinkedHashSet<>(List.of(secrets));
    boolean changed = false;
    for (String s : more) if (s != null && s.length() >= MIN_LENGTH && all.add(s)) changed = true;
    if (changed) secrets = all.toArray(String[]::new);
  }

  public String redact(String text) {
    if (text == null) return null;
    String out = text;
    for (String s : secrets) if (out.contains(s)) out = out.replace(s, "[redacted]");
    return out;
  }
}

package dev.switchboard.server.exec;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
  /**
   * OpenAI answers a wrong key with its own masked echo, "Incorrect API key provided: sk-abc****1234": a prefix
   * and the last four characters of the secret, which matching whole secrets misses. The token after the phrase
   * goes, a sentence's closing period stays.
   */
  private static final Pattern MASKED_ECHO = Pattern.compile("(?i)(API key provided:\\s*)[^\\s\"',;]*[^\\s\"',;.]");
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
    Matcher echo = MASKED_ECHO.matcher(out);
    return echo.find() ? echo.replaceAll("$1[redacted]") : out;
  }
}

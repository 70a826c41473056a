package dev.switchboard.server.exec;

import java.util.List;

/**
 * Last line of defence for secrets: upstream error messages sometimes echo (part of) the key they were sent.
 * Every text that leaves the process from an upstream goes through here.
 */
public final class Redactor {
  private final String[] secrets;

  public Redactor(List<String> secrets) {
    // Very short secrets would redact ordinary words; real keys are long.
    this.secrets = secrets.stream().filter(s -> s != null && s.length() >= 8).distinct().toArray(String[]::new);
  }

  public String redact(String text) {
    if (text == null) return null;
    String out = text;
    for (String s : secrets) if (out.contains(s)) out = out.replace(s, "[redacted]");
    return out;
  }
}

package dev.switchboard.testkit;

/**
 * Token counts for a fake answer, in OpenAI's convention: {@code input} counts every prompt token (cached and
 * cache-written ones included) and {@code output} every generated token (reasoning included). Each wire helper maps
 * them to its provider's own fields (e.g. Anthropic's input_tokens excludes cache reads/writes).
 */
public record Tokens(int input, int output, int cached, int cacheWrite, int reasoning) {
  public Tokens {
    if (input < 0 || output < 0 || cached < 0 || cacheWrite < 0 || reasoning < 0) {
      throw new IllegalArgumentException("token counts must be >= 0");
    }
    if (cached + cacheWrite > input) throw new IllegalArgumentException("cached + cacheWrite must be <= input");
    if (reasoning > output) throw new IllegalArgumentException("reasoning must be <= output");
  }

  public static Tokens of(int input, int output) { return new Tokens(input, output, 0, 0, 0); }

  public int total() { return input + output; }
}

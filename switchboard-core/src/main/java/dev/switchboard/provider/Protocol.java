package dev.switchboard.provider;

import java.util.Locale;

/** The wire protocol an upstream speaks. Config names are the lower-case constant names. */
public enum Protocol {
  OPENAI, ANTHROPIC, GEMINI, DASHSCOPE;

  public String configName() { return name().toLowerCase(Locale.ROOT); }
}

package dev.switchboard.config;

import dev.switchboard.config.Specs.ConfigSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Reads the gateway's one YAML file: {@code ${VAR}} / {@code ${VAR:-default}} substitution on the raw text, strict
 * parsing (unknown fields are errors), defaults, provider presets, env-enabled providers, then validation. Every
 * problem is reported as {@code <file>:<line>: <field path>: <problem>} in one {@link ConfigException}.
 *
 * <p>The environment is passed in (normally {@code System.getenv()}) so that tests never depend on the real one.
 */
public final class ConfigLoader {
  private ConfigLoader() {}

  /** Loads and validates {@code file}. */
  public static GatewayConfig load(Path file, Map<String, String> env) {
    String source = file.toString();
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw ConfigException.of(source, 0, "", "cannot read config file (" + e.getClass().getSimpleName() + ")");
    }
    return parse(source, text, env);
  }

  /** The configuration used without a file: every default, plus the presets whose environment key is set. */
  public static GatewayConfig defaults(Map<String, String> env) {
    return compile("<defaults>", ConfigSpec.EMPTY, "", env);
  }

  /** Loads YAML text; {@code source} names it in messages. */
  public static GatewayConfig parse(String source, String text, Map<String, String> env) {
    if (!text.isEmpty() && text.charAt(0) == '\uFEFF') text = text.substring(1);
    String substituted = Substitution.apply(source, text, env);
    ConfigSpec spec = Yaml.read(source, substituted, ConfigSpec.class);
    return compile(source, spec == null ? ConfigSpec.EMPTY : spec, substituted, env);
  }

  private static GatewayConfig compile(String source, ConfigSpec spec, String text, Map<String, String> env) {
    var problems = new Problems(source, () -> LineIndex.build(text));
    GatewayConfig config = new Compiler(env, problems).compile(spec);
    problems.throwIfAny();
    return config;
  }
}

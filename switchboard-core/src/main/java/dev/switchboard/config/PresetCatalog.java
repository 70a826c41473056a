package dev.switchboard.config;

import dev.switchboard.config.Specs.CatalogSpec;
import dev.switchboard.config.Specs.ModelSpec;
import dev.switchboard.config.Specs.PresetSpec;
import dev.switchboard.provider.Protocol;
import dev.switchboard.provider.preset.Preset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the bundled preset catalogue with the same strict reader and model rules as the config file, so a mistake in
 * the catalogue fails the same way (and in the tests) instead of producing a half-valid preset.
 */
public final class PresetCatalog {
  private PresetCatalog() {}

  /** Parses a catalogue ({@code presets: [...]}); throws {@link ConfigException} naming {@code source}:line. */
  public static List<Preset> parse(String source, String text) {
    CatalogSpec spec = Yaml.read(source, text, CatalogSpec.class);
    var problems = new Problems(source, () -> LineIndex.build(text));
    List<Preset> out = new ArrayList<>();
    Set<String> names = new HashSet<>();
    List<PresetSpec> specs = spec == null || spec.presets() == null ? List.of() : spec.presets();
    for (int i = 0; i < specs.size(); i++) {
      String path = "presets[" + i + "]";
      PresetSpec s = specs.get(i);
      if (s.name() == null || !Values.validName(s.name())) {
        problems.add(path + ".name", "missing or bad preset name");
        continue;
      }
      if (!names.add(s.name())) problems.add(path + ".name", "duplicate preset '" + s.name() + "'");
      Protocol protocol = s.protocol() == null ? null : Values.protocol(problems, path + ".protocol", s.protocol());
      if (s.protocol() == null) problems.add(path + ".protocol", "missing protocol");
      String url = Values.baseUrl(problems, path + ".base-url", s.baseUrl());
      List<ModelSpec> modelSpecs = s.models() == null ? List.of() : s.models();
      if (modelSpecs.isEmpty()) problems.add(path + ".models", "a preset needs at least one model");
      List<Models.Compiled> models = Models.compileAll(problems, path + ".models", modelSpecs);
      for (Models.Compiled c : models) {
        if (!c.model().fallbacks().isEmpty()) problems.add(c.path() + ".fallbacks", "presets must not declare fallbacks");
      }
      Models.checkNames(problems, path, models.stream().map(Models.Compiled::model).toList(), models);
      if (protocol == null || url == null) continue;
      out.add(new Preset(s.name(), protocol, url, s.envKeys() == null ? List.of() : s.envKeys(), s.accountEnv(),
          models.stream().map(Models.Compiled::model).toList(), !Boolean.FALSE.equals(s.requiresKey())));
    }
    problems.throwIfAny();
    return List.copyOf(out);
  }
}

package dev.switchboard.provider.preset;

import dev.switchboard.config.PresetCatalog;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The bundled provider presets, read once from {@code presets.yaml} next to this class. */
public final class Presets {
  private Presets() {}

  static final String RESOURCE = "presets.yaml";

  private static final class Holder {
    static final List<Preset> ALL = load();
    static final Map<String, Preset> BY_NAME = index(ALL);
  }

  public static Optional<Preset> find(String name) { return Optional.ofNullable(Holder.BY_NAME.get(name)); }

  /** Every preset, in catalogue order (which is also the order env-enabled providers are added in). */
  public static List<Preset> all() { return Holder.ALL; }

  private static List<Preset> load() {
    try (InputStream in = Presets.class.getResourceAsStream(RESOURCE)) {
      if (in == null) throw new IllegalStateException("missing resource " + RESOURCE);
      return PresetCatalog.parse(RESOURCE, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, Preset> index(List<Preset> all) {
    Map<String, Preset> m = new LinkedHashMap<>();
    for (Preset p : all) m.put(p.name(), p);
    return Map.copyOf(m);
  }
}

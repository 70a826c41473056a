package dev.switchboard.accounts;

import java.util.List;
import java.util.Set;

/**
 * Which public models a tenant key may call: every model the tenant may use, a selected set, or one fixed model.
 * Checked on the request path, so {@link #allows} is a set lookup.
 */
public sealed interface KeyScope {
  boolean allows(String publicModel);

  /** The kind as stored: all | selected | fixed. */
  String kind();

  /** The named models (empty for {@link All}). */
  List<String> models();

  record All() implements KeyScope {
    public boolean allows(String publicModel) { return true; }
    public String kind() { return "all"; }
    public List<String> models() { return List.of(); }
  }

  record Selected(Set<String> names) implements KeyScope {
    public Selected { names = Set.copyOf(names); }
    public boolean allows(String publicModel) { return names.contains(publicModel); }
    public String kind() { return "selected"; }
    public List<String> models() { return names.stream().sorted().toList(); }
  }

  record Fixed(String model) implements KeyScope {
    public boolean allows(String publicModel) { return model.equals(publicModel); }
    public String kind() { return "fixed"; }
    public List<String> models() { return List.of(model); }
  }

  KeyScope ALL = new All();

  /** From the stored kind and model list; null when they do not form a valid scope. */
  static KeyScope of(String kind, List<String> models) {
    if (kind == null) return null;
    return switch (kind) {
      case "all" -> ALL;
      case "selected" -> models == null || models.isEmpty() ? null : new Selected(Set.copyOf(models));
      case "fixed" -> models == null || models.size() != 1 ? null : new Fixed(models.get(0));
      default -> null;
    };
  }
}

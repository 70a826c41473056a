package dev.switchboard.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** The one strict YAML reader for config and preset files; turns Jackson errors into {@code file:line: path: problem}. */
final class Yaml {
  private Yaml() {}

  static final ObjectMapper MAPPER = YAMLMapper.builder()
      .propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build();

  /** Parses {@code text} into {@code type}; an empty document (or only comments) gives null. */
  static <T> T read(String source, String text, Class<T> type) {
    try (JsonParser p = MAPPER.createParser(text)) {
      if (p.nextToken() == null) return null;
      return MAPPER.readValue(p, type);
    } catch (UnrecognizedPropertyException e) {
      String known = e.getKnownPropertyIds() == null ? "" : " (known: " + sorted(e.getKnownPropertyIds()) + ")";
      String path = path(e);
      throw ConfigException.of(source, line(text, path, e), path, "unknown field '" + e.getPropertyName() + "'" + known);
    } catch (MismatchedInputException e) {
      String path = path(e);
      throw ConfigException.of(source, line(text, path, e), path, "expected " + describe(e));
    } catch (JsonMappingException e) {
      if (e.getCause() instanceof InputCoercionException cause) throw outOfRange(source, text, path(e), cause);
      if (e.getCause() instanceof JsonProcessingException cause) throw syntax(source, cause);
      String path = path(e);
      throw ConfigException.of(source, line(text, path, e), path, "invalid value");
    } catch (InputCoercionException e) {
      throw outOfRange(source, text, "", e);
    } catch (JsonProcessingException e) {
      throw syntax(source, e);
    } catch (IOException e) {
      throw ConfigException.of(source, 0, "", "cannot read (" + e.getClass().getSimpleName() + ")");
    }
  }

  /**
   * Syntax errors (and duplicate keys): SnakeYAML's "problem" and Jackson's duplicate-field message name the issue
   * without quoting the surrounding text, which may hold a secret.
   */
  private static ConfigException syntax(String source, JsonProcessingException e) {
    String problem = e.getCause() instanceof org.yaml.snakeyaml.error.MarkedYAMLException m && m.getProblem() != null
        ? m.getProblem() : e.getOriginalMessage();
    int nl = problem == null ? -1 : problem.indexOf('\n');
    if (nl >= 0) problem = problem.substring(0, nl);
    return ConfigException.of(source, line(e), "", "invalid YAML: " + problem);
  }

  /**
   * A number too large for its field. Jackson attaches no field path to it, but the parser still knows where it was
   * (or else the number's line does: the deepest field written on it).
   */
  private static ConfigException outOfRange(String source, String text, String path, InputCoercionException e) {
    if (path.isEmpty() && e.getProcessor() instanceof JsonParser p) path = path(p.getParsingContext());
    if (path.isEmpty() && line(e) > 0) path = Objects.requireNonNullElse(LineIndex.build(text).pathAt(line(e)), "");
    Class<?> t = e.getTargetType();
    String range = t == Integer.class || t == int.class ? " (" + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE + ")"
        : t == Long.class || t == long.class ? " (" + Long.MIN_VALUE + " to " + Long.MAX_VALUE + ")" : "";
    return ConfigException.of(source, line(text, path, e), path, "number out of range" + range);
  }

  private static String path(JsonStreamContext context) {
    var parts = new ArrayDeque<String>();
    for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
      if (c.inArray()) parts.push("[" + Math.max(0, c.getCurrentIndex()) + "]");
      else if (c.getCurrentName() != null) parts.push((c.getParent() == null || c.getParent().inRoot() ? "" : ".")
          + c.getCurrentName());
    }
    return String.join("", parts);
  }

  /** Jackson's location is where the parser stopped, often a line late; the written field's own line is exact. */
  private static int line(String text, String path, JsonProcessingException e) {
    int indexed = path.isEmpty() ? 0 : LineIndex.build(text).lineOf(path);
    return indexed > 0 ? indexed : line(e);
  }

  private static int line(JsonProcessingException e) {
    return e.getLocation() == null ? 0 : Math.max(0, e.getLocation().getLineNr());
  }

  static String path(JsonMappingException e) {
    var sb = new StringBuilder();
    for (JsonMappingException.Reference r : e.getPath()) {
      if (r.getFieldName() != null) {
        if (!sb.isEmpty()) sb.append('.');
        sb.append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        sb.append('[').append(r.getIndex()).append(']');
      }
    }
    return sb.toString();
  }

  /** What the field wants, without echoing the value (it may be a secret). */
  private static String describe(MismatchedInputException e) {
    Class<?> t = e.getTargetType();
    if (t == null) return "a different value";
    String what;
    if (t == Integer.class || t == int.class || t == Long.class || t == long.class) what = "an integer";
    else if (t == BigDecimal.class) what = "a number";
    else if (t == Boolean.class || t == boolean.class) what = "true or false";
    else if (t == String.class) what = "a single value (string)";
    else if (List.class.isAssignableFrom(t) || Collection.class.isAssignableFrom(t)) what = "a list";
    else if (Map.class.isAssignableFrom(t) || t.isRecord()) what = "a mapping (key: value)";
    else what = "a " + t.getSimpleName();
    return e instanceof InvalidFormatException ? what : what + " here";
  }

  private static String sorted(Collection<Object> ids) {
    return ids.stream().map(String::valueOf).collect(Collectors.toCollection(TreeSet::new)).stream()
        .collect(Collectors.joining(", "));
  }
}

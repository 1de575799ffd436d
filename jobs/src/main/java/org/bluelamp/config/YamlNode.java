package org.bluelamp.config;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.bluelamp.BluelampException;
import org.bluelamp.Errors;

/**
 * A YAML mapping being read into a record: every read names its key path, and {@link
 * #allowOnly(Set)} turns a typo into an error that suggests the key that was meant.
 */
public final class YamlNode {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private final Path file;
  private final String path;
  private final JsonNode node;

  private YamlNode(Path file, String path, JsonNode node) {
    this.file = requireNonNull(file, "file");
    this.path = requireNonNull(path, "path");
    this.node = requireNonNull(node, "node");
  }

  public static YamlNode read(Path file) {
    JsonNode root;
    try {
      root = YAML.readTree(Files.readString(file));
    } catch (IOException e) {
      throw Errors.contract(file, "", "not valid YAML: " + e.getMessage(), "fix the YAML syntax");
    }
    if (root == null || !root.isObject()) {
      throw Errors.contract(
          file, "", "the file is empty or not a mapping", "write key: value pairs");
    }
    return new YamlNode(file, "", root);
  }

  public Path file() {
    return file;
  }

  private String keyPath(String key) {
    if (key.isEmpty()) {
      return path;
    }
    return path.isEmpty() ? key : path + "." + key;
  }

  public BluelampException error(String key, String problem, String fix) {
    return Errors.contract(file, keyPath(key), problem, fix);
  }

  /** Fails on any key outside {@code allowed}, naming the closest allowed key. */
  public YamlNode allowOnly(Set<String> allowed) {
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!allowed.contains(name)) {
        String closest =
            allowed.stream().min(Comparator.comparingInt(a -> editDistance(a, name))).orElse("");
        throw error(
            name,
            "unknown key '" + name + "'; allowed here: " + new TreeSet<>(allowed),
            "did you mean '" + closest + "'? Otherwise remove the key");
      }
    }
    return this;
  }

  public boolean has(String key) {
    return node.hasNonNull(key);
  }

  /** Whether {@code key} holds a mapping (rather than a scalar or a list). */
  public boolean isMapping(String key) {
    return has(key) && node.get(key).isObject();
  }

  public String string(String key) {
    return optionalString(key)
        .orElseThrow(() -> error(key, "required key is missing", "add '" + key + ": <value>'"));
  }

  public Optional<String> optionalString(String key) {
    JsonNode value = node.get(key);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (!value.isValueNode()) {
      throw error(key, "expected a single value, found " + value.getNodeType(), "write a scalar");
    }
    return Optional.of(value.asText());
  }

  public boolean bool(String key, boolean fallback) {
    JsonNode value = node.get(key);
    if (value == null || value.isNull()) {
      return fallback;
    }
    if (!value.isBoolean()) {
      throw error(
          key, "expected true or false, found '" + value.asText() + "'", "write true/false");
    }
    return value.asBoolean();
  }

  public double number(String key) {
    JsonNode value = node.get(key);
    if (value == null || !value.isNumber()) {
      throw error(key, "expected a number", "write a number, e.g. " + key + ": 12.5");
    }
    return value.asDouble();
  }

  public <E extends Enum<E>> E enumValue(String key, Class<E> type, E fallback) {
    Optional<String> text = optionalString(key);
    if (text.isEmpty()) {
      return fallback;
    }
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equalsIgnoreCase(text.get())) {
        return constant;
      }
    }
    List<String> names = new ArrayList<>();
    for (E constant : type.getEnumConstants()) {
      names.add(constant.name().toLowerCase(java.util.Locale.ROOT));
    }
    throw error(key, "'" + text.get() + "' is not one of " + names, "use one of " + names);
  }

  public YamlNode child(String key) {
    JsonNode value = node.get(key);
    if (value == null || !value.isObject()) {
      throw error(key, "expected a mapping (key: value pairs)", "add '" + key + ":' with its keys");
    }
    return new YamlNode(file, keyPath(key), value);
  }

  public Optional<YamlNode> optionalChild(String key) {
    return has(key) ? Optional.of(child(key)) : Optional.empty();
  }

  public <T> List<T> list(String key, Function<YamlNode, T> element) {
    JsonNode value = node.get(key);
    if (value == null || value.isNull()) {
      return List.of();
    }
    if (!value.isArray()) {
      throw error(key, "expected a list", "write '- ' items under '" + key + "'");
    }
    List<T> result = new ArrayList<>();
    for (int i = 0; i < value.size(); i++) {
      JsonNode item = value.get(i);
      String itemPath = keyPath(key) + "[" + i + "]";
      if (!item.isObject()) {
        throw Errors.contract(file, itemPath, "expected a mapping", "write key: value pairs");
      }
      result.add(element.apply(new YamlNode(file, itemPath, item)));
    }
    return List.copyOf(result);
  }

  public List<String> strings(String key) {
    JsonNode value = node.get(key);
    if (value == null || value.isNull()) {
      return List.of();
    }
    if (value.isValueNode()) {
      return List.of(value.asText());
    }
    List<String> result = new ArrayList<>();
    value.forEach(item -> result.add(item.asText()));
    return List.copyOf(result);
  }

  /** A list of lists of strings, e.g. {@code [[a, b], [c]]}. */
  public List<List<String>> stringLists(String key) {
    JsonNode value = node.get(key);
    if (value == null || value.isNull()) {
      return List.of();
    }
    if (!value.isArray()) {
      throw error(key, "expected a list of lists", "write '- [a, b]' items under '" + key + "'");
    }
    List<List<String>> result = new ArrayList<>();
    for (JsonNode item : value) {
      if (!item.isArray()) {
        throw error(key, "expected a list of lists", "write each item as [a, b]");
      }
      List<String> strings = new ArrayList<>();
      item.forEach(element -> strings.add(element.asText()));
      result.add(List.copyOf(strings));
    }
    return List.copyOf(result);
  }

  public Map<String, String> stringMap(String key) {
    JsonNode value = node.get(key);
    if (value == null || value.isNull()) {
      return Map.of();
    }
    if (!value.isObject()) {
      throw error(key, "expected a mapping", "write 'name: value' pairs under '" + key + "'");
    }
    Map<String, String> result = new LinkedHashMap<>();
    value.fields().forEachRemaining(e -> result.put(e.getKey(), e.getValue().asText()));
    return java.util.Collections.unmodifiableMap(result);
  }

  /** The keys of this mapping, in file order. */
  public List<String> keys() {
    List<String> keys = new ArrayList<>();
    node.fieldNames().forEachRemaining(keys::add);
    return List.copyOf(keys);
  }

  /** This mapping's values as text (a YAML null stays null); every value must be a scalar. */
  public Map<String, String> scalars() {
    Map<String, String> result = new LinkedHashMap<>();
    for (String key : keys()) {
      JsonNode value = node.get(key);
      if (!value.isValueNode()) {
        throw error(key, "expected a single value, found " + value.getNodeType(), "write a scalar");
      }
      result.put(key, value.isNull() ? null : value.asText());
    }
    return java.util.Collections.unmodifiableMap(result);
  }

  static int editDistance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}

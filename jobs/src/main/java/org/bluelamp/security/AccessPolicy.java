package org.bluelamp.security;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.bluelamp.config.YamlNode;

/**
 * The declarative access policy, {@code sql/access/roles.yml}: the roles, what each reads by layer
 * and tag, whether it sees PII, and which rows. {@link AccessRules} turns it into Trino's rules.
 */
public record AccessPolicy(
    Path file,
    Map<String, String> tags,
    Map<String, List<String>> tableTags,
    Map<String, String> masks,
    Map<String, Role> roles) {
  public AccessPolicy {
    requireNonNull(file, "file");
    tags = Map.copyOf(tags);
    tableTags = Map.copyOf(tableTags);
    masks = Map.copyOf(masks);
    roles = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(roles));
  }

  /** Which rows of a table a role reads. */
  public enum Scope {
    ALL,
    FORCE
  }

  /**
   * A role: the grants it reads, whether PII shows, its row scope, the tags whose tables are also
   * narrowed to the user's wards, whether clearance levels filter its rows, and whether it sees
   * (and may kill) other users' queries; everyone sees their own.
   */
  public record Role(
      String name,
      String description,
      List<Grant> read,
      boolean piiVisible,
      Scope scope,
      Set<String> areaTags,
      boolean clearanceChecked,
      boolean seesAllQueries) {
    public Role {
      requireNonNull(name, "name");
      requireNonNull(description, "description");
      read = List.copyOf(read);
      requireNonNull(scope, "scope");
      areaTags = Set.copyOf(areaTags);
    }

    /** Whether a table of {@code layer} carrying {@code tags} is granted. */
    public boolean reads(String layer, Set<String> tags) {
      return read.stream().anyMatch(g -> g.matches(layer, tags));
    }
  }

  /**
   * Tables of a layer (any when empty) carrying every tag of {@code tags} and none of {@code
   * except}.
   */
  public record Grant(Optional<String> layer, Set<String> tags, Set<String> except) {
    public Grant {
      requireNonNull(layer, "layer");
      tags = Set.copyOf(tags);
      except = Set.copyOf(except);
    }

    boolean matches(String tableLayer, Set<String> tableTags) {
      return layer.map(tableLayer::equals).orElse(true)
          && tableTags.containsAll(tags)
          && except.stream().noneMatch(tableTags::contains);
    }
  }

  public static AccessPolicy load(Path file) {
    YamlNode yaml = YamlNode.read(file).allowOnly(Set.of("tags", "tables", "masks", "roles"));
    Map<String, String> tags = yaml.stringMap("tags");
    Map<String, List<String>> tableTags = new TreeMap<>();
    YamlNode tables = yaml.child("tables");
    for (String table : tables.keys()) {
      List<String> declared = tables.strings(table);
      requireTags(yaml, "tables." + table, declared, tags.keySet());
      tableTags.put(table, declared);
    }
    Map<String, Role> roles = new LinkedHashMap<>();
    YamlNode roleNodes = yaml.child("roles");
    for (String name : roleNodes.keys()) {
      YamlNode r =
          roleNodes
              .child(name)
              .allowOnly(
                  Set.of(
                      "description", "read", "pii", "scope", "area_tags", "clearance", "queries"));
      List<Grant> read =
          r.list(
              "read",
              g -> {
                g.allowOnly(Set.of("layer", "tags", "except_tags"));
                requireTags(yaml, "roles." + name + ".read", g.strings("tags"), tags.keySet());
                requireTags(
                    yaml, "roles." + name + ".read", g.strings("except_tags"), tags.keySet());
                return new Grant(
                    g.optionalString("layer"),
                    Set.copyOf(g.strings("tags")),
                    Set.copyOf(g.strings("except_tags")));
              });
      requireTags(yaml, "roles." + name + ".area_tags", r.strings("area_tags"), tags.keySet());
      String pii = r.string("pii");
      if (!pii.equals("visible") && !pii.equals("masked")) {
        throw r.error("pii", "is '" + pii + "'", "write visible or masked");
      }
      String clearance = r.optionalString("clearance").orElse("own");
      if (!clearance.equals("own") && !clearance.equals("all")) {
        throw r.error("clearance", "is '" + clearance + "'", "write own or all");
      }
      String queries = r.optionalString("queries").orElse("own");
      if (!queries.equals("own") && !queries.equals("all")) {
        throw r.error("queries", "is '" + queries + "'", "write own or all");
      }
      roles.put(
          name,
          new Role(
              name,
              r.string("description"),
              read,
              pii.equals("visible"),
              r.enumValue("scope", Scope.class, Scope.FORCE),
              Set.copyOf(r.strings("area_tags")),
              clearance.equals("own"),
              queries.equals("all")));
    }
    Map<String, String> masks = yaml.stringMap("masks");
    masks.forEach(
        (type, mask) -> {
          if (mask.contains("{key}")) {
            throw yaml.error(
                "masks." + type,
                "carries the pseudonymisation key, which any user could then read in query plans",
                "write {pseudonym}: the jobs store each PII text column's pseudonym beside it");
          }
        });
    return new AccessPolicy(file, tags, tableTags, masks, roles);
  }

  /** The role named {@code name}, or a usage error listing the roles. */
  public Role role(String name) {
    Role role = roles.get(name);
    if (role == null) {
      throw org.bluelamp.Errors.usage(
          "No role '" + name + "' in " + file, "use one of " + roles.keySet());
    }
    return role;
  }

  /** Fails naming the file and key when a table declares a tag this policy does not know. */
  public void requireKnownTags(String where, List<String> declared) {
    for (String tag : declared) {
      if (!tags.containsKey(tag)) {
        throw org.bluelamp.Errors.usage(
            where + " has the tag '" + tag + "', which " + file + " does not declare",
            "use one of " + new java.util.TreeSet<>(tags.keySet()) + " or declare it under tags:");
      }
    }
  }

  private static void requireTags(
      YamlNode yaml, String key, List<String> declared, Set<String> known) {
    for (String tag : declared) {
      if (!known.contains(tag)) {
        throw yaml.error(
            key, "names the tag '" + tag + "', not declared under tags:", "declare it or fix it");
      }
    }
  }
}

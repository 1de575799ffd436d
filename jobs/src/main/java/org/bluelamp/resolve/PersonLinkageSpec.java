package org.bluelamp.resolve;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bluelamp.Errors;
import org.bluelamp.contract.EntitySpec;
import org.bluelamp.contract.Pipelines;
import org.bluelamp.contract.YamlNode;

/**
 * {@code pipelines/resolve/persons.yaml}: where silver records a person (the mentions) and the
 * settings of the linkage. Validated on load against the declared entities.
 */
public record PersonLinkageSpec(
    Path file,
    List<Mention> mentions,
    List<List<String>> blocking,
    List<List<String>> training,
    int maxBlock,
    int randomPairs,
    double matchProbability,
    double guardBits) {

  /** The detail columns a mention may map, as named in the mention table. */
  public static final List<String> FIELDS =
      List.of("forename", "surname", "name_ar", "dob", "address", "phone");

  /** The profile columns a blocking rule may name. */
  public static final Set<String> BLOCKING_COLUMNS =
      Set.of(
          "forename",
          "forename_formal",
          "forename_code",
          "surname",
          "surname_code",
          "surname_skeleton",
          "skeleton",
          "arabic",
          "arabic_skeleton",
          "dob",
          "birth_year",
          "address",
          "phone");

  /** The compared fields a blocking rule's columns agree on by construction. */
  public static boolean[] fieldsOf(List<String> rule) {
    boolean[] fields = new boolean[Comparison.Field.values().length];
    for (String column : rule) {
      if (column.startsWith("forename") || column.equals("skeleton")) {
        fields[Comparison.Field.FORENAME.ordinal()] = true;
      }
      if (column.startsWith("surname") || column.equals("skeleton")) {
        fields[Comparison.Field.SURNAME.ordinal()] = true;
      }
      if (column.startsWith("arabic")) {
        fields[Comparison.Field.NAME_AR.ordinal()] = true;
      }
      if (column.equals("dob") || column.equals("birth_year")) {
        fields[Comparison.Field.DOB.ordinal()] = true;
      }
      if (column.equals("address")) {
        fields[Comparison.Field.ADDRESS.ordinal()] = true;
      }
      if (column.equals("phone")) {
        fields[Comparison.Field.PHONE.ordinal()] = true;
      }
    }
    return fields;
  }

  /**
   * Where one silver entity records a person: its record column, the role (a literal or a column),
   * the event the mention belongs to, and either its detail columns ({@code fields}: mention field
   * -> entity column) or the mention of another entity it is the same person as ({@code sameAs}).
   * {@code part} tells two persons of one record apart (the child and the adult of a safeguarding
   * link); the first part declared for an entity is the record's principal person.
   */
  public record Mention(
      String entity,
      Optional<String> part,
      String record,
      Optional<String> role,
      Optional<String> roleColumn,
      String eventType,
      String eventId,
      String eventAt,
      Map<String, String> fields,
      Optional<SameAs> sameAs,
      boolean principal) {}

  /** A mention that is the person of another entity's record: {@code record} holds its id. */
  public record SameAs(String entity, String record) {}

  public static PersonLinkageSpec load(Pipelines pipelines) {
    Path file = pipelines.root().resolve("resolve").resolve("persons.yaml");
    if (!Files.isRegularFile(file)) {
      throw Errors.usage(
          "No person linkage declared: " + file + " is missing",
          "restore pipelines/resolve/persons.yaml (see docs/entity-resolution.md)");
    }
    YamlNode root = YamlNode.read(file).allowOnly(Set.of("description", "mentions", "linkage"));
    List<String> seen = new ArrayList<>();
    List<Mention> mentions =
        root.list(
            "mentions",
            node -> {
              Mention mention = mention(node, pipelines, !seen.contains(node.string("entity")));
              seen.add(mention.entity());
              return mention;
            });
    YamlNode linkage =
        root.child("linkage")
            .allowOnly(
                Set.of(
                    "blocking",
                    "training",
                    "max_block",
                    "random_pairs",
                    "match_probability",
                    "guard_bits"));
    return new PersonLinkageSpec(
        file,
        mentions,
        rules(linkage, "blocking"),
        rules(linkage, "training"),
        (int) linkage.number("max_block"),
        (int) linkage.number("random_pairs"),
        probability(linkage, "match_probability"),
        guardBits(linkage));
  }

  private static Mention mention(YamlNode node, Pipelines pipelines, boolean principal) {
    node.allowOnly(
        Set.of("entity", "part", "record", "role", "role_column", "event", "fields", "same_as"));
    String entityName = node.string("entity");
    EntitySpec entity = pipelines.entities().get(entityName);
    if (entity == null) {
      throw node.error(
          "entity",
          "'" + entityName + "' is not a declared entity",
          "name one of pipelines/entities/: " + pipelines.entities().keySet());
    }
    YamlNode event = node.child("event").allowOnly(Set.of("type", "id", "at"));
    Map<String, String> fields = node.stringMap("fields");
    for (Map.Entry<String, String> field : fields.entrySet()) {
      if (!FIELDS.contains(field.getKey())) {
        throw node.error(
            "fields", "'" + field.getKey() + "' is not a person detail", "use " + FIELDS);
      }
    }
    Optional<SameAs> sameAs =
        node.optionalChild("same_as")
            .map(
                same -> {
                  same.allowOnly(Set.of("entity", "record"));
                  return new SameAs(same.string("entity"), same.string("record"));
                });
    if (fields.isEmpty() == sameAs.isEmpty()) {
      throw node.error(
          "fields",
          "a mention needs either the person's detail columns (fields) or same_as",
          "map at least one of " + FIELDS + ", or name the entity it is the same person as");
    }
    Optional<String> role = node.optionalString("role");
    Optional<String> roleColumn = node.optionalString("role_column");
    if (role.isPresent() == roleColumn.isPresent()) {
      throw node.error(
          "role", "give exactly one of role (a fixed role) and role_column", "keep one of them");
    }
    List<String> columns = new ArrayList<>(fields.values());
    columns.add(node.string("record"));
    columns.add(event.string("id"));
    columns.add(event.string("at"));
    roleColumn.ifPresent(columns::add);
    sameAs.ifPresent(same -> columns.add(same.record()));
    for (String column : columns) {
      if (entity.columns().stream().noneMatch(c -> c.name().equals(column))) {
        throw node.error(
            "fields",
            "silver." + entityName + " has no column '" + column + "'",
            "name columns of pipelines/entities/" + entityName + ".yaml");
      }
    }
    return new Mention(
        entityName,
        node.optionalString("part"),
        node.string("record"),
        role,
        roleColumn,
        event.string("type"),
        event.string("id"),
        event.string("at"),
        fields,
        sameAs,
        principal);
  }

  private static List<List<String>> rules(YamlNode linkage, String key) {
    List<List<String>> rules = new ArrayList<>();
    for (List<String> rule : linkage.stringLists(key)) {
      for (String column : rule) {
        if (!BLOCKING_COLUMNS.contains(column)) {
          throw linkage.error(
              key,
              "'" + column + "' is not a profile column",
              "use columns of " + BLOCKING_COLUMNS);
        }
      }
      rules.add(List.copyOf(rule));
    }
    if (rules.isEmpty()) {
      throw linkage.error(
          key, "no rule: every pair of profiles would be compared", "list rules such as [dob]");
    }
    return List.copyOf(rules);
  }

  private static double guardBits(YamlNode linkage) {
    double bits = linkage.number("guard_bits");
    if (!(bits < 0)) {
      throw linkage.error(
          "guard_bits",
          bits + " is not below 0: the guard needs evidence against a match",
          "use e.g. -10 (the fields say about 1000:1 that two records are two people)");
    }
    return bits;
  }

  private static double probability(YamlNode node, String key) {
    double value = node.number(key);
    if (!(value > 0 && value < 1)) {
      throw node.error(
          key, value + " is not a probability strictly between 0 and 1", "use e.g. 0.99");
    }
    return value;
  }
}

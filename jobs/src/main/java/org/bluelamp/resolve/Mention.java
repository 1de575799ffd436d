package org.bluelamp.resolve;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bluelamp.config.YamlNode;
import org.bluelamp.contract.EntitySpec;
import org.bluelamp.contract.Pipelines;

/**
 * Where one silver entity records a person or a vehicle: its record column, the role (a literal or
 * a column), the event the mention belongs to, and either its detail columns ({@code fields}:
 * mention field -> entity column) or the mention of another entity it is the same as ({@code
 * sameAs}). {@code part} tells two persons of one record apart (the child and the adult of a
 * safeguarding link); the first part declared for an entity is the record's principal one.
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
    boolean principal) {

  /** A mention that is the one of another entity's record: {@code record} holds its id. */
  public record SameAs(String entity, String record) {}

  /**
   * The {@code mentions} list of a resolve file, each validated against the declared entities;
   * {@code fields} are the detail names a mention may map.
   */
  static List<Mention> list(YamlNode root, Pipelines pipelines, List<String> fields) {
    List<String> seen = new ArrayList<>();
    return root.list(
        "mentions",
        node -> {
          Mention mention = parse(node, pipelines, fields, !seen.contains(node.string("entity")));
          seen.add(mention.entity());
          return mention;
        });
  }

  private static Mention parse(
      YamlNode node, Pipelines pipelines, List<String> allowed, boolean principal) {
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
    for (String field : fields.keySet()) {
      if (!allowed.contains(field)) {
        throw node.error(
            "fields", "'" + field + "' is not a detail of a mention", "use " + allowed);
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
          "a mention needs either its detail columns (fields) or same_as",
          "map at least one of " + allowed + ", or name the entity it is the same as");
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
      if (entity.columns().stream().noneMatch(c -> c.name().equals(column))
          && !entity.geometryColumns().contains(column)) {
        throw node.error(
            "fields",
            "silver." + entityName + " has no column '" + column + "'",
            "name columns of pipelines/entities/"
                + entityName
                + ".yaml (or the location columns silver adds: "
                + entity.geometryColumns()
                + ")");
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
}

package org.bluelamp.resolve;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.bluelamp.lake.SparkColumns.seq;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.bluelamp.Errors;
import org.bluelamp.contract.Clearance;
import org.bluelamp.lake.Lake;
import org.bluelamp.lake.TableName;

/**
 * Every mention of silver declared in a resolve file, in one shape: {@code force_id, mention_id,
 * entity, part, record_id, is_principal, role, event_type, event_id, event_at, _source,
 * same_as_mention_id, clearance_required} (the clearance its record needs, 0 for a record of an
 * ungraded entity) and the detail columns (a person's are restricted: they stay inside the resolve
 * job). {@code mention_id} is {@code <entity>:<record id>} (plus {@code :<part>} for a record of
 * several persons).
 */
final class Mentions {
  private Mentions() {}

  /** The mentions of {@code file}, with the detail columns {@code fields} (dob a date). */
  static Dataset<Row> read(Lake lake, Path file, List<Mention> mentions, List<String> fields) {
    Dataset<Row> all = null;
    for (Mention mention : mentions) {
      TableName table = TableName.silver(mention.entity());
      if (!lake.exists(table)) {
        continue;
      }
      Dataset<Row> rows = lake.read(table);
      List<Column> columns = columns(mention, fields);
      columns.add(Clearance.carried(rows));
      Dataset<Row> one = rows.select(columns.toArray(Column[]::new));
      all = all == null ? one : all.unionByName(one);
    }
    if (all == null) {
      throw Errors.usage(
          "No silver table of " + file + " exists: there is nothing to resolve",
          "build silver first: ./bluelamp run --layer silver");
    }
    return all;
  }

  /**
   * The columns of a link table: {@code before}, then those saying which record and event the
   * mention is ({@code mention_id, entity, record_id, role, event_type, event_id, event_at,
   * _source}), then {@code after}.
   */
  static Column[] linkColumns(List<Column> before, List<Column> after) {
    List<Column> all = new ArrayList<>(before);
    for (String column :
        List.of(
            "mention_id",
            "entity",
            "record_id",
            "role",
            "event_type",
            "event_id",
            "event_at",
            "_source")) {
      all.add(col(column));
    }
    all.addAll(after);
    return all.toArray(Column[]::new);
  }

  /**
   * {@code links} (one row per mention) with the clearance its values need: the higher of its own
   * record's and that of the record {@code reference} names (a linked mention's id shows that
   * record exists).
   */
  static Dataset<Row> graded(Dataset<Row> links, Dataset<Row> mentions, String reference) {
    Dataset<Row> own = mentions.select(col("force_id"), col("mention_id"), col(Clearance.COLUMN));
    Dataset<Row> referenced =
        mentions.select(
            col("force_id"),
            col("mention_id").as(reference),
            col(Clearance.COLUMN).as("_referenced_clearance"));
    return links
        .join(own, seq(List.of("force_id", "mention_id")), "left")
        .join(referenced, seq(List.of("force_id", reference)), "left")
        .withColumn(
            Clearance.COLUMN,
            greatest(
                coalesce(col(Clearance.COLUMN), lit(Clearance.HIGHEST)),
                coalesce(col("_referenced_clearance"), lit(0))))
        .drop("_referenced_clearance");
  }

  static Column mentionId(String entity, Column record, String part) {
    return part == null
        ? concat(lit(entity + ":"), record)
        : concat(lit(entity + ":"), record, lit(":" + part));
  }

  private static List<Column> columns(Mention mention, List<String> fields) {
    String part = mention.part().orElse(null);
    List<Column> columns = new ArrayList<>();
    columns.add(col("force_id"));
    columns.add(mentionId(mention.entity(), col(mention.record()), part).as("mention_id"));
    columns.add(lit(mention.entity()).as("entity"));
    columns.add(lit(part).cast("string").as("part"));
    columns.add(col(mention.record()).cast("string").as("record_id"));
    columns.add(lit(mention.principal()).as("is_principal"));
    columns.add(
        mention.roleColumn().map(c -> col(c)).orElse(lit(mention.role().orElse(null))).as("role"));
    columns.add(lit(mention.eventType()).as("event_type"));
    columns.add(col(mention.eventId()).cast("string").as("event_id"));
    columns.add(col(mention.eventAt()).cast("timestamp").as("event_at"));
    columns.add(col("_source"));
    columns.add(
        mention
            .sameAs()
            .map(same -> mentionId(same.entity(), col(same.record()), null))
            .orElse(lit(null).cast("string"))
            .as("same_as_mention_id"));
    for (String field : fields) {
      String column = mention.fields().get(field);
      String type = field.equals("dob") ? "date" : "string";
      columns.add((column == null ? lit(null) : col(column)).cast(type).as(field));
    }
    return columns;
  }
}

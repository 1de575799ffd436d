package org.bluelamp.conform;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.from_utc_timestamp;
import static org.apache.spark.sql.functions.hour;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.to_date;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.bluelamp.Progress;
import org.bluelamp.contract.Clearance;
import org.bluelamp.contract.ColumnType;
import org.bluelamp.contract.EntitySpec;
import org.bluelamp.contract.Force;
import org.bluelamp.contract.Pii;
import org.bluelamp.contract.Pipelines;
import org.bluelamp.contract.SourceContract;
import org.bluelamp.lake.JobResult;
import org.bluelamp.lake.Lake;
import org.bluelamp.lake.Pseudonyms;
import org.bluelamp.lake.TableName;
import org.bluelamp.lake.Tables;
import org.bluelamp.spatial.AreaIndex;
import org.bluelamp.spatial.AreaJoin;
import org.bluelamp.spatial.NearestLine;

/**
 * Builds {@code silver.<entity>} for the given forces from every bronze source that feeds it:
 * entity columns only, {@code force_id}, a deterministic {@code <entity>_key}, local times in each
 * force's zone, the ward, beat and small area containing each located record, one row per key (the
 * most recently ingested wins across sources), then the entity's own derivations (ICCS and counting
 * rules for crimes, pseudonymous keys for persons) and the pseudonym of each PII text column
 * ({@link Pii}). The forces' rows are replaced as a whole, so a rerun gives the same table.
 */
public final class SilverJob {
  private final Lake lake;
  private final Pipelines pipelines;
  private final Progress progress;
  private final Pseudonyms pseudonyms;
  private final Map<String, Derivation> derivations;
  private Map<String, Long> areaCounts;
  private final Map<String, Optional<UserDefinedFunction>> areaLookups = new HashMap<>();

  /** What an entity computes after conforming (its columns are the entity's {@code derived}). */
  interface Derivation {
    Dataset<Row> apply(Dataset<Row> conformed);
  }

  public SilverJob(Lake lake, Pipelines pipelines, Pseudonyms pseudonyms, Progress progress) {
    this.lake = requireNonNull(lake, "lake");
    this.pipelines = requireNonNull(pipelines, "pipelines");
    this.pseudonyms = requireNonNull(pseudonyms, "pseudonyms");
    this.progress = requireNonNull(progress, "progress");
    this.derivations =
        Map.of(
            "crime", new CrimeDerivation(lake, pipelines),
            "person_record", new PersonKeys(pseudonyms));
  }

  /**
   * Entities in build order: areas first (located entities are joined to them), then the others by
   * name, each after the entities its derivation reads.
   */
  public List<EntitySpec> buildOrder() {
    List<EntitySpec> order = new ArrayList<>();
    pipelines.entities().values().stream()
        .filter(e -> e.geometry() == EntitySpec.EntityGeometry.AREA)
        .sorted(Comparator.comparing(EntitySpec::name))
        .forEach(order::add);
    List<EntitySpec> rest =
        pipelines.entities().values().stream()
            .filter(e -> e.geometry() != EntitySpec.EntityGeometry.AREA)
            .sorted(Comparator.comparing(EntitySpec::name))
            .toList();
    for (EntitySpec entity : rest) {
      place(entity, order);
    }
    return List.copyOf(order);
  }

  /** The entities that must be built before {@code entity} ({@link Pipelines#upstream}). */
  public List<EntitySpec> dependencies(EntitySpec entity) {
    return pipelines.upstream(entity);
  }

  private void place(EntitySpec entity, List<EntitySpec> order) {
    if (order.contains(entity)) {
      return;
    }
    dependencies(entity).forEach(dependency -> place(dependency, order));
    order.add(entity);
  }

  public JobResult run(EntitySpec entity, List<Force> forces) {
    List<String> forceIds = forces.stream().map(Force::id).toList();
    TableName target = TableName.silver(entity.name());
    String scope = String.join(", ", forceIds);
    Dataset<Row> data = conformed(entity, forces, (source, bronze) -> bronze);
    String predicate = Force.rowsOf(forceIds);
    if (data == null) {
      // Still written: every entity table exists with its columns, so gold models reading it build
      // (with no rows from these forces) and rows left from a removed source go. Only the schema
      // of the conformed rows is needed: no job runs over the (empty) sources and areas.
      progress.log("silver", target + " (" + scope + "): no source feeds it yet, written empty");
      StructType schema =
          finish(entity, conform(entity, emptyBronze(entity), forces.get(0))).schema();
      lake.replaceWhere(target, lake.spark().createDataFrame(List.of(), schema), predicate);
      return JobResult.written("silver", target.toString(), 0);
    }
    lake.replaceWhere(target, data, predicate);
    long rows = lake.read(target).filter(predicate).count();
    progress.log("silver", target + " (" + scope + "): " + Progress.count(rows) + " rows");
    return JobResult.written("silver", target.toString(), rows);
  }

  /**
   * Whether {@link #merge} can bring the entity up to date: its rows depend on their own bronze
   * record (and the areas) only, with no derivation reading other tables, and the table exists.
   */
  public boolean mergeable(EntitySpec entity) {
    return !derivations.containsKey(entity.name())
        && entity.reads().isEmpty()
        && lake.exists(TableName.silver(entity.name()));
  }

  /**
   * The micro-batch path: merges into {@code silver.<entity>} only the bronze records ingested
   * after the newest ingestion of their source that silver already holds (new keys and newer
   * versions of known ones; the newest ingestion wins, as in a rebuild) instead of conforming every
   * record again. Silver's own lineage ({@code _source}, {@code _ingested_at}) says where it
   * stands, so a failed or skipped run is caught up by the next one.
   */
  public JobResult merge(EntitySpec entity, List<Force> forces) {
    TableName target = TableName.silver(entity.name());
    String scope = String.join(", ", forces.stream().map(Force::id).toList());
    Map<String, Timestamp> held = new HashMap<>();
    lake.read(target)
        .groupBy("_source")
        .agg(max("_ingested_at"))
        .collectAsList()
        .forEach(r -> held.put(r.getString(0), r.getTimestamp(1)));
    Dataset<Row> data =
        conformed(
            entity,
            forces,
            (source, bronze) ->
                held.containsKey(source.id())
                    ? bronze.filter(col("_ingested_at").gt(lit(held.get(source.id()))))
                    : bronze);
    long rows = 0;
    if (data != null) {
      data = data.persist(StorageLevel.MEMORY_AND_DISK());
      rows = data.count();
      if (rows > 0) {
        lake.merge(
            target,
            data,
            List.of(entity.keyColumn()),
            col("s._ingested_at").geq(col("t._ingested_at")));
      }
      data.unpersist();
    }
    progress.log(
        "silver",
        target + " (" + scope + "): " + Progress.count(rows) + " new or changed record(s) merged");
    return JobResult.written("silver", target.toString(), rows);
  }

  /**
   * The entity's rows for the forces from every bronze table feeding it, each narrowed by {@code
   * select}; null when no bronze table feeds it yet.
   */
  private Dataset<Row> conformed(
      EntitySpec entity,
      List<Force> forces,
      BiFunction<SourceContract, Dataset<Row>, Dataset<Row>> select) {
    List<String> forceIds = forces.stream().map(Force::id).toList();
    List<Dataset<Row>> parts = new ArrayList<>();
    for (SourceContract source : pipelines.feeding(entity.name())) {
      TableName bronze = TableName.bronze(source.id());
      if (forceIds.contains(source.force()) && lake.exists(bronze)) {
        parts.add(
            conform(
                entity, select.apply(source, lake.read(bronze)), pipelines.force(source.force())));
      }
    }
    return parts.isEmpty()
        ? null
        : finish(entity, parts.stream().reduce((a, b) -> a.unionByName(b, true)).orElseThrow());
  }

  /**
   * The broadcast lookup of this type's areas ({@code areas}), made once per job and shared by
   * every entity joined to them; empty for a set too large to broadcast. The areas are counted once
   * for all types: entities are built after the areas.
   */
  private synchronized Optional<UserDefinedFunction> areaLookup(
      String areaType, Dataset<Row> areas) {
    if (areaCounts == null) {
      areaCounts = new HashMap<>();
      for (Row row : lake.read(Tables.AREA).groupBy("area_type").count().collectAsList()) {
        areaCounts.put(row.getString(0), row.getLong(1));
      }
    }
    return areaLookups.computeIfAbsent(
        areaType,
        type ->
            areaCounts.getOrDefault(type, 0L) <= AreaJoin.BROADCAST_AREAS
                ? Optional.of(AreaIndex.of(areas).first(areas))
                : Optional.empty());
  }

  /** One row per key, local times, areas, nearest lines, the row key and the derivation. */
  private Dataset<Row> finish(EntitySpec entity, Dataset<Row> data) {
    data = latestPerKey(entity, data);
    data = localTimes(entity, data);
    List<String> rowKey = new ArrayList<>(List.of("force_id"));
    rowKey.addAll(entity.key());
    for (String areaType : entity.areas()) {
      Dataset<Row> areas = lake.read(Tables.AREA).filter(col("area_type").equalTo(areaType));
      Optional<UserDefinedFunction> lookup = areaLookup(areaType, areas);
      data =
          lookup.isPresent()
              ? AreaJoin.assign(data, lookup.get(), areaType)
              : AreaJoin.assign(data, areas, rowKey, areaType, false);
    }
    for (String name : entity.nearest()) {
      EntitySpec line = pipelines.entities().get(name);
      data =
          NearestLine.assign(
              data,
              lake.read(TableName.silver(line.name())),
              rowKey,
              name,
              line.idColumn(),
              line.nameColumn(),
              EntitySpec.NEAREST_WITHIN_METRES);
    }
    data = data.drop("_zone").withColumn(entity.keyColumn(), rowKey(entity));
    Derivation derivation = derivations.get(entity.name());
    if (derivation != null) {
      data = derivation.apply(data);
    }
    if (entity.clearance().isPresent()) {
      data = data.withColumn(Clearance.COLUMN, Clearance.of(entity));
    }
    return pseudonyms.add(data, Pii.pseudonyms(entity.pseudonymised()));
  }

  private static Dataset<Row> conform(EntitySpec entity, Dataset<Row> bronze, Force force) {
    List<String> available = List.of(bronze.columns());
    List<Column> select = new ArrayList<>();
    select.add(lit(force.id()).as("force_id"));
    select.add(lit(force.zone().getId()).as("_zone"));
    for (EntitySpec.Column column : entity.columns()) {
      select.add(
          available.contains(column.name())
              ? col(column.name()).cast(column.type().sparkType()).as(column.name())
              : lit(null).cast(column.type().sparkType()).as(column.name()));
    }
    entity.geometryColumns().forEach(c -> select.add(col(c)));
    EntitySpec.LINEAGE.forEach(c -> select.add(col(c)));
    return bronze.select(select.toArray(Column[]::new));
  }

  /** No rows, with the columns a bronze table feeding the entity has. */
  private Dataset<Row> emptyBronze(EntitySpec entity) {
    StructType schema = new StructType();
    for (EntitySpec.Column column : entity.columns()) {
      schema = schema.add(column.name(), DataType.fromDDL(column.type().sparkType()));
    }
    for (String column : entity.geometryColumns()) {
      schema =
          schema.add(
              column, column.startsWith("geom") ? DataTypes.BinaryType : DataTypes.DoubleType);
    }
    return lake.spark()
        .createDataFrame(List.of(), schema)
        .withColumn("_source", lit(null).cast("string"))
        .withColumn("_batch_id", lit(null).cast("string"))
        .withColumn("_ingested_at", lit(null).cast("timestamp"))
        .withColumn("_file", lit(null).cast("string"))
        .withColumn("_offset", lit(null).cast("long"));
  }

  /** sha2 of entity, force and natural key: the same source record gives the same key always. */
  private static Column rowKey(EntitySpec entity) {
    List<Column> parts = new ArrayList<>(List.of(lit(entity.name()), col("force_id")));
    entity.key().forEach(k -> parts.add(col(k).cast("string")));
    return substring(sha2(concat_ws("|", parts.toArray(Column[]::new)), 256), 1, 32);
  }

  private static Dataset<Row> latestPerKey(EntitySpec entity, Dataset<Row> data) {
    List<Column> key = new ArrayList<>();
    key.add(col("force_id"));
    entity.key().forEach(k -> key.add(col(k)));
    return data.withColumn(
            "_rank",
            row_number()
                .over(
                    Window.partitionBy(key.toArray(Column[]::new))
                        .orderBy(col("_ingested_at").desc(), col("_source"))))
        .filter(col("_rank").equalTo(1))
        .drop("_rank");
  }

  /**
   * For every timestamp column {@code x_at}, adds {@code x_local} (wall-clock time in the force's
   * zone); for the event time, also {@code local_date} and {@code local_hour} (a date event time is
   * already local: its hour is NULL).
   */
  private static Dataset<Row> localTimes(EntitySpec entity, Dataset<Row> data) {
    for (EntitySpec.Column column : entity.columns()) {
      if (column.type() == ColumnType.TIMESTAMP && column.name().endsWith("_at")) {
        data = data.withColumn(EntitySpec.localName(column.name()), local(col(column.name())));
      }
    }
    if (entity.eventTime().isPresent()) {
      String eventTime = entity.eventTime().get();
      boolean date =
          entity.columns().stream()
              .anyMatch(c -> c.name().equals(eventTime) && c.type() == ColumnType.DATE);
      if (date) {
        data =
            data.withColumn("local_date", col(eventTime))
                .withColumn("local_hour", lit(null).cast("int"));
      } else {
        Column local = from_utc_timestamp(col(eventTime), col("_zone"));
        data = data.withColumn("local_date", to_date(local)).withColumn("local_hour", hour(local));
      }
    }
    return data;
  }

  private static Column local(Column utc) {
    return from_utc_timestamp(utc, col("_zone")).cast("timestamp_ntz");
  }
}

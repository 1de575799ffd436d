package org.bluelamp.conform;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.from_utc_timestamp;
import static org.apache.spark.sql.functions.hour;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.to_date;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.bluelamp.Progress;
import org.bluelamp.contract.ColumnType;
import org.bluelamp.contract.EntitySpec;
import org.bluelamp.contract.Force;
import org.bluelamp.contract.Pipelines;
import org.bluelamp.contract.SourceContract;
import org.bluelamp.ingest.IngestJob;
import org.bluelamp.lake.JobResult;
import org.bluelamp.lake.Lake;
import org.bluelamp.lake.TableName;
import org.bluelamp.spatial.AreaJoin;

/**
 * Builds {@code silver.<entity>} for one force from every bronze source that feeds it: entity
 * columns only, {@code force_id}, local times in the force's zone, the areas containing each
 * located record, and one row per key (the most recently ingested wins across sources). The force's
 * rows are replaced as a whole, so a rerun gives the same table.
 */
public final class SilverJob {
  private final Lake lake;
  private final Pipelines pipelines;
  private final Progress progress;

  public SilverJob(Lake lake, Pipelines pipelines, Progress progress) {
    this.lake = requireNonNull(lake, "lake");
    this.pipelines = requireNonNull(pipelines, "pipelines");
    this.progress = requireNonNull(progress, "progress");
  }

  public static TableName table(EntitySpec entity) {
    return new TableName("silver", entity.name());
  }

  /** Entities in build order: areas first, since located entities are joined to them. */
  public List<EntitySpec> buildOrder() {
    List<EntitySpec> order = new ArrayList<>();
    pipelines.entities().values().stream()
        .filter(e -> e.geometry() == EntitySpec.EntityGeometry.AREA)
        .forEach(order::add);
    pipelines.entities().values().stream()
        .filter(e -> e.geometry() != EntitySpec.EntityGeometry.AREA)
        .forEach(order::add);
    return List.copyOf(order);
  }

  public JobResult run(EntitySpec entity, Force force) {
    List<Dataset<Row>> parts = new ArrayList<>();
    for (SourceContract source : pipelines.feeding(entity.name())) {
      TableName bronze = IngestJob.bronzeTable(source);
      if (source.force().equals(force.id()) && lake.exists(bronze)) {
        parts.add(conform(entity, lake.read(bronze)));
      }
    }
    TableName target = table(entity);
    if (parts.isEmpty()) {
      progress.log("silver", target + " (" + force.id() + "): no bronze input yet");
      return JobResult.written("silver", target.toString(), 0);
    }
    Dataset<Row> data = parts.stream().reduce((a, b) -> a.unionByName(b, true)).orElseThrow();
    data = latestPerKey(entity, data.withColumn("force_id", lit(force.id())));
    data = localTimes(entity, force, data);
    for (String areaType : entity.areas()) {
      Dataset<Row> areas =
          lake.read(new TableName("silver", "area"))
              .filter(col("force_id").equalTo(force.id()).and(col("area_type").equalTo(areaType)));
      data = AreaJoin.assign(data, areas, entity.key(), areaType);
    }
    lake.replaceWhere(target, data, "force_id = '" + force.id() + "'");
    long rows = lake.read(target).filter(col("force_id").equalTo(force.id())).count();
    progress.log("silver", target + " (" + force.id() + "): " + Progress.count(rows) + " rows");
    return JobResult.written("silver", target.toString(), rows);
  }

  private static Dataset<Row> conform(EntitySpec entity, Dataset<Row> bronze) {
    List<String> available = List.of(bronze.columns());
    List<Column> select = new ArrayList<>();
    for (EntitySpec.Column column : entity.columns()) {
      select.add(
          available.contains(column.name())
              ? col(column.name()).cast(column.type().sparkType()).as(column.name())
              : lit(null).cast(column.type().sparkType()).as(column.name()));
    }
    List<String> extra =
        switch (entity.geometry()) {
          case POINT -> List.of("x_m", "y_m", "lon", "lat", "geom");
          case AREA -> List.of("geom", "geom_planar");
          case NONE -> List.of();
        };
    extra.forEach(c -> select.add(col(c)));
    for (String lineage : List.of("_source", "_batch_id", "_ingested_at", "_file", "_offset")) {
      select.add(col(lineage));
    }
    return bronze.select(select.toArray(Column[]::new));
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
   * zone); for the event time, also {@code local_date} and {@code local_hour}.
   */
  private static Dataset<Row> localTimes(EntitySpec entity, Force force, Dataset<Row> data) {
    String zone = force.zone().getId();
    for (EntitySpec.Column column : entity.columns()) {
      if (column.type() == ColumnType.TIMESTAMP && column.name().endsWith("_at")) {
        String local = column.name().substring(0, column.name().length() - 3) + "_local";
        data =
            data.withColumn(
                local, from_utc_timestamp(col(column.name()), zone).cast("timestamp_ntz"));
      }
    }
    if (entity.eventTime().isPresent()) {
      Column local = from_utc_timestamp(col(entity.eventTime().get()), zone);
      data = data.withColumn("local_date", to_date(local)).withColumn("local_hour", hour(local));
    }
    return data;
  }
}

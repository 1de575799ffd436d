package org.bluelamp.quality;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_trunc;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.from_utc_timestamp;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.bluelamp.Progress;
import org.bluelamp.contract.Clearance;
import org.bluelamp.contract.Force;
import org.bluelamp.contract.Pii;
import org.bluelamp.contract.Pipelines;
import org.bluelamp.contract.SourceContract;
import org.bluelamp.ingest.RecordFacts;
import org.bluelamp.lake.JobResult;
import org.bluelamp.lake.Lake;
import org.bluelamp.lake.Pseudonyms;
import org.bluelamp.lake.TableName;
import org.bluelamp.lake.Tables;

/**
 * Data quality as tables: {@code ops.rule_catalog} (every check of every source, with its
 * category), {@code silver.dq_issue} (one row per failed check of a record: quarantined records
 * from {@code bronze.quarantine}, accepted ones from the warnings bronze keeps on them) and {@code
 * ops.silver_coverage}. The gold coding-error reports are SQL over {@code silver.dq_issue}.
 */
public final class DataQualityJob {

  private static final StructType CATALOG_SCHEMA =
      new StructType()
          .add("force_id", DataTypes.StringType, false)
          .add("source", DataTypes.StringType, false)
          .add("system", DataTypes.StringType, false)
          .add("rule", DataTypes.StringType, false)
          .add("category", DataTypes.StringType, false)
          .add("action", DataTypes.StringType, false)
          .add("description", DataTypes.StringType, false);

  private final Lake lake;
  private final Pipelines pipelines;
  private final Pseudonyms pseudonyms;
  private final Progress progress;

  public DataQualityJob(Lake lake, Pipelines pipelines, Pseudonyms pseudonyms, Progress progress) {
    this.lake = requireNonNull(lake, "lake");
    this.pipelines = requireNonNull(pipelines, "pipelines");
    this.pseudonyms = requireNonNull(pseudonyms, "pseudonyms");
    this.progress = requireNonNull(progress, "progress");
  }

  public JobResult run(List<Force> forces) {
    return run(forces, pipelines.sources(), true);
  }

  /**
   * The micro-batch path: refreshes the failed checks of these sources only, and leaves the
   * coverage of every entity to the next full run.
   */
  public JobResult run(List<Force> forces, List<SourceContract> sources) {
    return run(forces, sources, false);
  }

  private JobResult run(List<Force> forces, List<SourceContract> sources, boolean coverage) {
    Dataset<Row> catalog = catalog();
    lake.overwrite(Tables.RULE_CATALOG, catalog);
    List<String> forceIds = forces.stream().map(Force::id).toList();
    List<SourceContract> checked =
        sources.stream().filter(s -> forceIds.contains(s.force())).toList();
    List<Dataset<Row>> parts = new ArrayList<>();
    if (lake.exists(Tables.QUARANTINE)) {
      parts.add(
          quarantined()
              .filter(col("source").isin(checked.stream().map(SourceContract::id).toArray())));
    }
    for (SourceContract source : checked) {
      TableName bronze = TableName.bronze(source.id());
      if (lake.exists(bronze) && List.of(lake.read(bronze).columns()).contains("_warnings")) {
        parts.add(warned(source, lake.read(bronze)));
      }
    }
    String predicate =
        Force.rowsOf(forceIds)
            + (coverage
                ? ""
                : checked.stream()
                    .map(s -> "'" + s.id() + "'")
                    .collect(Collectors.joining(", ", " AND source IN (", ")")));
    long rows = 0;
    if (!parts.isEmpty()) {
      Dataset<Row> failures = parts.stream().reduce(Dataset::unionByName).orElseThrow();
      Dataset<Row> issues =
          pseudonyms.add(
              categorised(failures, catalog).filter(predicate),
              Pii.pseudonyms(List.of(Tables.DQ_PII_VALUE)));
      lake.replaceWhere(Tables.DQ_ISSUE, issues, predicate);
      rows = lake.read(Tables.DQ_ISSUE).filter(predicate).count();
    }
    progress.log(
        "silver", Tables.DQ_ISSUE + ": " + Progress.count(rows) + " failed checks on records");
    if (coverage) {
      new SilverCoverage(lake, pipelines, progress).update(forceIds);
    }
    return JobResult.written("silver", Tables.DQ_ISSUE.toString(), rows);
  }

  private Dataset<Row> catalog() {
    List<Row> rows = new ArrayList<>();
    for (SourceContract source : pipelines.sources()) {
      for (RuleCatalog.Entry entry : RuleCatalog.of(source)) {
        rows.add(
            RowFactory.create(
                source.force(),
                source.id(),
                source.system(),
                entry.rule(),
                entry.category(),
                entry.action().name().toLowerCase(Locale.ROOT),
                entry.description()));
      }
    }
    return lake.spark().createDataFrame(rows, CATALOG_SCHEMA);
  }

  private Dataset<Row> quarantined() {
    return lake.read(Tables.QUARANTINE)
        .select(
            col("_source").as("source"),
            col("_file").as("file"),
            col("_offset").as("offset"),
            col("record_key"),
            col("service"),
            col("event_at"),
            col("_ingested_at").as("ingested_at"),
            lit("quarantined").as("status"),
            explode(col("failures")).as("f"));
  }

  private Dataset<Row> warned(SourceContract source, Dataset<Row> bronze) {
    return bronze
        .filter("size(_warnings) > 0")
        .select(
            lit(source.id()).as("source"),
            col("_file").as("file"),
            col("_offset").as("offset"),
            RecordFacts.key(source).as("record_key"),
            RecordFacts.service(source).as("service"),
            RecordFacts.eventAt(source, pipelines).as("event_at"),
            col("_ingested_at").as("ingested_at"),
            lit("accepted").as("status"),
            explode(col("_warnings")).as("f"));
  }

  /**
   * Files each failure under its rule's category and the force's week (Monday, local) of the event,
   * or of the ingestion when the event time is unknown.
   */
  private Dataset<Row> categorised(Dataset<Row> failures, Dataset<Row> catalog) {
    Column zone = lit("UTC");
    for (Force force : pipelines.forces().values()) {
      zone = when(col("force_id").equalTo(force.id()), lit(force.zone().getId())).otherwise(zone);
    }
    Dataset<Row> rules =
        catalog.select(
            col("source").as("_c_source"),
            col("rule").as("_c_rule"),
            col("force_id"),
            col("category"));
    Dataset<Row> sources =
        catalog.select(col("source").as("_s_source"), col("force_id").as("_s_force")).distinct();
    Dataset<Row> joined =
        failures
            .join(
                rules,
                failures
                    .col("source")
                    .equalTo(rules.col("_c_source"))
                    .and(failures.col("f.rule").equalTo(rules.col("_c_rule"))),
                "left")
            .join(sources, failures.col("source").equalTo(sources.col("_s_source")), "left");
    Column pii = piiColumn();
    return joined
        .withColumn("force_id", coalesce(col("force_id"), col("_s_force")))
        .withColumn(
            "week_start",
            to_date(
                date_trunc(
                    "week",
                    from_utc_timestamp(coalesce(col("event_at"), col("ingested_at")), zone))))
        .select(
            col("force_id"),
            col("source"),
            col("service"),
            col("week_start"),
            coalesce(col("category"), lit("uncatalogued")).as("category"),
            col("f.rule").as("rule"),
            col("f.column").as("column"),
            when(pii, lit(null).cast("string")).otherwise(col("f.value")).as("value"),
            when(pii, col("f.value")).as(Tables.DQ_PII_VALUE),
            col("f.reason").as("reason"),
            col("f.action").as("action"),
            col("status"),
            col("record_key"),
            col("event_at"),
            col("file"),
            col("offset"),
            col("ingested_at"),
            clearance());
  }

  /** Whether a failure is of a column its source declares PII (its value is personal data). */
  private Column piiColumn() {
    Column pii = lit(false);
    for (SourceContract source : pipelines.sources()) {
      if (!source.pii().isEmpty()) {
        pii =
            pii.or(
                col("source")
                    .equalTo(source.id())
                    .and(col("f.column").isin(source.pii().toArray())));
      }
    }
    return pii;
  }

  /**
   * The clearance a failed check's row needs: a record of a graded entity (intelligence) may be one
   * above a user's clearance, and a quarantined record was never graded, so its checks need the
   * highest; those of other entities none.
   */
  private Column clearance() {
    Object[] graded =
        pipelines.sources().stream()
            .filter(
                s ->
                    s.entity()
                        .map(e -> pipelines.entities().get(e))
                        .filter(e -> e != null && e.clearance().isPresent())
                        .isPresent())
            .map(SourceContract::id)
            .toArray();
    return when(col("source").isin(graded), lit(Clearance.HIGHEST))
        .otherwise(lit(0))
        .as(Clearance.COLUMN);
  }
}

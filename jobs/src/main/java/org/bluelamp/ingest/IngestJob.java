package org.bluelamp.ingest;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map_keys;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.when;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;
import org.bluelamp.Errors;
import org.bluelamp.Progress;
import org.bluelamp.contract.Action;
import org.bluelamp.contract.BuiltInRule;
import org.bluelamp.contract.ColumnSpec;
import org.bluelamp.contract.ColumnType;
import org.bluelamp.contract.Force;
import org.bluelamp.contract.Pipelines;
import org.bluelamp.contract.RuleSpec;
import org.bluelamp.contract.SourceContract;
import org.bluelamp.jdbc.Connections;
import org.bluelamp.jdbc.JdbcConnection;
import org.bluelamp.lake.Interval;
import org.bluelamp.lake.JobResult;
import org.bluelamp.lake.Lake;
import org.bluelamp.lake.TableName;

/**
 * The one engine that runs every source contract: read -> type -> code lists -> location -> quality
 * rules -> in-batch de-duplication -> Delta MERGE into {@code bronze.<source>}, with rejected
 * records in {@link Quarantine}. Records read = accepted + quarantined, always.
 */
public final class IngestJob {
  private static final int TYPE_CHANGE_MINIMUM = 3;

  private final Lake lake;
  private final Pipelines pipelines;
  private final Landing landing;
  private final Progress progress;
  private final Connections connections;

  public IngestJob(
      Lake lake, Pipelines pipelines, Landing landing, Progress progress, Connections connections) {
    this.lake = requireNonNull(lake, "lake");
    this.pipelines = requireNonNull(pipelines, "pipelines");
    this.landing = requireNonNull(landing, "landing");
    this.progress = requireNonNull(progress, "progress");
    this.connections = requireNonNull(connections, "connections");
  }

  public static TableName bronzeTable(SourceContract contract) {
    return TableName.bronze(contract.id());
  }

  /**
   * One batch of a source: its raw records, a stable id, the files whose earlier quarantine
   * verdicts it replaces, a description for progress lines, and what to record once it is written
   * (the file ledger or the watermark).
   */
  private record Batch(
      Dataset<Row> raw, String id, List<String> files, String describe, Runnable commit) {}

  /**
   * Ingests the source's new data for {@code interval}: files not ingested before in this version,
   * or rows above the stored watermark; with {@code reprocess}, everything again (a backfill; the
   * tables end up the same). {@link SourceCoverage#update} then brings the source's coverage up to
   * date (once for all the sources of a run).
   */
  public JobResult run(SourceContract contract, Interval interval, boolean reprocess) {
    Optional<Batch> batch =
        contract.reader().kind().readsFiles()
            ? fileBatch(contract, interval, reprocess)
            : jdbcBatch(contract, reprocess);
    if (batch.isEmpty()) {
      return new JobResult("ingest", bronzeTable(contract).toString(), 0, 0, 0, 0, Map.of());
    }
    JobResult result = ingest(contract, batch.get());
    batch.get().commit().run();
    return result;
  }

  private Optional<Batch> fileBatch(SourceContract contract, Interval interval, boolean reprocess) {
    List<LandingFile> inInterval = landing.select(contract, interval);
    FileLedger.Pending pending = FileLedger.pending(lake, contract.id(), inInterval, reprocess);
    List<LandingFile> files = pending.files();
    if (files.isEmpty()) {
      progress.log(
          "ingest",
          contract.id()
              + ": no new files for "
              + interval
              + (inInterval.isEmpty()
                  ? ""
                  : " (" + inInterval.size() + " already ingested; --reprocess reads them again)"));
      return Optional.empty();
    }
    checkHeaders(contract, files);
    Dataset<Row> raw =
        contract.reader().kind().readBySpark()
            ? NativeRawReader.read(
                lake.spark(), contract.id(), contract.reader(), files, contract.sourceColumns())
            : RawReader.read(
                lake.spark(),
                contract.id(),
                FileReader.of(contract.reader()),
                files,
                contract.sourceColumns());
    String id = batchId(contract, files.stream().map(f -> f.name() + ":" + f.size()).toList());
    return Optional.of(
        new Batch(
            raw,
            id,
            files.stream().map(LandingFile::name).toList(),
            files.size() + " file(s)",
            () -> FileLedger.record(lake, contract.id(), pending, id)));
  }

  private Optional<Batch> jdbcBatch(SourceContract contract, boolean reprocess) {
    JdbcConnection connection = connections.resolve(contract.reader().option("connection", ""));
    Optional<Watermarks.Mark> low =
        reprocess ? Optional.empty() : Watermarks.read(lake, contract.id());
    Optional<JdbcRawReader.Window> window =
        JdbcRawReader.read(
            lake.spark(),
            contract.id(),
            contract.reader(),
            connection,
            low,
            contract.sourceColumns(),
            contract.key().stream().map(k -> contract.column(k).orElseThrow().from()).toList());
    if (window.isEmpty()) {
      progress.log(
          "ingest",
          contract.id() + ": no new rows" + low.map(l -> " above " + l.value()).orElse(""));
      return Optional.empty();
    }
    JdbcRawReader.Window rows = window.get();
    String id = batchId(contract, List.of(rows.describe()));
    return Optional.of(
        new Batch(
            rows.raw(),
            id,
            List.of(),
            rows.describe(),
            () ->
                rows.high()
                    .ifPresent(
                        h ->
                            Watermarks.write(
                                lake,
                                contract.id(),
                                contract.reader().option("watermark", ""),
                                h))));
  }

  private JobResult ingest(SourceContract contract, Batch batch) {
    String target = bronzeTable(contract).toString();
    Force force = pipelines.force(contract.force());
    Timestamp ingestedAt = Timestamp.from(Instant.now());
    Dataset<Row> checked =
        check(contract, force, batch.raw()).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      List<Column> aggregates = new ArrayList<>();
      aggregates.add(sum(when(Failures.having(Action.QUARANTINE), 1).otherwise(0)));
      aggregates.add(sum(when(Failures.having(Action.FAIL), 1).otherwise(0)));
      List<ColumnSpec> typed = typedColumns(contract);
      typed.forEach(c -> aggregates.add(count(col(c.name()))));
      aggregates.add(max(size(col(RawReader.EXTRA))));
      Row totals = checked.agg(count(lit(1)), aggregates.toArray(Column[]::new)).first();
      long read = totals.getLong(0);
      failOnFatal(contract, checked, totals.isNullAt(2) ? 0 : totals.getLong(2));
      Map<String, Long> ruleFailures = ruleFailures(checked);
      for (int i = 0; i < typed.size(); i++) {
        failOnTypeChange(contract, checked, typed.get(i), totals.getLong(3 + i), ruleFailures);
      }
      int extraColumns = 3 + typed.size();
      if (!totals.isNullAt(extraColumns) && totals.getInt(extraColumns) > 0) {
        reportNewColumns(contract, checked);
      }
      long quarantinedByRules = totals.isNullAt(1) ? 0 : totals.getLong(1);

      Dataset<Row> ranked = rank(contract, checked.filter(not(Failures.having(Action.QUARANTINE))));
      Column duplicate =
          col("_rank").gt(1).and(sequence(contract).eqNullSafe(col("_winner_sequence")));
      Dataset<Row> duplicates =
          ranked
              .filter(duplicate)
              .withColumn(
                  Failures.COLUMN,
                  array(
                      Failures.when(
                          lit(true),
                          BuiltInRule.DUPLICATE.ruleName(),
                          null,
                          lit(null),
                          Action.QUARANTINE,
                          concat(
                              lit("same key and sequence as "),
                              col("_winner_file"),
                              lit(" line "),
                              col("_winner_offset")))));
      Dataset<Row> quarantined =
          checked
              .filter(Failures.having(Action.QUARANTINE))
              .select(quarantineColumns(contract, batch.id(), ingestedAt))
              .unionByName(duplicates.select(quarantineColumns(contract, batch.id(), ingestedAt)));
      Dataset<Row> winners =
          ranked
              .filter(col("_rank").equalTo(1))
              .select(bronzeColumns(contract, batch.id(), ingestedAt));
      // One pass counts both: the winners written to bronze and the duplicates quarantined.
      Row ranks =
          ranked.agg(count(when(col("_rank").equalTo(1), 1)), count(when(duplicate, 1))).first();
      long duplicatesCount = ranks.getLong(1);
      long quarantinedCount = quarantinedByRules + duplicatesCount;
      // Records of this batch that pass now: any earlier quarantine verdict on them is lifted.
      Dataset<Row> released =
          ranked.filter(not(duplicate)).select(col(RawReader.FILE), col(RawReader.OFFSET));

      Quarantine.write(lake, contract.id(), batch.files(), quarantined, quarantinedCount, released);
      lake.merge(bronzeTable(contract), winners, contract.key(), updateWhen(contract));

      long written = ranks.getLong(0);
      if (duplicatesCount > 0) {
        ruleFailures.put(BuiltInRule.DUPLICATE.ruleName(), duplicatesCount);
      }
      JobResult result =
          new JobResult(
              "ingest",
              target,
              read,
              read - quarantinedCount,
              quarantinedCount,
              written,
              ruleFailures);
      progress.log(
          "ingest",
          contract.id()
              + ": "
              + Progress.count(read)
              + " read, "
              + Progress.count(result.rowsAccepted())
              + " accepted, "
              + Progress.count(quarantinedCount)
              + " quarantined ("
              + batch.describe()
              + ", "
              + Progress.count(duplicatesCount)
              + " duplicates)");
      return result;
    } finally {
      checked.unpersist();
    }
  }

  /** Types every column and gathers each record's failures; adds the location columns. */
  private Dataset<Row> check(SourceContract contract, Force force, Dataset<Row> raw) {
    List<Column> select = new ArrayList<>();
    List<Column> failures = new ArrayList<>();
    for (String lineage :
        List.of(RawReader.FILE, RawReader.OFFSET, RawReader.RAW, RawReader.EXTRA)) {
      select.add(col(lineage));
    }
    failures.add(
        Failures.when(
            col(RawReader.ERROR).isNotNull(),
            BuiltInRule.MALFORMED.ruleName(),
            null,
            lit(null),
            Action.QUARANTINE,
            col(RawReader.ERROR)));
    for (ColumnSpec spec : contract.columns()) {
      Column typed = Typing.typed(spec, force.zone());
      select.add(typed.as(spec.name()));
      failures.add(Typing.parseFailure(spec, typed));
      if (spec.required()) {
        failures.add(Typing.requiredFailure(spec));
      }
    }
    select.add(array(failures.toArray(Column[]::new)).as("_f_typing"));
    Dataset<Row> data = raw.select(select.toArray(Column[]::new));
    List<String> failureColumns = new ArrayList<>(List.of("_f_typing"));
    for (int i = 0; i < contract.codeLists().size(); i++) {
      var spec = contract.codeLists().get(i);
      data = CodeLists.lookUp(lake.spark(), data, spec, pipelines.codeListFile(spec.list()), i);
      failureColumns.add("_f_code_" + i);
    }
    if (contract.geometry().isPresent()) {
      data = Locations.add(data, contract.geometry().get(), force);
      failureColumns.addAll(Locations.failureColumns());
    }
    List<Column> ruleFailures = new ArrayList<>();
    for (RuleSpec rule : contract.rules()) {
      ruleFailures.add(
          Failures.when(
              not(coalesce(expr(rule.check()), lit(false))),
              rule.name(),
              null,
              lit(null),
              rule.action(),
              lit("failed check: " + rule.check())));
    }
    data = data.withColumn("_f_rules", Failures.of(ruleFailures));
    failureColumns.add("_f_rules");
    List<Column> all = new ArrayList<>();
    for (String column : failureColumns) {
      Column value = col(column);
      all.add(column.equals("_f_typing") || column.equals("_f_rules") ? value : array(value));
    }
    Column merged =
        org.apache.spark.sql.functions.filter(
            org.apache.spark.sql.functions.flatten(array(all.toArray(Column[]::new))),
            Column::isNotNull);
    return data.withColumn(Failures.COLUMN, merged).drop(failureColumns.toArray(String[]::new));
  }

  private void failOnFatal(SourceContract contract, Dataset<Row> checked, long fatal) {
    if (fatal == 0) {
      return;
    }
    Row first =
        checked
            .filter(Failures.having(Action.FAIL))
            .select(
                col(RawReader.FILE),
                col(RawReader.OFFSET),
                expr("filter(" + Failures.COLUMN + ", f -> f.action = 'fail')[0] AS f"))
            .orderBy(RawReader.FILE, RawReader.OFFSET)
            .first();
    Row failure = first.getStruct(2);
    throw Errors.ruleFailed(
        contract.id(),
        first.getString(0),
        first.getLong(1),
        failure.getString(0),
        fatal + " record(s) failed; the first: " + failure.getString(4));
  }

  private static List<ColumnSpec> typedColumns(SourceContract contract) {
    return contract.columns().stream()
        .filter(c -> c.type() != ColumnType.STRING && !c.isConstant())
        .toList();
  }

  /**
   * A column whose every present value fails to parse has changed type at the source (a number
   * column now holding text, a new date format): that fails the batch instead of quarantining every
   * record. A few bad values are ordinary defects and are quarantined.
   */
  private void failOnTypeChange(
      SourceContract contract,
      Dataset<Row> checked,
      ColumnSpec column,
      long parsed,
      Map<String, Long> ruleFailures) {
    String rule = "parse:" + column.name();
    long failed = ruleFailures.getOrDefault(rule, 0L);
    if (parsed > 0 || failed < TYPE_CHANGE_MINIMUM) {
      return;
    }
    Row first =
        checked
            .filter(functions.exists(col(Failures.COLUMN), f -> f.getField("rule").equalTo(rule)))
            .select(
                col(RawReader.FILE),
                col(RawReader.OFFSET),
                expr("filter(" + Failures.COLUMN + ", f -> f.rule = '" + rule + "')[0].value"))
            .orderBy(RawReader.FILE, RawReader.OFFSET)
            .first();
    throw Errors.typeChanged(
        contract.id(),
        column.from(),
        column.type().name().toLowerCase(java.util.Locale.ROOT)
            + column.format().map(f -> " (" + f + ")").orElse(""),
        failed,
        first.getString(0),
        first.getLong(1),
        first.getString(2));
  }

  /** Undeclared columns are kept in bronze's {@code _extra} and reported once. */
  private void reportNewColumns(SourceContract contract, Dataset<Row> checked) {
    Map<String, String> firstFile = new java.util.TreeMap<>();
    for (Row row :
        checked
            .select(explode(map_keys(col(RawReader.EXTRA))).as("column"), col(RawReader.FILE))
            .groupBy("column")
            .agg(functions.min(RawReader.FILE))
            .collectAsList()) {
      firstFile.put(row.getString(0), row.getString(1));
    }
    if (firstFile.isEmpty()) {
      return;
    }
    progress.log(
        "ingest",
        contract.id()
            + ": new column(s) "
            + firstFile.keySet()
            + " not in the contract: kept in bronze's _extra, listed in ops.schema_changes;"
            + " map them in "
            + contract.file().getFileName()
            + " to use them");
    SchemaChanges.newColumns(lake, contract.id(), firstFile);
  }

  private static Map<String, Long> ruleFailures(Dataset<Row> checked) {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (Row row :
        checked
            .select(explode(col(Failures.COLUMN)).as("f"))
            .groupBy(col("f.rule"))
            .count()
            .orderBy("rule")
            .collectAsList()) {
      counts.put(row.getString(0), row.getLong(1));
    }
    return counts;
  }

  private static Column sequence(SourceContract contract) {
    return contract.sequence().map(s -> col(s)).orElse(lit(0));
  }

  /**
   * Ranks the accepted records sharing a key: the highest sequence wins, then the earliest file and
   * line. Another record with the winner's sequence is a duplicate; one with a lower sequence is an
   * older version, superseded (accepted, not written).
   */
  private static Dataset<Row> rank(SourceContract contract, Dataset<Row> accepted) {
    WindowSpec byKey =
        Window.partitionBy(contract.key().stream().map(k -> col(k)).toArray(Column[]::new))
            .orderBy(
                sequence(contract).desc_nulls_last(), col(RawReader.FILE), col(RawReader.OFFSET));
    return accepted
        .withColumn("_rank", row_number().over(byKey))
        .withColumn("_winner_sequence", first(sequence(contract)).over(byKey))
        .withColumn("_winner_file", first(col(RawReader.FILE)).over(byKey))
        .withColumn("_winner_offset", first(col(RawReader.OFFSET)).over(byKey));
  }

  private static Column updateWhen(SourceContract contract) {
    return contract
        .sequence()
        .map(s -> col("s." + s).gt(col("t." + s)))
        .orElse(not(col("s._row_hash").eqNullSafe(col("t._row_hash"))));
  }

  private static Column[] bronzeColumns(
      SourceContract contract, String batchId, Timestamp ingestedAt) {
    List<Column> columns = new ArrayList<>();
    List<Column> data = new ArrayList<>();
    for (String name : contract.outputColumns()) {
      data.add(col(name));
    }
    contract
        .geometry()
        .ifPresent(
            g ->
                (g.isPoint() ? Locations.POINT_COLUMNS : Locations.AREA_COLUMNS)
                    .forEach(c -> data.add(col(c))));
    columns.addAll(data);
    columns.add(lit(contract.id()).as("_source"));
    columns.add(lit(batchId).as("_batch_id"));
    columns.add(lit(ingestedAt).as("_ingested_at"));
    columns.add(col(RawReader.FILE).as("_file"));
    columns.add(col(RawReader.OFFSET).as("_offset"));
    columns.add(col(RawReader.EXTRA).as("_extra"));
    columns.add(
        functions
            .filter(col(Failures.COLUMN), f -> f.getField("action").equalTo("warn"))
            .as("_warnings"));
    columns.add(sha2(to_json(struct(data.toArray(Column[]::new))), 256).as("_row_hash"));
    return columns.toArray(Column[]::new);
  }

  private Column[] quarantineColumns(
      SourceContract contract, String batchId, Timestamp ingestedAt) {
    Column headline = Failures.firstQuarantining();
    // A malformed record's fields cannot be trusted: its errors go to the sending system.
    Column service =
        when(
                functions.exists(
                    col(Failures.COLUMN),
                    f -> f.getField("rule").equalTo(BuiltInRule.MALFORMED.ruleName())),
                lit(contract.system()))
            .otherwise(RecordFacts.service(contract));
    return new Column[] {
      lit(contract.id()).as("_source"),
      lit(batchId).as("_batch_id"),
      col(RawReader.FILE).as("_file"),
      col(RawReader.OFFSET).as("_offset"),
      headline.getField("rule").as("rule"),
      headline.getField("column").as("column"),
      headline.getField("value").as("value"),
      headline.getField("reason").as("reason"),
      col(Failures.COLUMN).as("failures"),
      col(RawReader.RAW).as("record"),
      RecordFacts.key(contract).as("record_key"),
      service.as("service"),
      RecordFacts.eventAt(contract, pipelines).as("event_at"),
      lit(ingestedAt).as("_ingested_at")
    };
  }

  /** Fails the source's batch, before reading, when a file lacks a declared column. */
  private void checkHeaders(SourceContract contract, List<LandingFile> files) {
    if (contract.reader().kind().readBySpark()) {
      return; // checked against the file's schema by NativeRawReader
    }
    List<String> needed = contract.sourceColumns();
    FileReader reader = FileReader.of(contract.reader());
    for (LandingFile file : files) {
      List<String> header;
      try (InputStream in = landing.open(file)) {
        header = reader.header(in);
      } catch (IOException e) {
        throw Errors.unreadableFile(contract.id(), file.name(), e);
      }
      if (header.isEmpty()) {
        continue;
      }
      List<String> missing = needed.stream().filter(c -> !header.contains(c)).toList();
      if (!missing.isEmpty()) {
        throw Errors.missingColumns(contract.id(), file.name(), missing, header);
      }
    }
  }

  /** The same input (file names and sizes, or a JDBC window) always gives the same batch id. */
  private static String batchId(SourceContract contract, List<String> parts) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(contract.id().getBytes(StandardCharsets.UTF_8));
      for (String part : parts) {
        digest.update(part.getBytes(StandardCharsets.UTF_8));
      }
      return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
